import { useEffect, useId, useImperativeHandle, useRef, useState, type KeyboardEvent, type Ref } from 'react';
import type { RecentReader, RecentReadersList } from '../../../common/recent-readers-contract';
import type { BridgeError } from '../../../common/result';
import { useBridge } from '../bridge/bridge-context';
import { ErrorNotice } from '../ui/ErrorNotice';
import { RecoveredFileNotice } from '../ui/RecoveredFileNotice';

// The last readers opened on this connection (main keeps them, issue #11), one line under
// the search box: ↓ in the box comes here, ←/→ (or ↑/↓) move along, Enter opens one, ↑ on
// the first or Escape goes back to the box. "Clear" forgets them on this computer.

export type RecentReadersHandle = { focusFirst(): void };

type RecentReadersProps = {
  connectionId: string;
  /** Changes whenever a reader has been opened, so the list is read again. */
  refreshKey: number;
  onOpen: (userId: string) => void;
  onBackToSearch: () => void;
  ref?: Ref<RecentReadersHandle>;
};

export function RecentReaders({ connectionId, refreshKey, onOpen, onBackToSearch, ref }: RecentReadersProps) {
  const bridge = useBridge();
  const headingId = useId();
  const [readers, setReaders] = useState<RecentReader[]>([]);
  const [error, setError] = useState<BridgeError | null>(null);
  const [recovered, setRecovered] = useState<RecentReadersList['recovered']>(undefined);
  const [dismissed, setDismissed] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const listRef = useRef<HTMLUListElement>(null);

  useEffect(() => {
    let current = true;
    void bridge.listRecentReaders({ connectionId }).then((result) => {
      if (!current) return;
      if (result.ok) {
        setReaders(result.value.readers);
        setRecovered(result.value.recovered);
      }
      setError(result.ok ? null : result.error);
    });
    return () => {
      current = false;
    };
  }, [bridge, connectionId, refreshKey]);

  const buttons = () => Array.from(listRef.current?.querySelectorAll<HTMLButtonElement>('button') ?? []);
  useImperativeHandle(ref, () => ({ focusFirst: () => buttons()[0]?.focus() }), []);

  const clear = async () => {
    const result = await bridge.clearRecentReaders({ connectionId });
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setReaders([]);
    setStatus('Recent readers cleared on this computer.');
    onBackToSearch();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLUListElement>) => {
    const all = buttons();
    const at = all.indexOf(document.activeElement as HTMLButtonElement);
    if (at < 0) return;
    const go = (index: number) => {
      event.preventDefault();
      all[index]?.focus();
    };
    if (event.key === 'ArrowRight' || event.key === 'ArrowDown') go(Math.min(at + 1, all.length - 1));
    else if (event.key === 'ArrowLeft') go(Math.max(at - 1, 0));
    else if (event.key === 'ArrowUp' || event.key === 'Escape') {
      if (event.key === 'ArrowUp' && at > 0) return go(at - 1);
      event.preventDefault();
      onBackToSearch();
    }
  };

  return (
    <section className="recent-readers" aria-labelledby={headingId}>
      <p role="status" className="visually-hidden">
        {status}
      </p>
      {error ? <ErrorNotice error={error} context="lookup" title="The recent readers could not be read." /> : null}
      {recovered && recovered.movedTo !== dismissed ? (
        <RecoveredFileNotice what="The list of recent readers" recovered={recovered} onDismiss={() => setDismissed(recovered.movedTo)} />
      ) : null}
      {readers.length > 0 ? (
        <div className="recent-row">
          <h2 id={headingId} className="recent-title">
            Recent
          </h2>
          <ul ref={listRef} className="recent-list" onKeyDown={onKeyDown}>
            {readers.map((reader) => (
              <li key={reader.userId}>
                <button type="button" className="recent-reader" onClick={() => onOpen(reader.userId)} title={reader.email ?? reader.userId}>
                  {reader.name || reader.email || reader.userId}
                </button>
              </li>
            ))}
          </ul>
          <button type="button" className="link-button" onClick={() => void clear()} aria-label="Clear recent readers">
            Clear
          </button>
        </div>
      ) : (
        <h2 id={headingId} className="visually-hidden">
          Recent readers: none yet
        </h2>
      )}
    </section>
  );
}

import { useEffect, useRef, useState } from 'react';
import type { HistoryEntry } from '../../../common/history-schemas';
import { useBridge } from '../bridge/bridge-context';
import { entrySummary } from './history-text';
import { useHistoryNavigation } from './history-navigation';

// On the reader screen: how often this computer changed this reader over this connection,
// the last change in one line, and the way to the full list.

type Summary = { phase: 'loading' } | { phase: 'failed' } | { phase: 'done'; total: number; last: HistoryEntry | undefined };

type ReaderHistorySummaryProps = {
  connectionId: string;
  userId: string;
  /** Changes after every save. */
  refreshKey: number;
  /** Told the newest entry each time it is read (the save's "Copy summary" is made from it); null when the history could not be read. */
  onLatest?: (entry: HistoryEntry | undefined | null) => void;
};

export function ReaderHistorySummary({ connectionId, userId, refreshKey, onLatest }: ReaderHistorySummaryProps) {
  const bridge = useBridge();
  const { showHistory } = useHistoryNavigation();
  const [summary, setSummary] = useState<Summary>({ phase: 'loading' });
  // Read through a ref: a new callback each render must not read the history again.
  const onLatestRef = useRef(onLatest);
  useEffect(() => {
    onLatestRef.current = onLatest;
  });

  useEffect(() => {
    let current = true;
    void bridge.listHistory({ filter: { userId, connectionId }, page: { offset: 0, limit: 1 } }).then((result) => {
      if (!current) return;
      setSummary(result.ok ? { phase: 'done', total: result.value.total, last: result.value.entries[0] } : { phase: 'failed' });
      onLatestRef.current?.(result.ok ? result.value.entries[0] : null);
    });
    return () => {
      current = false;
    };
  }, [bridge, connectionId, userId, refreshKey]);

  if (summary.phase === 'loading') return null;
  if (summary.phase === 'failed') {
    return <p className="hint reader-history">This computer's change history could not be read; see the History screen.</p>;
  }
  if (summary.total === 0) return <p className="hint reader-history">No change to this reader has been saved from this computer.</p>;
  return (
    <div className="reader-history">
      <p>
        <strong>Changed {summary.total === 1 ? 'once' : `${summary.total} times`} from this computer.</strong>{' '}
        {summary.last ? <>Last: {entrySummary(summary.last)}. </> : null}
        <button type="button" className="link-button" onClick={() => showHistory({ userId, connectionId })}>
          See all changes to this reader
        </button>
      </p>
    </div>
  );
}

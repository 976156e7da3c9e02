import { useEffect, useRef, useState } from 'react';
import type { LookupReaderResult, ConnectionSummary, ReaderView } from '../../../common/contract';
import type { RevertPlan } from '../../../common/history-schemas';
import type { BridgeError } from '../../../common/result';
import { useBridge } from '../bridge/bridge-context';
import { useUnsavedChanges } from '../unsaved/unsaved-changes-context';
import { ErrorNotice } from '../ui/ErrorNotice';
import { LookupForm } from './LookupForm';
import { MatchList } from './MatchList';
import { NoMatch } from './NoMatch';
import { preloadScreens, ReaderRecord } from '../lazy-screens';

// Find a reader and open them. One match opens directly; several give a choice; none
// says so. Anything that would replace a reader with unsent edits asks first.

type LookupState =
  | { phase: 'idle' }
  | { phase: 'searching'; query: string }
  | { phase: 'failed'; query: string; error: BridgeError }
  | { phase: 'done'; result: LookupReaderResult };

type RecordState =
  | { phase: 'none' }
  | { phase: 'loading'; userId: string }
  | { phase: 'failed'; userId: string; error: BridgeError }
  | { phase: 'loaded'; view: ReaderView; loadId: number; revert?: RevertPlan };

type ReaderScreenProps = {
  connection: ConnectionSummary;
  /** Opened to revert a change: its reader is looked up again and the form starts from the plan. */
  initialRevert?: RevertPlan | null;
  onRevertDone?: () => void;
};

export function ReaderScreen({ connection, initialRevert, onRevertDone }: ReaderScreenProps) {
  const bridge = useBridge();
  const { confirmDiscard } = useUnsavedChanges();
  const [lookup, setLookup] = useState<LookupState>({ phase: 'idle' });
  const [record, setRecord] = useState<RecordState>(initialRevert ? { phase: 'loading', userId: initialRevert.entry.userId } : { phase: 'none' });
  // Only the latest request may update the screen: a slow answer to an older search
  // must not replace the reader the agent is looking at now.
  const latestLookup = useRef(0);
  const latestLoad = useRef(0);

  // The other screens are loaded apart from the first paint; fetch them while the agent types.
  useEffect(() => {
    const timer = setTimeout(() => void preloadScreens(), 0);
    return () => clearTimeout(timer);
  }, []);

  // A revert looks its reader up again once, when this screen opens for it: the form must
  // start from what ConsCent holds now, not from what the change saw.
  useEffect(() => {
    if (!initialRevert) return;
    const loadId = ++latestLoad.current;
    void bridge.openReader({ connectionId: connection.id, userId: initialRevert.entry.userId }).then((result) => {
      if (loadId !== latestLoad.current) return;
      setRecord(result.ok ? { phase: 'loaded', view: result.value, loadId, revert: initialRevert } : { phase: 'failed', userId: initialRevert.entry.userId, error: result.error });
    });
  }, [bridge, connection.id, initialRevert]);

  const openUser = async (userId: string) => {
    const loadId = ++latestLoad.current;
    setRecord({ phase: 'loading', userId });
    const result = await bridge.openReader({ connectionId: connection.id, userId });
    if (loadId !== latestLoad.current) return;
    setRecord(result.ok ? { phase: 'loaded', view: result.value, loadId } : { phase: 'failed', userId, error: result.error });
  };

  const runLookup = async (query: string) => {
    const lookupId = ++latestLookup.current;
    latestLoad.current++; // forget any reader still loading
    setRecord({ phase: 'none' });
    setLookup({ phase: 'searching', query });
    // The id lets main abandon this search's request when a newer one starts.
    const result = await bridge.lookupReader({ connectionId: connection.id, query, searchId: lookupId });
    if (lookupId !== latestLookup.current) return;
    if (!result.ok) {
      setLookup({ phase: 'failed', query, error: result.error });
      return;
    }
    setLookup({ phase: 'done', result: result.value });
    const { opened, matches } = result.value;
    // Main opens a single match from the lookup's own answer; only when it could not is
    // one more request needed.
    if (opened) setRecord({ phase: 'loaded', view: opened, loadId: ++latestLoad.current });
    else if (matches.length === 1 && matches[0]) await openUser(matches[0].userId);
  };

  const openUserId = record.phase === 'none' ? null : record.phase === 'loaded' ? record.view.userId : record.userId;

  return (
    <div className="reader-screen">
      <section className="panel lookup-panel" aria-label="Lookup">
        <LookupForm searching={lookup.phase === 'searching'} onSearch={(query) => confirmDiscard(() => void runLookup(query))} />
        <p role="status" aria-live="polite" className="status-slot lookup-status">
          {statusText(lookup, record)}
        </p>
      </section>

      {lookup.phase === 'failed' ? (
        <ErrorNotice error={lookup.error} context="lookup" title="The search failed.">
          <button type="button" onClick={() => void runLookup(lookup.query)}>
            Try again
          </button>
        </ErrorNotice>
      ) : null}
      {lookup.phase === 'done' && lookup.result.matches.length === 0 ? <NoMatch result={lookup.result} /> : null}
      {lookup.phase === 'done' && lookup.result.matches.length > 1 ? (
        <MatchList
          result={lookup.result}
          openUserId={openUserId}
          onChoose={(userId) => confirmDiscard(() => void openUser(userId))}
        />
      ) : null}

      {record.phase === 'loading' ? <p className="loading">Loading the reader…</p> : null}
      {record.phase === 'failed' ? (
        <ErrorNotice error={record.error} context="open-reader" title="The reader could not be loaded.">
          <button type="button" onClick={() => void openUser(record.userId)}>
            Try again
          </button>
        </ErrorNotice>
      ) : null}
      {record.phase === 'loaded' ? (
        <ReaderRecord key={record.loadId} connection={connection} initialView={record.view} revert={record.revert} {...(onRevertDone ? { onRevertDone } : {})} />
      ) : null}
    </div>
  );
}

function statusText(lookup: LookupState, record: RecordState): string {
  if (lookup.phase === 'searching') return 'Searching…';
  if (record.phase === 'loading') return 'Loading the reader…';
  if (lookup.phase !== 'done') return '';
  const { matches, understoodAs } = lookup.result;
  // The no-match panel says it (and takes focus): saying it here too only repeats it.
  if (matches.length === 0) return '';
  if (matches.length > 1) return `${matches.length} readers found for ${understoodAs}. Choose one.`;
  if (record.phase === 'loaded') return `Opened the reader found for ${understoodAs}.`;
  return `1 reader found for ${understoodAs}.`;
}

import { useEffect, useRef, useState } from 'react';
import type { ConnectionSummary } from '../../../common/connections-contract';
import type { LookupReaderResult, ReaderView } from '../../../common/readers-contract';
import type { LocalReaderMatches } from '../../../common/recent-readers-contract';
import type { RevertPlan } from '../../../common/history-schemas';
import type { BridgeError } from '../../../common/result';
import { useBridge } from '../bridge/bridge-context';
import { useCommand } from '../keyboard/commands';
import { RecentReaders, type RecentReadersHandle } from '../recent/RecentReaders';
import { useUnsavedChanges } from '../unsaved/unsaved-changes-context';
import { ErrorNotice } from '../ui/ErrorNotice';
import { LookupForm } from './LookupForm';
import { MatchList } from './MatchList';
import { NoMatch } from './NoMatch';
import { LocalMatches } from './LocalMatches';
import { preloadScreens, ReaderRecord } from '../lazy-screens';

// Find a reader and open them. One match opens directly; several give a choice; none
// says so (and the search box has focus again). Anything that would replace a reader
// with unsent edits asks first. A conscent-console:// link arrives as `linkLookup`: the
// app has already asked about unsent edits and chosen the connection.

/** `ticket`: the link's ticket or reason, which the review of the reader it opens starts with. */
export type LinkLookup = { query: string; id: number; ticket?: string };

type LookupState =
  | { phase: 'idle' }
  | { phase: 'searching'; query: string }
  | { phase: 'failed'; query: string; error: BridgeError }
  | { phase: 'done'; result: LookupReaderResult }
  // A name searched among the readers this computer has worked with (never ConsCent).
  | { phase: 'local-searching'; text: string }
  | { phase: 'local-failed'; text: string; error: BridgeError }
  | { phase: 'local'; text: string; result: LocalReaderMatches };

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
  /** A lookup asked for by a link; `onLinkLookupTaken` is called once it has started. */
  linkLookup?: LinkLookup | null;
  onLinkLookupTaken?: () => void;
  /** Increases when the agent asks for the search box (Ctrl+K, the menu). */
  focusSearchKey?: number;
  /** Whether this screen is the one on show (shortcuts act only then). */
  active?: boolean;
};

export function ReaderScreen({
  connection,
  initialRevert,
  onRevertDone,
  linkLookup,
  onLinkLookupTaken,
  focusSearchKey = 0,
  active = true,
}: ReaderScreenProps) {
  const bridge = useBridge();
  const { confirmDiscard } = useUnsavedChanges();
  const [lookup, setLookup] = useState<LookupState>({ phase: 'idle' });
  const [record, setRecord] = useState<RecordState>(initialRevert ? { phase: 'loading', userId: initialRevert.entry.userId } : { phase: 'none' });
  // Only the latest request may update the screen: a slow answer to an older search
  // must not replace the reader the agent is looking at now.
  const latestLookup = useRef(0);
  const latestLoad = useRef(0);
  const searchRef = useRef<HTMLInputElement>(null);
  const recentRef = useRef<RecentReadersHandle>(null);
  const [opened, setOpened] = useState(0);
  // The ticket of the link whose search is on screen: it goes with the reader that search
  // opens (or the match the agent picks from it), and not with one the agent finds by hand.
  const [linkTicket, setLinkTicket] = useState<string | undefined>(undefined);
  const focusSearch = () => {
    searchRef.current?.focus();
    searchRef.current?.select();
  };

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
      setRecord(
        result.ok
          ? { phase: 'loaded', view: result.value, loadId, revert: initialRevert }
          : { phase: 'failed', userId: initialRevert.entry.userId, error: result.error },
      );
    });
  }, [bridge, connection.id, initialRevert]);

  const openReader = async (userId: string) => {
    const loadId = ++latestLoad.current;
    setRecord({ phase: 'loading', userId });
    const result = await bridge.openReader({ connectionId: connection.id, userId });
    if (loadId !== latestLoad.current) return;
    setRecord(result.ok ? { phase: 'loaded', view: result.value, loadId } : { phase: 'failed', userId, error: result.error });
    if (result.ok) setOpened((n) => n + 1);
  };

  // Refresh: the open reader again from ConsCent (asking first about unsent edits).
  const refresh = () => {
    if (record.phase === 'loaded' || record.phase === 'failed') {
      const userId = record.phase === 'loaded' ? record.view.userId : record.userId;
      confirmDiscard(() => void openReader(userId));
    }
  };
  useCommand('refresh-reader', refresh, active);

  // Ctrl+K / the menu: to the search box, its text selected so typing replaces it.
  useEffect(() => {
    if (focusSearchKey > 0) focusSearch();
  }, [focusSearchKey]);

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
    const { opened: openedView, matches } = result.value;
    // Nothing found: back to the box for the next try (the status line says what happened).
    if (matches.length === 0) focusSearch();
    // Main opens a single match from the lookup's own answer; only when it could not is
    // one more request needed.
    if (openedView) {
      setRecord({ phase: 'loaded', view: openedView, loadId: ++latestLoad.current });
      setOpened((n) => n + 1);
    } else if (matches.length === 1 && matches[0]) await openReader(matches[0].userId);
  };

  // A name: looked for on this computer only; nothing is sent to ConsCent.
  const runLocalSearch = async (text: string) => {
    const lookupId = ++latestLookup.current;
    latestLoad.current++; // as any search: the reader on screen gives way to the results
    setRecord({ phase: 'none' });
    setLookup({ phase: 'local-searching', text });
    const result = await bridge.findLocalReaders({ connectionId: connection.id, text });
    if (lookupId !== latestLookup.current) return;
    setLookup(result.ok ? { phase: 'local', text, result: result.value } : { phase: 'local-failed', text, error: result.error });
    if (!result.ok || result.value.readers.length === 0) focusSearch();
  };

  // A link's lookup: the box shows what the link asked for, and the search runs.
  const linkId = linkLookup?.id;
  useEffect(() => {
    if (!linkLookup) return;
    const { query, ticket } = linkLookup;
    // Started just after this commit (a search is what the link asked for, not a render).
    void Promise.resolve().then(() => {
      onLinkLookupTaken?.();
      setLinkTicket(ticket);
      return runLookup(query);
    });
    // Runs once per link (its id); runLookup is this render's.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [linkId]);

  const openReaderId = record.phase === 'none' ? null : record.phase === 'loaded' ? record.view.userId : record.userId;
  // An error's Try again (and Refresh) sends the same search, or opens the same reader, again.
  const retryLookup = () => {
    if (lookup.phase === 'failed') void runLookup(lookup.query);
  };
  const reopen = () => {
    if (record.phase === 'failed') void openReader(record.userId);
  };

  return (
    <div className="reader-screen">
      <section className="panel lookup-panel" aria-label="Lookup">
        <LookupForm
          searching={lookup.phase === 'searching'}
          onSearch={(query) =>
            confirmDiscard(() => {
              setLinkTicket(undefined);
              void runLookup(query);
            })
          }
          onSearchLocal={(text) =>
            confirmDiscard(() => {
              setLinkTicket(undefined);
              void runLocalSearch(text);
            })
          }
          inputRef={searchRef}
          prefill={linkLookup ? { text: linkLookup.query, id: linkLookup.id } : null}
          onArrowDown={() => recentRef.current?.focusFirst()}
        />
        <RecentReaders
          ref={recentRef}
          connectionId={connection.id}
          refreshKey={opened}
          onOpen={(userId) =>
            confirmDiscard(() => {
              setLinkTicket(undefined);
              void openReader(userId);
            })
          }
          onBackToSearch={focusSearch}
        />
        {/* The live region: says what a search found, and the name of the reader opened
            (focus then goes to the first edit field). */}
        <p role="status" aria-live="polite" className="status-slot lookup-status">
          {statusText(lookup, record)}
        </p>
      </section>

      {lookup.phase === 'failed' ? (
        <ErrorNotice error={lookup.error} context="lookup" title="The search failed." fixes={{ 'try-again': retryLookup, refresh: retryLookup }} />
      ) : null}
      {lookup.phase === 'local-failed' ? (
        <ErrorNotice error={lookup.error} context="lookup" title="The readers this computer has worked with could not be searched.">
          <button type="button" onClick={() => void runLocalSearch(lookup.text)}>
            Try again
          </button>
        </ErrorNotice>
      ) : null}
      {lookup.phase === 'local' ? (
        <LocalMatches
          text={lookup.text}
          result={lookup.result}
          openReaderId={openReaderId}
          onChoose={(userId) => confirmDiscard(() => void openReader(userId))}
        />
      ) : null}
      {lookup.phase === 'done' && lookup.result.matches.length === 0 ? <NoMatch result={lookup.result} /> : null}
      {lookup.phase === 'done' && lookup.result.matches.length > 1 ? (
        <MatchList result={lookup.result} openReaderId={openReaderId} onChoose={(userId) => confirmDiscard(() => void openReader(userId))} />
      ) : null}

      {record.phase === 'loading' ? <p className="loading">Loading the reader…</p> : null}
      {record.phase === 'failed' ? (
        <ErrorNotice
          error={record.error}
          context="open-reader"
          title="The reader could not be loaded."
          fixes={{ 'try-again': reopen, refresh: reopen }}
        />
      ) : null}
      {record.phase === 'loaded' ? (
        <ReaderRecord
          key={record.loadId}
          connection={connection}
          initialView={record.view}
          revert={record.revert}
          onRefresh={refresh}
          active={active}
          linkTicket={record.revert ? undefined : linkTicket}
          {...(onRevertDone ? { onRevertDone } : {})}
        />
      ) : null}
    </div>
  );
}

function statusText(lookup: LookupState, record: RecordState): string {
  if (lookup.phase === 'searching') return 'Searching…';
  if (lookup.phase === 'local-searching') return 'Searching the readers this computer has worked with…';
  if (record.phase === 'loading') return 'Loading the reader…';
  if (record.phase === 'loaded') {
    const { name, email, userId } = record.view;
    const found = lookup.phase === 'done' && lookup.result.matches.length === 1 ? ` found for ${lookup.result.understoodAs}` : '';
    return `Opened ${name || email || `the reader ${userId}`}${found}.`;
  }
  if (lookup.phase === 'local') {
    const count = lookup.result.readers.length;
    if (count === 0)
      return `No reader this computer has worked with matches “${lookup.text}”. ConsCent can be searched only by user id, email or phone number.`;
    return `${count === 1 ? '1 reader' : `${count} readers`} this computer has worked with ${count === 1 ? 'matches' : 'match'} “${lookup.text}”. Choose one.`;
  }
  if (lookup.phase !== 'done') return '';
  const { matches, understoodAs } = lookup.result;
  // The panel below says for what; focus is back in the search box.
  if (matches.length === 0) return 'No reader found. Change the search and press Enter to try again.';
  if (matches.length > 1) return `${matches.length} readers found for ${understoodAs}. Choose one.`;
  return `1 reader found for ${understoodAs}.`;
}

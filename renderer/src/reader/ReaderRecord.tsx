import { useId, useLayoutEffect, useRef, useState } from 'react';
import type { ConnectionSummary } from '../../../common/connections-contract';
import type { UpdateReaderResult, ReaderView } from '../../../common/readers-contract';
import type { HistoryEntry, RevertPlan } from '../../../common/history-schemas';
import { EditReaderForm } from '../edit/EditReaderForm';
import { ReaderHistorySummary } from '../history/ReaderHistorySummary';
import { RevertNotice } from '../history/RevertNotice';
import { ReaderHead } from './ReaderHead';
import { SaveOutcome } from './SaveOutcome';
import { ReaderDetails } from './ReaderDetails';

// One opened reader: its name and ids (with copy buttons), the edit form, and beside it
// (≥ 1200 px) or below it what ConsCent returned (read-only) and what this computer
// changed. After a save both show the record the update call returned. Opened for a
// revert, the form starts from the change's previous values. When a reader opens, focus
// goes to the first edit field (the screen's status line announces the reader's name).

type ReaderRecordProps = {
  connection: ConnectionSummary;
  initialView: ReaderView;
  revert?: RevertPlan | undefined;
  onRevertDone?: () => void;
  onRefresh?: () => void;
  /** Whether the reader screen is on show (the form's shortcuts act only then). */
  active?: boolean;
  /** The ticket or reason of the link that opened this reader, for the review's field. */
  linkTicket?: string | undefined;
};

export function ReaderRecord({ connection, initialView, revert, onRevertDone, onRefresh, active = true, linkTicket }: ReaderRecordProps) {
  const [view, setView] = useState(initialView);
  const [lastSave, setLastSave] = useState<UpdateReaderResult | null>(null);
  // The newest history entry of this reader, and the newest one before the last save: the
  // save's summary is made from an entry newer than that one, never from an older change.
  const [latestEntry, setLatestEntry] = useState<HistoryEntry | undefined | null>(undefined);
  const [entryBeforeSave, setEntryBeforeSave] = useState(0);
  const [saves, setSaves] = useState(0);
  // Bumped by every send that reached ConsCent or failed on the way: the history summary
  // reads its entry again, so an unknown outcome is not hidden behind "no change saved".
  const [attempts, setAttempts] = useState(0);
  const [reverting, setReverting] = useState(revert);
  const headingId = useId();
  const articleRef = useRef<HTMLElement>(null);

  useLayoutEffect(() => {
    articleRef.current?.querySelector<HTMLElement>('.edit-panel input:not([disabled]), .edit-panel select:not([disabled])')?.focus();
  }, []);

  const onSaved = (result: UpdateReaderResult) => {
    // The update answer carries no subscriptions; the ones the lookup showed still hold.
    setView((previous) =>
      result.user.subscriptions || !previous.subscriptions ? result.user : { ...result.user, subscriptions: previous.subscriptions },
    );
    setLastSave(result);
    setEntryBeforeSave(latestEntry?.id ?? 0);
    setSaves((n) => n + 1);
    if (reverting) stopReverting();
  };

  const stopReverting = () => {
    setReverting(undefined);
    onRevertDone?.();
  };

  return (
    <article className="reader-record" ref={articleRef} aria-labelledby={headingId}>
      <ReaderHead connection={connection} view={view} headingId={headingId} onRefresh={onRefresh} />
      <div className="reader-columns">
        <div className="reader-edit-column">
          {reverting ? <RevertNotice plan={reverting} view={view} onCancel={stopReverting} /> : null}
          {/* Keyed by the revert, so stopping it starts the form again from the reader as shown. */}
          <EditReaderForm
            key={reverting ? `revert-${reverting.entry.id}` : 'edit'}
            connection={connection}
            user={view}
            onSaved={onSaved}
            revert={reverting}
            active={active}
            onSendFailed={() => setAttempts((n) => n + 1)}
            onRefresh={onRefresh}
            initialTicket={linkTicket}
          />
        </div>
        <section className="panel record-panel" aria-label="As ConsCent returned it">
          <h3 className="record-title">As ConsCent returned it</h3>
          <p className="hint">{view.source === 'lookup' ? "As returned by ConsCent's lookup." : 'As ConsCent returned it after the update.'}</p>
          <ReaderHistorySummary connectionId={connection.id} userId={view.userId} refreshKey={saves + attempts} onLatest={setLatestEntry} />
          {lastSave ? <SaveOutcome result={lastSave} entry={savedEntry(latestEntry, entryBeforeSave, view.userId)} /> : null}
          <ReaderDetails view={view} />
        </section>
      </div>
    </article>
  );
}

/** The history entry of the save just made (newer than the last one before it, this reader's, saved); null when the history could not be read. */
function savedEntry(latest: HistoryEntry | undefined | null, before: number, userId: string): HistoryEntry | undefined | null {
  if (latest === null) return null;
  return latest && latest.id > before && latest.userId === userId && latest.status === 'saved' ? latest : undefined;
}

import { useLayoutEffect, useRef, useState } from 'react';
import type { ConnectionSummary, UpdateReaderResult, ReaderView } from '../../../common/contract';
import type { RevertPlan } from '../../../common/history-schemas';
import { EditReaderForm } from '../edit/EditReaderForm';
import { FIELD_LABELS } from '../edit/field-labels';
import { rememberedSource } from '../format/format-remembered';
import { ReaderHistorySummary } from '../history/ReaderHistorySummary';
import { RevertNotice } from '../history/RevertNotice';
import { SaveOutcome } from './SaveOutcome';
import { ReaderDetails } from './ReaderDetails';

// One opened reader: what ConsCent returned (read-only), what this computer changed, and
// the edit form. After a save both show the record the update call returned. Opened for a
// revert, the form starts from the change's previous values.

type ReaderRecordProps = {
  connection: ConnectionSummary;
  initialView: ReaderView;
  revert?: RevertPlan | undefined;
  onRevertDone?: () => void;
};

export function ReaderRecord({ connection, initialView, revert, onRevertDone }: ReaderRecordProps) {
  const [view, setView] = useState(initialView);
  const [lastSave, setLastSave] = useState<UpdateReaderResult | null>(null);
  const [saves, setSaves] = useState(0);
  const [reverting, setReverting] = useState(revert);
  const headingRef = useRef<HTMLHeadingElement>(null);

  useLayoutEffect(() => {
    headingRef.current?.focus();
  }, []);

  const onSaved = (result: UpdateReaderResult) => {
    // The update answer carries no subscriptions; the ones the lookup showed still hold.
    setView((previous) => (result.user.subscriptions || !previous.subscriptions ? result.user : { ...result.user, subscriptions: previous.subscriptions }));
    setLastSave(result);
    setSaves((n) => n + 1);
    if (reverting) stopReverting();
  };

  const stopReverting = () => {
    setReverting(undefined);
    onRevertDone?.();
  };

  return (
    <article className="reader-record">
      <section className="panel" aria-labelledby="reader-heading">
        <h2 id="reader-heading" ref={headingRef} tabIndex={-1}>
          {view.name || view.email || 'Reader without a name'}
        </h2>
        <p className="hint">
          {view.source === 'lookup'
            ? "As returned by ConsCent's lookup, which does not include the phone number, gender or address lists."
            : 'As ConsCent returned it after the update.'}
          {view.source === 'lookup' && view.remembered
            ? ` The ${view.remembered.fields.map((field) => FIELD_LABELS[field].toLowerCase()).join(', ')} shown are ${rememberedSource(view.remembered)}.`
            : null}
        </p>
        <ReaderHistorySummary connectionId={connection.id} userId={view.userId} refreshKey={saves} />
        {lastSave ? <SaveOutcome result={lastSave} /> : null}
        <ReaderDetails view={view} />
      </section>
      {reverting ? <RevertNotice plan={reverting} view={view} onCancel={stopReverting} /> : null}
      {/* Keyed by the revert, so stopping it starts the form again from the reader as shown. */}
      <EditReaderForm key={reverting ? `revert-${reverting.entry.id}` : 'edit'} connection={connection} user={view} onSaved={onSaved} revert={reverting} />
    </article>
  );
}

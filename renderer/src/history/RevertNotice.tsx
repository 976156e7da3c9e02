import type { ReaderView } from '../../../common/readers-contract';
import type { RevertPlan } from '../../../common/history-schemas';
import { FIELD_LABELS } from '../edit/field-labels';
import { Time } from '../format/Time';
import { damagedRevertWarning, revertDrift } from './revert';
import { agentText } from './history-text';

// Shown above the edit form while a change is being reverted: what the form now holds,
// what cannot be restored, and where the reader no longer matches the change.

const labels = (fields: readonly string[]) => fields.map((field) => FIELD_LABELS[field as keyof typeof FIELD_LABELS].toLowerCase()).join(', ');

export function RevertNotice({ plan, view, onCancel }: { plan: RevertPlan; view: ReaderView; onCancel: () => void }) {
  const { entry } = plan;
  const drift = revertDrift(view, entry);
  return (
    <section className="notice notice-warning revert-notice" aria-labelledby="revert-heading">
      <h2 id="revert-heading">Reverting change {entry.id}</h2>
      <p>
        Change {entry.id} was saved on <Time iso={entry.at} /> by {agentText(entry)}.{' '}
        {plan.restore.length > 0
          ? `The form below holds the previous ${labels(plan.restore.map((r) => r.field))}. Review and send them as usual; the new change is recorded as reverting change ${entry.id}.`
          : 'None of its fields can be restored.'}
      </p>
      {plan.fromDamagedHistory ? (
        <p role="alert">
          <span aria-hidden="true">⚠</span> <strong>{damagedRevertWarning(entry.id)}</strong>
        </p>
      ) : null}
      {plan.cannotRestore.length > 0 ? (
        <p>
          <strong>Cannot be restored: {labels(plan.cannotRestore)}</strong> — the previous value was never returned by ConsCent.
        </p>
      ) : null}
      {drift.changed.length > 0 ? (
        <p role="alert">
          <span aria-hidden="true">⚠</span> This reader no longer holds what change {entry.id} set for their {labels(drift.changed)}: it was changed
          again since. Reverting replaces the current value too; decide before sending.
        </p>
      ) : null}
      {drift.unknown.length > 0 ? (
        <p>
          The console does not know this reader's current {labels(drift.unknown)}, so it cannot tell whether they still hold what change {entry.id}{' '}
          set.
        </p>
      ) : null}
      <div className="button-row">
        <button type="button" onClick={onCancel}>
          Stop reverting
        </button>
      </div>
    </section>
  );
}

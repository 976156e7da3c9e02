import type { HistoryEntry, RevertPlan } from '../../common/history-schemas';
import { HistoryError } from './history-error';

// Undo of one saved change: the previous value of every field whose previous value the
// console knew. Fields it never knew cannot be restored, and the plan says which.

export function revertPlanFor(entry: HistoryEntry): RevertPlan {
  if (entry.status !== 'saved') {
    throw new HistoryError(
      entry.status === 'failed' ? 'revert-not-saved' : 'revert-unconfirmed',
      { entryId: entry.id },
      entry.status === 'failed'
        ? `Change ${entry.id} was not saved, so there is nothing to revert.`
        : `ConsCent never confirmed change ${entry.id}; look the reader up to see what it holds, and edit from there.`,
    );
  }
  return {
    entry,
    restore: entry.changes.flatMap((change) => (change.before === null ? [] : [{ field: change.field, value: change.before }])),
    cannotRestore: entry.changes.flatMap((change) => (change.before === null ? [change.field] : [])),
  };
}

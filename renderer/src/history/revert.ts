import type { ReaderView } from '../../../common/readers-contract';
import type { HistoryEntry, HistoryValue, RevertPlan } from '../../../common/history-schemas';
import { ADDRESS_KEYS, type EditableField } from '../../../common/user-schemas';
import { emptyAddress, type AddressEntryValues, type AddressValues, type EditFormValues } from '../edit/form-values';
import { isoToDayText } from '../format/times';
import { FROM_DAMAGED_HISTORY } from './history-integrity-text';

// Undo in the form: the form starts from the reader as ConsCent returns them now, with
// the fields the plan restores set to their previous values; the usual review and save
// follow. Before that, the agent is told where the reader no longer matches the change.

function addressOf(value: HistoryValue): AddressValues {
  const address = emptyAddress();
  if (typeof value !== 'object' || Array.isArray(value)) return address;
  for (const key of ADDRESS_KEYS) address[key] = value[key] ?? '';
  return address;
}

function listOf(value: HistoryValue): AddressEntryValues[] {
  if (!Array.isArray(value)) return [];
  return value.map((entry) => (entry._id ? { ...addressOf(entry), _id: entry._id } : addressOf(entry)));
}

/** Issue 18: a revert's previous values from a history with damage in it are never used silently. */
export function damagedRevertWarning(entryId: number): string {
  return `The previous values of change ${entryId} come ${FROM_DAMAGED_HISTORY}: check them with the reader before sending.`;
}

/** The form's values with every restorable field set to its value before the change. */
export function revertValues(values: EditFormValues, plan: RevertPlan): EditFormValues {
  const next: EditFormValues = structuredClone(values);
  for (const { field, value } of plan.restore) {
    switch (field) {
      case 'address':
        next.address = addressOf(value);
        break;
      case 'shippingAddress':
      case 'billingAddress':
        next[field] = listOf(value);
        break;
      case 'dateOfBirth':
        next.dateOfBirth = typeof value === 'string' ? isoToDayText(value) : '';
        break;
      default:
        next[field] = typeof value === 'string' ? value : '';
    }
  }
  return next;
}

/** A value reduced to what the agent sees, so formatting differences do not count as changes. */
function comparable(field: EditableField, value: unknown): string {
  if (value === undefined || value === null) return '';
  if (field === 'dateOfBirth' && typeof value === 'string') return isoToDayText(value);
  if (typeof value === 'string') return value.trim();
  const parts = (entry: Record<string, unknown>) => ADDRESS_KEYS.map((key) => String(entry[key] ?? '').trim()).join('|');
  if (Array.isArray(value)) return value.map((entry) => parts(entry as Record<string, unknown>)).join('\n');
  return parts(value as Record<string, unknown>);
}

export type Drift = { changed: EditableField[]; unknown: EditableField[] };

/**
 * Where the reader, as the console knows them now, no longer holds what the change set:
 * someone or something changed them since. Fields whose current value is not known are
 * listed apart: the console cannot tell.
 */
export function revertDrift(view: ReaderView, entry: HistoryEntry): Drift {
  const drift: Drift = { changed: [], unknown: [] };
  for (const change of entry.changes) {
    if (!view.known.includes(change.field)) drift.unknown.push(change.field);
    else if (comparable(change.field, view[change.field]) !== comparable(change.field, change.after)) drift.changed.push(change.field);
  }
  return drift;
}

import { ADDRESS_KEYS, EDITABLE_FIELDS, type EditableField } from '../../../common/user-schemas';
import { ADDRESS_LABELS, formatAddressLine } from '../format/format-address';
import { dateInputToIso } from '../format/format-date';
import { FIELD_LABELS } from './field-labels';
import { emptyAddress, type AddressEntryValues, type AddressValues, type EditBaseline, type EditFormValues } from './form-values';

// The one place that decides what is sent to ConsCent: the fields whose value differs
// from what the form started with, after trimming. The review shows exactly these rows
// and the body is exactly what the update call gets, so the two can never disagree.

/** The PATCH body before validation (values may still be invalid, e.g. a bad email). */
export type ChangeBody = {
  name?: string;
  email?: string;
  countryCode?: string;
  phone?: string;
  gender?: string;
  dateOfBirth?: string;
  address?: AddressValues;
  shippingAddress?: AddressEntryValues[];
  billingAddress?: AddressEntryValues[];
};

export type ChangeRow = {
  field: EditableField;
  label: string;
  /** Lines of the value before; null when ConsCent did not return it ("not known"). */
  before: string[] | null;
  /** Lines of the value that will be sent. */
  after: string[];
  /** Things the agent must know about how this field is sent. */
  notes: string[];
};

export type ChangeSet = { body: ChangeBody; rows: ChangeRow[] };

export const EMPTY_TEXT = '(empty)';
export const LIST_APPEND_NOTE =
  'ConsCent may add these entries to the existing list instead of replacing it. Check the list it returns after sending.';
export const WHOLE_ADDRESS_NOTE = 'The whole address is sent; the parts not shown are sent unchanged.';
export const UNKNOWN_ADDRESS_NOTE =
  'The current address is not known: the whole address is sent, and parts left empty are sent as empty.';
export const UNKNOWN_LIST_NOTE =
  'The current list is not known (ConsCent\'s lookup does not return it), so only the entries above are sent.';

const SCALAR_FIELDS = ['name', 'email', 'countryCode', 'phone', 'gender', 'dateOfBirth'] as const;
type ScalarField = (typeof SCALAR_FIELDS)[number];

function trimAddress(address: AddressValues): AddressValues {
  // Built from the eight keys only: the API's address object is strict.
  const trimmed = emptyAddress();
  for (const key of ADDRESS_KEYS) trimmed[key] = (address[key] ?? '').trim();
  return trimmed;
}

function trimEntry(entry: AddressEntryValues): AddressEntryValues {
  const trimmed: AddressEntryValues = trimAddress(entry);
  // Keep the server's id so ConsCent can tell an edited entry from a new one.
  if (entry._id) trimmed._id = entry._id;
  return trimmed;
}

function sameAddress(a: AddressValues, b: AddressValues): boolean {
  return ADDRESS_KEYS.every((key) => a[key] === b[key]);
}

function sameList(a: AddressEntryValues[], b: AddressEntryValues[]): boolean {
  return a.length === b.length && a.every((entry, i) => {
    const other = b[i];
    return other !== undefined && sameAddress(entry, other) && (entry._id ?? '') === (other._id ?? '');
  });
}

const show = (value: string): string => (value === '' ? EMPTY_TEXT : value);

function entryLine(entry: AddressEntryValues, index: number): string {
  const text = formatAddressLine(entry) ?? '(empty address)';
  return `${index + 1}. ${text}${entry._id ? '' : ' (new)'}`;
}

function addressPartLines(address: AddressValues, keys: readonly (keyof AddressValues)[]): string[] {
  return keys.map((key) => `${ADDRESS_LABELS[key]}: ${show(address[key])}`);
}

function scalarRow(field: ScalarField, known: boolean, before: string, after: string): ChangeRow {
  const notes = field === 'dateOfBirth' && after !== '' ? [`Sent as ${dateInputToIso(after)} (midnight UTC).`] : [];
  return { field, label: FIELD_LABELS[field], before: known ? [show(before)] : null, after: [show(after)], notes };
}

export function computeChanges(baseline: EditBaseline, current: EditFormValues): ChangeSet {
  const body: ChangeBody = {};
  const rowsByField = new Map<EditableField, ChangeRow>();
  const was = baseline.values;

  for (const field of SCALAR_FIELDS) {
    const before = was[field].trim();
    const after = (current[field] ?? '').trim();
    if (before === after) continue;
    body[field] = field === 'dateOfBirth' ? dateInputToIso(after) : after;
    rowsByField.set(field, scalarRow(field, baseline.known.has(field), before, after));
  }

  const addressBefore = trimAddress(was.address);
  const addressAfter = trimAddress(current.address);
  if (!sameAddress(addressBefore, addressAfter)) {
    body.address = addressAfter;
    const known = baseline.known.has('address');
    const changedKeys = ADDRESS_KEYS.filter((key) => addressBefore[key] !== addressAfter[key]);
    rowsByField.set('address', {
      field: 'address',
      label: FIELD_LABELS.address,
      before: known ? addressPartLines(addressBefore, changedKeys) : null,
      after: addressPartLines(addressAfter, known ? changedKeys : ADDRESS_KEYS),
      notes: [known ? WHOLE_ADDRESS_NOTE : UNKNOWN_ADDRESS_NOTE],
    });
  }

  for (const field of ['shippingAddress', 'billingAddress'] as const) {
    const before = was[field].map(trimEntry);
    const after = (current[field] ?? []).map(trimEntry);
    if (sameList(before, after)) continue;
    body[field] = after;
    const known = baseline.known.has(field);
    rowsByField.set(field, {
      field,
      label: FIELD_LABELS[field],
      before: known ? (before.length > 0 ? before.map(entryLine) : ['(no addresses)']) : null,
      after: after.length > 0 ? after.map(entryLine) : ['(no addresses)'],
      notes: known ? [LIST_APPEND_NOTE] : [LIST_APPEND_NOTE, UNKNOWN_LIST_NOTE],
    });
  }

  // Rows in the form's field order, whatever order they were found in.
  const rows = EDITABLE_FIELDS.flatMap((field) => {
    const row = rowsByField.get(field);
    return row ? [row] : [];
  });
  return { body, rows };
}

import { ADDRESS_KEYS, EDITABLE_FIELDS, type EditableField } from '../../../common/user-schemas';
import { ADDRESS_LABELS, formatAddressLine } from '../format/format-address';
import { dayTextToIso, localTime, normaliseDayText } from '../format/times';
import { genderLabel } from '../format/format-gender';
import { rememberedSource } from '../format/format-remembered';
import { FIELD_LABELS } from './field-labels';
import { emptyAddress, type AddressEntryValues, type AddressValues, type EditBaseline, type EditFormValues } from './form-values';
import { normalisePhone } from './phone-input';

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
  /**
   * Set when sending this field may destroy data nobody has seen (a list whose current
   * content is not known): the warning, and the words the agent must explicitly agree to
   * before sending.
   */
  warning?: string;
  confirm?: string;
};

export type AddressListField = 'shippingAddress' | 'billingAddress';

export type ChangeSet = {
  body: ChangeBody;
  rows: ChangeRow[];
  /** For each list sent, the form index of every body entry (empty entries are left out). */
  formIndex: Partial<Record<AddressListField, number[]>>;
};

export const EMPTY_TEXT = '(empty)';
export const KNOWN_LIST_NOTE =
  "The whole list is sent, so ConsCent's list becomes exactly these entries; existing entries keep their ids. The record ConsCent returns after sending shows the result.";
export const EMPTY_ENTRY_NOTE = 'Entries with every part empty are not sent.';
export const WHOLE_ADDRESS_NOTE = 'The whole address is sent; the parts not shown are sent unchanged.';
export const UNKNOWN_ADDRESS_NOTE = 'The current address is not known: the whole address is sent, and parts left empty are sent as empty.';

const LIST_NOUNS: Record<AddressListField, [one: string, many: string]> = {
  shippingAddress: ['shipping address', 'shipping addresses'],
  billingAddress: ['billing address', 'billing addresses'],
};

/** Said in the form and in the review whenever a list whose current content is not known would be sent. */
export function unknownListWarning(field: AddressListField, count: number): string {
  const [one, many] = LIST_NOUNS[field];
  const entries = count === 1 ? `the 1 ${one}` : `the ${count} ${many}`;
  return `ConsCent's lookup does not return this reader's ${many}, so the console does not know them. ConsCent may replace every ${one} this reader has with ${entries} sent here; addresses you cannot see here may be lost.`;
}

/** The checkbox the agent must tick before such a list can be sent. */
export function unknownListConfirmation(field: AddressListField, count: number): string {
  const [one, many] = LIST_NOUNS[field];
  return `I understand: every ${one} this reader has may be replaced by ${count === 1 ? `this 1 ${one}` : `these ${count} ${many}`}.`;
}

/**
 * When a list's content is known only from the history of a save before this console
 * started (issue 17): the time it was known, formatted; null when ConsCent returned it in
 * this session, or when it is not known at all. Such a list is a guess: the reader may
 * have added addresses elsewhere since, and sending it replaces them.
 */
export function listKnownOnlySince(baseline: EditBaseline, field: AddressListField): string | null {
  const remembered = baseline.remembered;
  if (remembered?.from !== 'history' || !remembered.fields.includes(field) || !baseline.known.has(field)) return null;
  return localTime(remembered.at) ?? remembered.at;
}

/** Said in the form and in the review whenever a list known only from an earlier save would be sent. */
export function staleListWarning(field: AddressListField, count: number, since: string): string {
  const [one, many] = LIST_NOUNS[field];
  const entries = count === 1 ? `the 1 ${one}` : `the ${count} ${many}`;
  return `This reader's ${many} are known only from your save on this computer at ${since}, not from ConsCent now. ConsCent replaces the whole list with ${entries} sent here, so ${many} added or changed elsewhere since ${since} will be lost.`;
}

/** The checkbox the agent must tick before such a list can be sent. */
export function staleListConfirmation(field: AddressListField, count: number, since: string): string {
  const [one, many] = LIST_NOUNS[field];
  return `I understand: ${many} added since ${since} elsewhere will be lost; the list becomes ${count === 1 ? `this 1 ${one}` : `these ${count} ${many}`}.`;
}

export function rememberedNote(baseline: EditBaseline, field: EditableField): string | null {
  const remembered = baseline.remembered;
  if (!remembered?.fields.includes(field)) return null;
  return `Current value ${rememberedSource(remembered)}; ConsCent's lookup does not return it.`;
}

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

export function isEmptyEntry(entry: AddressValues): boolean {
  return ADDRESS_KEYS.every((key) => (entry[key] ?? '').trim() === '');
}

function sameAddress(a: AddressValues, b: AddressValues): boolean {
  return ADDRESS_KEYS.every((key) => a[key] === b[key]);
}

function sameList(a: AddressEntryValues[], b: AddressEntryValues[]): boolean {
  return (
    a.length === b.length &&
    a.every((entry, i) => {
      const other = b[i];
      return other !== undefined && sameAddress(entry, other) && (entry._id ?? '') === (other._id ?? '');
    })
  );
}

const show = (value: string): string => (value === '' ? EMPTY_TEXT : value);

function entryLine(entry: AddressEntryValues, index: number): string {
  const text = formatAddressLine(entry) ?? '(empty address)';
  return `${index + 1}. ${text}${entry._id ? '' : ' (new)'}`;
}

function addressPartLines(address: AddressValues, keys: readonly (keyof AddressValues)[]): string[] {
  return keys.map((key) => `${ADDRESS_LABELS[key]}: ${show(address[key])}`);
}

function scalarRow(field: ScalarField, baseline: EditBaseline, before: string, after: string): ChangeRow {
  const notes = field === 'dateOfBirth' && after !== '' ? [`Sent as ${dayTextToIso(after)} (midnight UTC).`] : [];
  const remembered = rememberedNote(baseline, field);
  if (remembered) notes.push(remembered);
  const shown = (value: string) => (field === 'gender' && value !== '' ? genderLabel(value) : show(value));
  return { field, label: FIELD_LABELS[field], before: baseline.known.has(field) ? [shown(before)] : null, after: [shown(after)], notes };
}

export function computeChanges(baseline: EditBaseline, current: EditFormValues): ChangeSet {
  const body: ChangeBody = {};
  const formIndex: ChangeSet['formIndex'] = {};
  const rowsByField = new Map<EditableField, ChangeRow>();
  const was = baseline.values;
  // The same split the form applies when the agent leaves the phone field, so what is
  // reviewed and sent never depends on where the focus was.
  const now = { ...current, ...normalisePhone({ countryCode: current.countryCode ?? '', phone: current.phone ?? '' }) };

  for (const field of SCALAR_FIELDS) {
    // A date of birth typed as "13 may 1990" or "1990-05-13" is the same day as "13 May 1990".
    const same = field === 'dateOfBirth' ? normaliseDayText : (value: string) => value.trim();
    const before = same(was[field]);
    const after = same(now[field] ?? '');
    if (before === after) continue;
    body[field] = field === 'dateOfBirth' ? dayTextToIso(after) : after;
    rowsByField.set(field, scalarRow(field, baseline, before, after));
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
    // A new entry with every part empty is not sent (an emptied existing one is refused
    // by the form's validation instead: see edit-schema.ts).
    const kept = (current[field] ?? [])
      .map((entry, index) => ({ entry: trimEntry(entry), index }))
      .filter(({ entry }) => entry._id !== undefined || !isEmptyEntry(entry));
    const after = kept.map(({ entry }) => entry);
    if (sameList(before, after)) continue;
    body[field] = after;
    formIndex[field] = kept.map(({ index }) => index);
    const known = baseline.known.has(field);
    const dropped = (current[field] ?? []).length - kept.length;
    const since = listKnownOnlySince(baseline, field);
    const remembered = rememberedNote(baseline, field);
    const notes = known ? [KNOWN_LIST_NOTE, ...(remembered ? [remembered] : [])] : [];
    if (dropped > 0) notes.push(EMPTY_ENTRY_NOTE);
    rowsByField.set(field, {
      field,
      label: FIELD_LABELS[field],
      before: known ? (before.length > 0 ? before.map(entryLine) : ['(no addresses)']) : null,
      after: after.length > 0 ? after.map(entryLine) : ['(no addresses)'],
      notes,
      ...(known ? {} : { warning: unknownListWarning(field, after.length), confirm: unknownListConfirmation(field, after.length) }),
      ...(since === null
        ? {}
        : { warning: staleListWarning(field, after.length, since), confirm: staleListConfirmation(field, after.length, since) }),
    });
  }

  // Rows in the form's field order, whatever order they were found in.
  const rows = EDITABLE_FIELDS.flatMap((field) => {
    const row = rowsByField.get(field);
    return row ? [row] : [];
  });
  return { body, rows, formIndex };
}

import type { RememberedFields, ReaderView } from '../../../common/readers-contract';
import { ADDRESS_KEYS, type AddressKey, type EditableField } from '../../../common/user-schemas';
import { isoToDayText } from '../format/times';

// The edit form's values: every field is a string (what inputs hold), unknown fields are
// empty. `dateOfBirth` is a YYYY-MM-DD day because the form uses <input type="date">.

export type AddressValues = Record<AddressKey, string>;
/** `_id` is the server's id of an existing list entry; new entries have none. */
export type AddressEntryValues = AddressValues & { _id?: string };

export type EditFormValues = {
  name: string;
  email: string;
  countryCode: string;
  phone: string;
  /** '' when not set; otherwise MALE/FEMALE/OTHERS, or whatever other text ConsCent stored. */
  gender: string;
  dateOfBirth: string;
  address: AddressValues;
  shippingAddress: AddressEntryValues[];
  billingAddress: AddressEntryValues[];
};

/** What the form started from: the values and which fields ConsCent actually returned. */
export type EditBaseline = {
  values: EditFormValues;
  known: ReadonlySet<EditableField>;
  /** Known fields the lookup did not return: the console remembered them (when, from what). */
  remembered?: RememberedFields;
};

type StoredAddressLike = Partial<Record<AddressKey, string | undefined>> & { _id?: string | undefined };

export function emptyAddress(): AddressValues {
  return { name: '', apartment: '', area: '', pincode: '', landmark: '', city: '', state: '', country: '' };
}

function toAddressValues(address: StoredAddressLike | undefined): AddressValues {
  const values = emptyAddress();
  if (!address) return values;
  for (const key of ADDRESS_KEYS) values[key] = address[key] ?? '';
  return values;
}

function toEntryValues(entry: StoredAddressLike): AddressEntryValues {
  const values: AddressEntryValues = toAddressValues(entry);
  if (entry._id) values._id = entry._id;
  return values;
}

export function toBaseline(user: ReaderView): EditBaseline {
  const known = new Set(user.known);
  // A field ConsCent did not return starts empty: showing a guessed value would let the
  // agent "confirm" something nobody has seen. A remembered field is known: the form
  // starts from it (lists keep their entries' ids) and labels where it came from.
  const pick = (field: EditableField, value: string | undefined): string => (known.has(field) ? (value ?? '') : '');
  return {
    known,
    ...(user.remembered ? { remembered: user.remembered } : {}),
    values: {
      name: pick('name', user.name),
      email: pick('email', user.email),
      countryCode: pick('countryCode', user.countryCode),
      phone: pick('phone', user.phone),
      gender: pick('gender', user.gender),
      dateOfBirth: known.has('dateOfBirth') ? isoToDayText(user.dateOfBirth) : '',
      address: known.has('address') ? toAddressValues(user.address) : emptyAddress(),
      shippingAddress: known.has('shippingAddress') ? (user.shippingAddress ?? []).map(toEntryValues) : [],
      billingAddress: known.has('billingAddress') ? (user.billingAddress ?? []).map(toEntryValues) : [],
    },
  };
}

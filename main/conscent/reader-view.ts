import type { ReaderView } from '../../common/readers-contract';
import { ADDRESS_KEYS, type Address, type EditableField } from '../../common/user-schemas';
import { type StoredAddress, type UserAndSubscriptionDetails, type UserData } from './conscent-answers';

// Builds what the console shows from what ConsCent returned. `known` lists the editable
// fields the API actually returned, so the UI never presents a guess as a stored value.

function fullAddress(stored: StoredAddress): Address {
  const address = {} as Address;
  for (const key of ADDRESS_KEYS) address[key] = stored[key] ?? '';
  return address;
}

function addressList(list: StoredAddress[]): NonNullable<ReaderView['shippingAddress']> {
  return list.map((entry) => (entry._id ? { ...fullAddress(entry), _id: entry._id } : fullAddress(entry)));
}

/** From the update-user response: the whole record. */
export function viewFromUserData(data: UserData): ReaderView {
  const view: ReaderView = { userId: data.userId, source: 'update', known: [] };
  const known: EditableField[] = [];
  const set = <K extends EditableField>(field: K, value: ReaderView[K] | undefined) => {
    if (value === undefined) return;
    view[field] = value;
    known.push(field);
  };
  set('name', data.name);
  set('email', data.email);
  set('countryCode', data.countryCode);
  set('phone', data.phone);
  set('gender', data.gender);
  set('dateOfBirth', data.dateOfBirth ?? undefined);
  set('address', data.address ? fullAddress(data.address) : undefined);
  set('shippingAddress', data.shippingAddress ? addressList(data.shippingAddress) : undefined);
  set('billingAddress', data.billingAddress ? addressList(data.billingAddress) : undefined);
  if (data.status !== undefined) view.status = data.status;
  if (data.isEmailVerified !== undefined) view.isEmailVerified = data.isEmailVerified;
  if (data.isPhoneVerified !== undefined) view.isPhoneVerified = data.isPhoneVerified;
  if (data.createdAt !== undefined) view.createdAt = data.createdAt;
  if (data.updatedAt !== undefined) view.updatedAt = data.updatedAt;
  view.known = known;
  return view;
}

/** From the user-and-subscription-details lookup: part of the record plus subscriptions. */
export function viewFromDetails(userId: string, details: UserAndSubscriptionDetails): ReaderView {
  const d = details.userdetails;
  const view: ReaderView = { userId, source: 'lookup', known: [], subscriptions: details.userSubscriptions };
  const known: EditableField[] = [];
  if (d.name !== undefined) {
    view.name = d.name;
    known.push('name');
  }
  if (d.email !== undefined) {
    view.email = d.email;
    known.push('email');
  }
  if (d.dateOfBirth) {
    view.dateOfBirth = d.dateOfBirth;
    known.push('dateOfBirth');
  }
  if (d.address) {
    view.address = fullAddress(d.address);
    known.push('address');
  }
  view.known = known;
  return view;
}

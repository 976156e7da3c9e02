import { ADDRESS_KEYS, type AddressKey } from '../../../common/user-schemas';

// Labels for the eight address parts, shared by the details view, the form and the review.
export const ADDRESS_LABELS: Record<AddressKey, string> = {
  name: 'Recipient name',
  apartment: 'Apartment / house',
  area: 'Area',
  pincode: 'Pincode',
  landmark: 'Landmark',
  city: 'City',
  state: 'State',
  country: 'Country',
};

export type AddressLike = Partial<Record<AddressKey, string | undefined>>;

/** One line for reading: the non-empty parts in address order, or null when all are empty. */
export function formatAddressLine(address: AddressLike | null | undefined): string | null {
  if (!address) return null;
  const parts = ADDRESS_KEYS.map((key) => address[key]?.trim() ?? '').filter((part) => part !== '');
  return parts.length > 0 ? parts.join(', ') : null;
}

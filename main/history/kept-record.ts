import type { z } from 'zod';
import { EDITABLE_FIELDS } from '../../common/user-schemas';
import { UserData } from '../conscent/conscent-answers';

// What an outcome line keeps of the record ConsCent returned with a saved change: only
// what a later edit or revert starts from (docs/history.md, "What an outcome line keeps").
// That is the reader's id and the editable fields as ConsCent now holds them, the address
// lists with each entry's `_id` (an edit that keeps an address must send its `_id` back).
// Coupons, client-specific ids, verification flags, migration and timestamps are not
// needed for that and are personal data the history would only hoard, so they are dropped.

const KEPT_KEYS = ['userId', ...EDITABLE_FIELDS] as const;

/** The record as an outcome line keeps it; any older line with the whole record still reads (it is a UserData). */
export const KeptRecord = UserData.pick({
  userId: true,
  name: true,
  email: true,
  countryCode: true,
  phone: true,
  gender: true,
  dateOfBirth: true,
  address: true,
  shippingAddress: true,
  billingAddress: true,
});
export type KeptRecord = z.infer<typeof KeptRecord>;

/** The kept fields of a returned record, in a fixed order; unknown keys inside addresses go too. */
export function keptRecord(record: UserData): KeptRecord {
  const picked = Object.fromEntries(KEPT_KEYS.flatMap((key) => (record[key] === undefined ? [] : [[key, record[key]]])));
  return KeptRecord.parse(picked);
}

import { z } from 'zod';
import { OBJECT_ID_PATTERN } from './object-id';

// The ConsCent user model as the console edits it, shared by main (IPC payloads, the
// PATCH body it sends) and the renderer (the form as the agent types). ConsCent's answers
// are read only by main (main/conscent/conscent-answers.ts); the simulator has its own
// reading of the API (simulator/api-schemas.ts).
// Field list and formats: docs/conscent-api.md (inferred from the 200 response and
// the register-user endpoint; the update page documents no body table).

export { OBJECT_ID_PATTERN };
export const ObjectId = z.string().regex(OBJECT_ID_PATTERN, 'A ConsCent user id is 24 hexadecimal characters (0-9, a-f).');

export const GENDERS = ['MALE', 'FEMALE', 'OTHERS'] as const;
export const Gender = z.enum(GENDERS, { message: 'Gender must be MALE, FEMALE or OTHERS.' });
export type Gender = z.infer<typeof Gender>;

const MAX_TEXT = 200;
const text = (label: string) => z.string().max(MAX_TEXT, `${label} must be at most ${MAX_TEXT} characters.`);

export const ADDRESS_KEYS = ['name', 'apartment', 'area', 'pincode', 'landmark', 'city', 'state', 'country'] as const;
export type AddressKey = (typeof ADDRESS_KEYS)[number];

export const Address = z.strictObject({
  name: text('Address name'),
  apartment: text('Apartment'),
  area: text('Area'),
  pincode: z
    .string()
    .max(12, 'Pincode must be at most 12 characters.')
    .regex(/^[A-Za-z0-9 -]*$/, 'Pincode may hold letters, digits, spaces and dashes only.'),
  landmark: text('Landmark'),
  city: text('City'),
  state: text('State'),
  country: text('Country'),
});
export type Address = z.infer<typeof Address>;

/** An entry of a shipping/billing list; `_id` is the server's id for an existing entry. */
export const AddressEntry = Address.extend({ _id: ObjectId.optional() });
export type AddressEntry = z.infer<typeof AddressEntry>;

export const MAX_ADDRESSES = 20;
const addressList = (label: string) => z.array(AddressEntry).max(MAX_ADDRESSES, `${label} can hold at most ${MAX_ADDRESSES} addresses.`);

export const UserChangesFields = {
  name: z.string().trim().min(1, 'Name cannot be empty.').max(100, 'Name must be at most 100 characters.'),
  email: z.email({ message: 'Enter a valid email address, like reader@example.com.' }).max(254),
  countryCode: z.string().regex(/^\+[1-9]\d{0,3}$/, 'Country code starts with + followed by 1 to 4 digits, like +91.'),
  phone: z.string().regex(/^\d{4,15}$/, 'Phone number is 4 to 15 digits, without the country code.'),
  gender: Gender,
  dateOfBirth: z.iso.datetime({ message: 'Date of birth must be an ISO-8601 date-time.' }),
  address: Address,
  shippingAddress: addressList('Shipping addresses'),
  billingAddress: addressList('Billing addresses'),
};

export const EDITABLE_FIELDS = Object.keys(UserChangesFields) as (keyof typeof UserChangesFields)[];
export type EditableField = (typeof EDITABLE_FIELDS)[number];

/** Body of PATCH /client/update-user: only the fields that change, at least one. */
export const UserChanges = z
  .strictObject(UserChangesFields)
  .partial()
  .refine((changes) => Object.keys(changes).length > 0, {
    message: 'There is nothing to change: edit at least one field.',
  });
export type UserChanges = z.infer<typeof UserChanges>;

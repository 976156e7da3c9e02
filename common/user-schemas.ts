import { z } from 'zod';
import { OBJECT_ID_PATTERN } from './object-id';

// The ConsCent user model as the console edits it. These schemas are the single source
// of truth: main validates IPC payloads with them, the renderer validates the form with
// them as the agent types, and the simulator validates PATCH bodies with them.
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

// ---- Responses. Lenient on extra fields (the API may add some), strict on the ones we use.

const optionalText = z.string().optional();

export const StoredAddress = z.object({
  name: optionalText,
  apartment: optionalText,
  area: optionalText,
  pincode: optionalText,
  landmark: optionalText,
  city: optionalText,
  state: optionalText,
  country: optionalText,
  _id: z.string().optional(),
});
export type StoredAddress = z.infer<typeof StoredAddress>;

/** `userData` of the update-user 200 response (documented example in the seed page). */
export const UserData = z.object({
  status: z.string().optional(),
  userId: z.string(),
  name: optionalText,
  email: optionalText,
  countryCode: optionalText,
  phone: optionalText,
  gender: z.string().optional(),
  dateOfBirth: z.string().nullable().optional(),
  address: StoredAddress.nullable().optional(),
  usedCoupons: z.array(z.unknown()).optional(),
  clientSpecificIds: z.array(z.unknown()).optional(),
  migrated: z.boolean().optional(),
  isPhoneVerified: z.boolean().optional(),
  isEmailVerified: z.boolean().optional(),
  shippingAddress: z.array(StoredAddress).optional(),
  billingAddress: z.array(StoredAddress).optional(),
  createdAt: z.string().optional(),
  updatedAt: z.string().optional(),
});
export type UserData = z.infer<typeof UserData>;

export const UpdateUserResponse = z.object({
  message: z.string(),
  userData: UserData,
});
export type UpdateUserResponse = z.infer<typeof UpdateUserResponse>;

export const Subscription = z.object({
  _id: z.string(),
  subscriptionTitle: z.string().optional(),
  status: z.string().optional(),
  price: z.union([z.number(), z.string(), z.object({ $numberDecimal: z.string() })]).optional(),
  purchasedOn: z.string().optional(),
  expiryDate: z.string().nullable().optional(),
  freeTrial: z.boolean().optional(),
  allowCancellation: z.boolean().optional(),
  allowRenewal: z.boolean().optional(),
  subscriptionType: z
    .object({
      physical: z.boolean().optional(),
      digital: z.boolean().optional(),
      adFree: z.boolean().optional(),
    })
    .optional(),
});
export type Subscription = z.infer<typeof Subscription>;

/** GET /user/user-and-subscription-details (documented). Carries no userId, no phone. */
export const UserAndSubscriptionDetails = z.object({
  userdetails: z.object({
    name: optionalText,
    email: optionalText,
    secondaryPhoneNumber: optionalText,
    secondaryEmail: optionalText,
    dateOfBirth: z.string().nullable().optional(),
    address: StoredAddress.nullable().optional(),
    country: optionalText,
    promotionalOptIn: z.boolean().optional(),
    lastPurchasedOn: z.string().nullable().optional(),
  }),
  userSubscriptions: z.array(Subscription),
});
export type UserAndSubscriptionDetails = z.infer<typeof UserAndSubscriptionDetails>;

/** One entry of GET /client/purchases/subscriptions (documented). */
export const Purchase = z.object({
  /** Inferred (not in the documented field list): the id of the subscription this purchase is. */
  _id: z.string().optional(),
  userId: z.string(),
  userEmail: z.string().nullable().optional(),
  userName: z.string().nullable().optional(),
  userAddress: StoredAddress.nullable().optional(),
  billingAddress: z
    .union([StoredAddress, z.array(StoredAddress)])
    .nullable()
    .optional(),
  shippingAddress: z
    .union([StoredAddress, z.array(StoredAddress)])
    .nullable()
    .optional(),
  subscriptionName: z.string().optional(),
  status: z.string().optional(),
  expiryDate: z.string().nullable().optional(),
  createdAt: z.string().optional(),
});
export type Purchase = z.infer<typeof Purchase>;

export const PurchasesResponse = z.object({ purchases: z.array(Purchase) });
export type PurchasesResponse = z.infer<typeof PurchasesResponse>;

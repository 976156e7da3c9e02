import { z } from 'zod';

// The simulator's own reading of ConsCent's update-user body (docs/conscent-api.md, from
// the seed page's 200 example and the register-user endpoint), written apart from the
// console's edit schema on purpose: if the console sends something the API as documented
// would not take, this stand-in refuses it instead of agreeing with the console's own
// rules. So it checks formats the API states, not the console's extra limits (lengths,
// list sizes), which belong to the console and are tested there.

/** A MongoDB ObjectId, the form of every user and address id in the documented examples. */
export const OBJECT_ID_PATTERN = /^[a-f0-9]{24}$/i;

export const ADDRESS_KEYS = ['name', 'apartment', 'area', 'pincode', 'landmark', 'city', 'state', 'country'] as const;

/** "object {name, apartment, area, pincode, landmark, city, state, country}, all strings". */
const ApiAddress = z.strictObject(
  Object.fromEntries(ADDRESS_KEYS.map((key) => [key, z.string()])) as Record<(typeof ADDRESS_KEYS)[number], z.ZodString>,
);
export type ApiAddress = z.infer<typeof ApiAddress>;

/** A list entry: the server adds `_id`; a client sending one back names an existing entry. */
const ApiAddressEntry = ApiAddress.extend({ _id: z.string().regex(OBJECT_ID_PATTERN, 'An address _id is a 24-hex ObjectId.').optional() });
export type ApiAddressEntry = z.infer<typeof ApiAddressEntry>;

/** PATCH /client/update-user body: the fields to change, nothing else, at least one. */
export const UpdateUserBody = z
  .strictObject({
    name: z.string(),
    email: z.email({ message: 'email is not an email address' }),
    countryCode: z.string().regex(/^\+\d+$/, 'countryCode is a + followed by digits'),
    phone: z.string().regex(/^\d+$/, 'phone is digits without the country code'),
    gender: z.enum(['MALE', 'FEMALE', 'OTHERS'], { message: 'gender must be MALE, FEMALE or OTHERS' }),
    dateOfBirth: z.iso.datetime({ message: 'dateOfBirth is an ISO-8601 date-time' }),
    address: ApiAddress,
    shippingAddress: z.array(ApiAddressEntry),
    billingAddress: z.array(ApiAddressEntry),
  })
  .partial()
  .refine((body) => Object.keys(body).length > 0, { message: 'Nothing to change: the body names no field.' });
export type UpdateUserBody = z.infer<typeof UpdateUserBody>;

import { z } from 'zod';

// ConsCent's answers as main reads them: only main talks to ConsCent, so these schemas
// stay out of the page's bundle. Lenient on extra fields (the API may add some), strict on
// the ones the console uses. Field lists: docs/conscent-api.md.

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

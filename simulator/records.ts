import { ADDRESS_KEYS, type ApiAddress, type ApiAddressEntry } from './api-schemas';

// What the simulator stores, and how each endpoint shapes it. Shaping builds every
// object key by key because the console must cope with ConsCent's exact field order
// and field set (docs/conscent-api.md), not with whatever the store happens to hold.

export type StoredAddressEntry = ApiAddress & { _id: string };

export interface SimUser {
  status: string;
  userId: string;
  name: string;
  email: string;
  countryCode: string;
  phone: string;
  gender: string;
  dateOfBirth: string | null;
  address: ApiAddress;
  usedCoupons: unknown[];
  clientSpecificIds: unknown[];
  migrated: boolean;
  isPhoneVerified: boolean;
  isEmailVerified: boolean;
  shippingAddress: StoredAddressEntry[];
  billingAddress: StoredAddressEntry[];
  createdAt: string;
  updatedAt: string;
  // Only the details endpoint shows these.
  secondaryPhoneNumber: string;
  secondaryEmail: string;
  country: string;
  promotionalOptIn: boolean;
  walletBalance: string;
  walletCurrency: string;
}

export interface SubscriptionType {
  physical: boolean;
  digital: boolean;
  adFree: boolean;
}

/** One purchased subscription; the purchases and details endpoints show it differently. */
export interface SimPurchase {
  _id: string;
  userId: string;
  clientId: string;
  /** The client's own ObjectId, which ConsCent shows as `client`. */
  clientObjectId: string;
  subscriptionName: string;
  tierId: string;
  price: number;
  currency: string;
  status: string;
  freeTrial: boolean;
  subscriptionType: SubscriptionType;
  allowCancellation: boolean;
  allowRenewal: boolean;
  purchasedOn: string;
  expiryDate: string | null;
  /** Snapshots taken at purchase time, as an order keeps the address it shipped to. */
  billingAddress: StoredAddressEntry | null;
  shippingAddress: StoredAddressEntry | null;
  createdAt: string;
  updatedAt: string;
}

export function copyAddress(address: ApiAddress): ApiAddress {
  const out = {} as ApiAddress;
  for (const key of ADDRESS_KEYS) out[key] = address[key];
  return out;
}

export function copyEntry(entry: ApiAddressEntry & { _id: string }): StoredAddressEntry {
  return { ...copyAddress(entry), _id: entry._id };
}

/** `userData` of the update-user 200 response, in the seed page's field order. */
export function toUserData(user: SimUser) {
  return {
    status: user.status,
    userId: user.userId,
    name: user.name,
    email: user.email,
    countryCode: user.countryCode,
    phone: user.phone,
    gender: user.gender,
    dateOfBirth: user.dateOfBirth,
    address: copyAddress(user.address),
    usedCoupons: structuredClone(user.usedCoupons),
    clientSpecificIds: structuredClone(user.clientSpecificIds),
    migrated: user.migrated,
    isPhoneVerified: user.isPhoneVerified,
    isEmailVerified: user.isEmailVerified,
    shippingAddress: user.shippingAddress.map(copyEntry),
    billingAddress: user.billingAddress.map(copyEntry),
    createdAt: user.createdAt,
    updatedAt: user.updatedAt,
  };
}

/** `userdetails` of the details endpoint: documented without userId and primary phone. */
export function toUserDetails(user: SimUser, lastPurchasedOn: string | null) {
  return {
    name: user.name,
    email: user.email,
    secondaryPhoneNumber: user.secondaryPhoneNumber,
    secondaryEmail: user.secondaryEmail,
    dateOfBirth: user.dateOfBirth,
    address: {
      apartment: user.address.apartment,
      area: user.address.area,
      pincode: user.address.pincode,
      landmark: user.address.landmark,
      city: user.address.city,
      state: user.address.state,
      country: user.address.country,
    },
    country: user.country,
    promotionalOptIn: user.promotionalOptIn,
    lastPurchasedOn,
    wallet: { balance: { $numberDecimal: user.walletBalance }, currency: user.walletCurrency },
  };
}

export function toSubscription(purchase: SimPurchase) {
  return {
    _id: purchase._id,
    client: purchase.clientObjectId,
    price: purchase.price,
    purchasedOn: purchase.purchasedOn,
    subscriptionTitle: purchase.subscriptionName,
    expiryDate: purchase.expiryDate,
    status: purchase.status,
    freeTrial: purchase.freeTrial,
    subscriptionType: { ...purchase.subscriptionType },
    tierId: purchase.tierId,
    clientId: purchase.clientId,
    allowCancellation: purchase.allowCancellation,
    allowRenewal: purchase.allowRenewal,
  };
}

/**
 * Purchases join the user's current name, email and address, so an edit shows up at
 * once. Only documented user fields are joined: no phone, so the console cannot come to
 * rely on one that ConsCent may not send.
 */
export function toPurchase(purchase: SimPurchase, user: SimUser) {
  return {
    _id: purchase._id,
    userId: purchase.userId,
    userEmail: user.email,
    userName: user.name,
    userAddress: copyAddress(user.address),
    billingAddress: purchase.billingAddress && copyEntry(purchase.billingAddress),
    shippingAddress: purchase.shippingAddress && copyEntry(purchase.shippingAddress),
    subscriptionName: purchase.subscriptionName,
    tierId: purchase.tierId,
    price: purchase.price,
    currency: purchase.currency,
    status: purchase.status,
    freeTrial: purchase.freeTrial,
    expiryDate: purchase.expiryDate,
    clientId: purchase.clientId,
    createdAt: purchase.createdAt,
    updatedAt: purchase.updatedAt,
  };
}

import type { ApiAddress } from './api-schemas';
import type { SimUser, StoredAddressEntry } from './records';

// Users that exist in every run whatever the seed, so tests and demos can name them.

/** The user of the seed page's 200 example, stored exactly as shown there. */
export const SEED_EXAMPLE_USER_ID = '681c74b2333e169d16a7e58b';

/** Two different accounts that share one email: a lookup by email must show both. */
export const DUPLICATE_EMAIL = 'ananya.iyer@example.com';
export const DUPLICATE_EMAIL_USER_IDS = ['64b7f0c2a91e4d3f5c6b7a81', '6620d3e1b5c47a9e8f012345'] as const;

/** A registered reader who never bought anything: purchase searches cannot find them. */
export const NO_PURCHASES_USER_ID = '65a1b2c3d4e5f60718293a4b';
export const NO_PURCHASES_EMAIL = 'rohan.mehta@example.in';

const EMPTY_ADDRESS: ApiAddress = {
  name: '',
  apartment: '',
  area: '',
  pincode: '',
  landmark: '',
  city: '',
  state: '',
  country: '',
};

const agra = (pincode: string, country: string, _id: string): StoredAddressEntry => ({
  name: '',
  apartment: '20/41 Rambagh',
  area: '',
  pincode,
  landmark: '',
  city: 'Agra',
  state: 'UP',
  country,
  _id,
});

export function seedExampleUser(): SimUser {
  return {
    status: 'ACTIVE',
    userId: SEED_EXAMPLE_USER_ID,
    name: 'Shivam Dubey',
    email: 'shivamdubey+kljo@conscent.ai',
    countryCode: '+91',
    phone: '98679796896',
    gender: 'MALE',
    dateOfBirth: '2025-05-13T16:13:02.128Z',
    address: { ...EMPTY_ADDRESS },
    usedCoupons: [],
    clientSpecificIds: [],
    migrated: false,
    isPhoneVerified: true,
    isEmailVerified: true,
    shippingAddress: [agra('2820006', 'USA', '681c94453b8e51752d8b55d9')],
    billingAddress: [agra('282008', 'USA', '681c94453b8e51752d8b55d8'), agra('282006', 'INDIA', '681c9aa0686c9aa662232d9a')],
    createdAt: '2025-05-08T09:09:08.369Z',
    updatedAt: '2025-05-08T11:50:56.442Z',
    secondaryPhoneNumber: '',
    secondaryEmail: '',
    country: 'India',
    promotionalOptIn: false,
    walletBalance: '0',
    walletCurrency: 'INR',
  };
}

const createdFromId = (userId: string) => new Date(parseInt(userId.slice(0, 8), 16) * 1000).toISOString();

function specialUser(fields: Pick<SimUser, 'userId' | 'name' | 'email' | 'phone' | 'gender'> & Partial<SimUser>): SimUser {
  const createdAt = createdFromId(fields.userId);
  return {
    status: 'ACTIVE',
    countryCode: '+91',
    dateOfBirth: '1992-03-14T00:00:00.000Z',
    address: { ...EMPTY_ADDRESS },
    usedCoupons: [],
    clientSpecificIds: [],
    migrated: false,
    isPhoneVerified: true,
    isEmailVerified: true,
    shippingAddress: [],
    billingAddress: [],
    createdAt,
    updatedAt: createdAt,
    secondaryPhoneNumber: '',
    secondaryEmail: '',
    country: 'India',
    promotionalOptIn: false,
    walletBalance: '0',
    walletCurrency: 'INR',
    ...fields,
  };
}

export function duplicateEmailUsers(): [SimUser, SimUser] {
  const [first, second] = DUPLICATE_EMAIL_USER_IDS;
  return [
    specialUser({
      userId: first,
      name: 'Ananya Iyer',
      email: DUPLICATE_EMAIL,
      phone: '9810012345',
      gender: 'FEMALE',
      address: {
        name: 'Ananya Iyer',
        apartment: 'Flat 7C, Lake View Residency',
        area: 'Adyar',
        pincode: '600020',
        landmark: 'Near Adyar Bridge',
        city: 'Chennai',
        state: 'Tamil Nadu',
        country: 'India',
      },
      billingAddress: [
        {
          name: 'Ananya Iyer',
          apartment: 'Flat 7C, Lake View Residency',
          area: 'Adyar',
          pincode: '600020',
          landmark: '',
          city: 'Chennai',
          state: 'Tamil Nadu',
          country: 'India',
          _id: '64b7f1a0a91e4d3f5c6b7a90',
        },
      ],
    }),
    specialUser({
      userId: second,
      name: 'Ananya R. Iyer',
      email: DUPLICATE_EMAIL,
      phone: '9820054321',
      gender: 'FEMALE',
      dateOfBirth: null,
      isPhoneVerified: false,
      address: {
        name: '',
        apartment: '12 Palm Grove',
        area: 'Indiranagar',
        pincode: '560038',
        landmark: '',
        city: 'Bengaluru',
        state: 'Karnataka',
        country: 'India',
      },
    }),
  ];
}

export function noPurchasesUser(): SimUser {
  return specialUser({
    userId: NO_PURCHASES_USER_ID,
    name: 'Rohan Mehta',
    email: NO_PURCHASES_EMAIL,
    phone: '9930011223',
    gender: 'MALE',
    isEmailVerified: false,
  });
}

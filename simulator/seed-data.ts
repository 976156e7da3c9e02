import type { ApiAddress } from './api-schemas';
import { PLANS, clientObjectId, planEnd, tierId, type Plan } from './catalog';
import { asciiSlug } from './ascii-slug';
import { seededObjectId } from './object-id';
import { createRandom, type Random } from './random';
import type { SimPurchase, SimUser, StoredAddressEntry } from './records';
import {
  ADDRESS_LABELS,
  APARTMENT_STYLES,
  EMAIL_DOMAINS,
  INDIAN_FEMALE_NAMES,
  INDIAN_MALE_NAMES,
  INDIAN_PLACES,
  INDIAN_SURNAMES,
  INTERNATIONAL_FEMALE_NAMES,
  INTERNATIONAL_MALE_NAMES,
  INTERNATIONAL_PLACES,
  INTERNATIONAL_SURNAMES,
  LANDMARKS,
  type Place,
} from './seed-vocabulary';
import { duplicateEmailUsers, noPurchasesUser, seedExampleUser } from './special-users';

// Builds the starting data of a run. Same seed, user count and client list give the
// same data; times are spread around a fixed date, never "now", for the same reason.

export interface SeedData {
  users: SimUser[];
  purchases: SimPurchase[];
}

const REFERENCE_TIME = Date.parse('2025-06-01T00:00:00.000Z');
const EARLIEST_SIGNUP = Date.parse('2019-01-01T00:00:00.000Z');
// Special users' purchases must not move with the seed.
const FIXED_SEED = 0x5eed;

const between = (random: Random, from: number, to: number) => new Date(from + Math.floor(random.next() * (to - from)));

class UniqueSet {
  private readonly seen = new Set<string>();
  has = (value: string) => this.seen.has(value);
  add = (value: string) => void this.seen.add(value);
}

/** Every form a phone lookup may match (with and without country code) must be unique. */
function phoneForms(countryCode: string, phone: string): string[] {
  return [phone, countryCode.slice(1) + phone];
}

function makePhone(random: Random, place: Place, taken: UniqueSet): string {
  for (;;) {
    let phone = random.pick(place.phoneStarts.split(''));
    while (phone.length < place.phoneDigits) phone += String(random.int(0, 9));
    const forms = phoneForms(place.countryCode, phone);
    if (forms.every((form) => !taken.has(form))) {
      forms.forEach(taken.add);
      return phone;
    }
  }
}

function makeAddress(random: Random, place: Place, name: string): ApiAddress {
  return {
    name: random.chance(0.3) ? name : random.pick(ADDRESS_LABELS),
    apartment: random.pick(APARTMENT_STYLES)(random.int(1, 240)),
    area: random.pick(place.areas),
    pincode: place.pincode(random.next),
    landmark: random.pick(LANDMARKS),
    city: place.city,
    state: place.state,
    country: place.country,
  };
}

function makeEntries(random: Random, count: number, make: () => ApiAddress, from: Date): StoredAddressEntry[] {
  return Array.from({ length: count }, () => ({
    ...make(),
    _id: seededObjectId(between(random, from.getTime(), REFERENCE_TIME), random),
  }));
}

interface PurchaseInput {
  user: SimUser;
  plan: Plan;
  clientId: string;
  purchasedOn: Date;
  cancelled: boolean;
}

function makePurchase(random: Random, { user, plan, clientId, purchasedOn, cancelled }: PurchaseInput): SimPurchase {
  const expiry = planEnd(plan, purchasedOn);
  const status = cancelled ? 'CANCELLED' : expiry.getTime() > REFERENCE_TIME ? 'ACTIVE' : 'EXPIRED';
  const at = purchasedOn.toISOString();
  return {
    _id: seededObjectId(purchasedOn, random),
    userId: user.userId,
    clientId,
    clientObjectId: clientObjectId(clientId),
    subscriptionName: plan.name,
    tierId: tierId(clientId, plan),
    price: plan.price,
    currency: user.walletCurrency,
    status,
    freeTrial: plan.freeTrial,
    subscriptionType: { ...plan.type },
    allowCancellation: !plan.freeTrial,
    allowRenewal: !plan.freeTrial && plan.months < 12,
    purchasedOn: at,
    expiryDate: expiry.toISOString(),
    billingAddress: user.billingAddress[0] ? { ...user.billingAddress[0] } : null,
    shippingAddress: plan.type.physical && user.shippingAddress[0] ? { ...user.shippingAddress[0] } : null,
    createdAt: at,
    updatedAt: cancelled ? between(random, purchasedOn.getTime(), expiry.getTime()).toISOString() : at,
  };
}

function generateUser(random: Random, emails: UniqueSet, phones: UniqueSet, userIds: UniqueSet): SimUser {
  const indian = random.chance(0.8);
  const place = random.pick(indian ? INDIAN_PLACES : INTERNATIONAL_PLACES);
  const roll = random.next();
  const gender = roll < 0.03 ? 'OTHERS' : roll < 0.52 ? 'FEMALE' : 'MALE';
  const femaleNames = indian ? INDIAN_FEMALE_NAMES : INTERNATIONAL_FEMALE_NAMES;
  const maleNames = indian ? INDIAN_MALE_NAMES : INTERNATIONAL_MALE_NAMES;
  const first = random.pick(gender === 'FEMALE' ? femaleNames : gender === 'MALE' ? maleNames : [...femaleNames, ...maleNames]);
  const last = random.pick(indian ? INDIAN_SURNAMES : INTERNATIONAL_SURNAMES);
  const name = random.chance(0.1) ? `${first} ${String.fromCharCode(65 + random.int(0, 25))}. ${last}` : `${first} ${last}`;

  const base = `${asciiSlug(first)}.${asciiSlug(last)}`;
  const domain = random.pick(EMAIL_DOMAINS);
  let email = `${base}@${domain}`;
  for (let n = random.int(1, 99); emails.has(email); n += random.int(1, 50)) email = `${base}${n}@${domain}`;
  emails.add(email);

  const created = between(random, EARLIEST_SIGNUP, REFERENCE_TIME);
  let userId = seededObjectId(created, random);
  while (userIds.has(userId)) userId = seededObjectId(created, random);
  userIds.add(userId);

  const hasAddress = random.chance(0.75);
  const address: ApiAddress = hasAddress
    ? makeAddress(random, place, name)
    : { name: '', apartment: '', area: '', pincode: '', landmark: '', city: '', state: '', country: '' };
  const sameCountry = () => makeAddress(random, random.chance(0.7) ? place : random.pick(indian ? INDIAN_PLACES : [place]), name);
  const born = between(random, Date.parse('1950-01-01T00:00:00Z'), Date.parse('2007-12-31T00:00:00Z'));
  born.setUTCHours(0, 0, 0, 0);

  return {
    status: 'ACTIVE',
    userId,
    name,
    email,
    countryCode: place.countryCode,
    phone: makePhone(random, place, phones),
    gender,
    dateOfBirth: random.chance(0.9) ? born.toISOString() : null,
    address,
    usedCoupons: [],
    clientSpecificIds: [],
    migrated: random.chance(0.05),
    isPhoneVerified: random.chance(0.7),
    isEmailVerified: random.chance(0.85),
    shippingAddress: makeEntries(random, random.int(0, 2), sameCountry, created),
    billingAddress: makeEntries(random, random.int(0, 2), sameCountry, created),
    createdAt: created.toISOString(),
    updatedAt: between(random, created.getTime(), REFERENCE_TIME).toISOString(),
    secondaryPhoneNumber: random.chance(0.05) ? makePhone(random, place, phones) : '',
    secondaryEmail: random.chance(0.1) ? `${base}.alt@${random.pick(EMAIL_DOMAINS)}` : '',
    country: place.countryName,
    promotionalOptIn: random.chance(0.4),
    walletBalance: random.chance(0.8) ? '0' : `${random.int(10, 2000)}.${random.pick(['00', '50', '75'])}`,
    walletCurrency: indian ? 'INR' : 'USD',
  };
}

export function buildSeedData(options: { userCount: number; seed: number; clientIds: readonly string[] }): SeedData {
  const { clientIds } = options;
  const firstClient = clientIds[0];
  if (firstClient === undefined) throw new Error('The simulator needs at least one client.');

  const example = seedExampleUser();
  const [dupA, dupB] = duplicateEmailUsers();
  const special = [example, dupA, dupB, noPurchasesUser()];

  const emails = new UniqueSet();
  const phones = new UniqueSet();
  const userIds = new UniqueSet();
  for (const user of special) {
    emails.add(user.email);
    phoneForms(user.countryCode, user.phone).forEach(phones.add);
    userIds.add(user.userId);
  }

  const fixed = createRandom(FIXED_SEED);
  const plan = (name: string) => {
    const found = PLANS.find((candidate) => candidate.name === name);
    if (!found) throw new Error(`No plan named ${name}.`);
    return found;
  };
  const purchases: SimPurchase[] = [
    makePurchase(fixed, {
      user: example,
      plan: plan('Print + Digital Annual'),
      clientId: firstClient,
      purchasedOn: new Date('2025-05-08T10:15:48.000Z'),
      cancelled: false,
    }),
    makePurchase(fixed, {
      user: dupA,
      plan: plan('Digital Annual'),
      clientId: firstClient,
      purchasedOn: new Date('2023-07-20T06:30:00.000Z'),
      cancelled: false,
    }),
    makePurchase(fixed, {
      user: dupB,
      plan: plan('Digital Monthly'),
      clientId: firstClient,
      purchasedOn: new Date('2025-05-20T12:00:00.000Z'),
      cancelled: false,
    }),
  ];

  const random = createRandom(options.seed);
  const users = [...special];
  for (let i = 0; i < options.userCount; i += 1) {
    const user = generateUser(random, emails, phones, userIds);
    users.push(user);
    const count = random.int(1, 3);
    for (let p = 0; p < count; p += 1) {
      const clientIndex = Math.floor(random.next() * clientIds.length);
      purchases.push(
        makePurchase(random, {
          user,
          plan: random.pick(PLANS),
          clientId: clientIds[clientIndex] ?? firstClient,
          purchasedOn: between(random, Date.parse(user.createdAt), REFERENCE_TIME),
          cancelled: random.chance(0.08),
        }),
      );
    }
  }
  return { users, purchases };
}

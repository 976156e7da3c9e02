import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Purchase, UserAndSubscriptionDetails } from '../../main/conscent/conscent-answers';
import {
  DEMO_CLIENT,
  DUPLICATE_EMAIL,
  DUPLICATE_EMAIL_USER_IDS,
  NO_PURCHASES_EMAIL,
  SEED_EXAMPLE_USER_ID,
  startSimulator,
  type RunningSimulator,
  type SimClient,
} from '../../simulator';

// The two lookup endpoints the console uses to find a reader: details and purchases.

const basic = (client: Pick<SimClient, 'apiKey' | 'apiSecret'>) => `Basic ${Buffer.from(`${client.apiKey}:${client.apiSecret}`).toString('base64')}`;
const OTHER_CLIENT: SimClient = { clientId: 'other-paper', apiKey: 'other-key', apiSecret: 'other-secret' };

const DOCUMENTED_USERDETAILS_KEYS = [
  'name',
  'email',
  'secondaryPhoneNumber',
  'secondaryEmail',
  'dateOfBirth',
  'address',
  'country',
  'promotionalOptIn',
  'lastPurchasedOn',
  'wallet',
];
const DOCUMENTED_SUBSCRIPTION_KEYS = [
  '_id',
  'client',
  'price',
  'purchasedOn',
  'subscriptionTitle',
  'expiryDate',
  'status',
  'freeTrial',
  'subscriptionType',
  'tierId',
  'clientId',
  'allowCancellation',
  'allowRenewal',
];

// The console's schema plus the ids this test needs to tell purchases apart.
const PurchaseList = z.object({ purchases: z.array(Purchase.extend({ _id: z.string(), clientId: z.string() })) });

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator({ userCount: 300, seed: 3, clients: [DEMO_CLIENT, OTHER_CLIENT] });
});
afterAll(() => sim.stop());

function details(params: Record<string, string>, authorization?: string) {
  const query = new URLSearchParams({ clientId: DEMO_CLIENT.clientId, ...params });
  return fetch(`${sim.baseUrl}/user/user-and-subscription-details?${query}`, {
    headers: authorization ? { authorization } : {},
  });
}

async function purchases(params: Record<string, string>, client: SimClient | null = DEMO_CLIENT) {
  const query = new URLSearchParams(params);
  return fetch(`${sim.baseUrl}/client/purchases/subscriptions?${query}`, {
    headers: client ? { authorization: basic(client) } : {},
  });
}

async function purchaseList(params: Record<string, string>, client: SimClient = DEMO_CLIENT) {
  const response = await purchases(params, client);
  expect(response.status).toBe(200);
  return PurchaseList.parse(await response.json()).purchases;
}

describe('GET /user/user-and-subscription-details', () => {
  it('finds a user by userId without credentials, in the documented shape', async () => {
    const response = await details({ userId: SEED_EXAMPLE_USER_ID });
    expect(response.status).toBe(200);
    const raw = (await response.json()) as { userdetails: Record<string, unknown>; userSubscriptions: object[] };
    const body = UserAndSubscriptionDetails.parse(raw);
    expect(Object.keys(raw.userdetails)).toEqual(DOCUMENTED_USERDETAILS_KEYS);
    expect(raw.userdetails).not.toHaveProperty('userId');
    expect(raw.userdetails).not.toHaveProperty('phone');
    expect(Object.keys(raw.userdetails.address as object)).toEqual(['apartment', 'area', 'pincode', 'landmark', 'city', 'state', 'country']);
    expect(raw.userdetails.wallet).toEqual({ balance: { $numberDecimal: expect.any(String) }, currency: expect.any(String) });
    expect(body.userdetails.email).toBe('shivamdubey+kljo@conscent.ai');
    expect(raw.userSubscriptions.length).toBeGreaterThan(0);
    for (const subscription of raw.userSubscriptions) expect(Object.keys(subscription)).toEqual(DOCUMENTED_SUBSCRIPTION_KEYS);
    expect(body.userdetails.lastPurchasedOn).toBe(body.userSubscriptions[0]!.purchasedOn);
  });

  it('finds a user by email (any case) and by phone with or without country code', async () => {
    const user = sim.listUsers()[50]!;
    const ways: Record<string, string>[] = [
      { email: user.email.toUpperCase() },
      { phoneNumber: user.phone },
      { phoneNumber: `${user.countryCode.slice(1)}${user.phone}` },
      { phoneNumber: `${user.countryCode}${user.phone}` },
    ];
    for (const params of ways) {
      const response = await details(params);
      expect(response.status, JSON.stringify(params)).toBe(200);
      const body = UserAndSubscriptionDetails.parse(await response.json());
      expect(body.userdetails).toMatchObject({ name: user.name, email: user.email });
    }
  });

  it('finds an email holding "+" when the query is encoded', async () => {
    const response = await details({ email: 'shivamdubey+kljo@conscent.ai' });
    expect(response.status).toBe(200);
    expect(UserAndSubscriptionDetails.parse(await response.json()).userdetails.name).toBe('Shivam Dubey');
  });

  it("accepts correct credentials and refuses wrong ones or another client's with 401", async () => {
    expect((await details({ userId: SEED_EXAMPLE_USER_ID }, basic(DEMO_CLIENT))).status).toBe(200);
    for (const authorization of [basic({ ...DEMO_CLIENT, apiSecret: 'wrong' }), basic(OTHER_CLIENT)]) {
      const response = await details({ userId: SEED_EXAMPLE_USER_ID }, authorization);
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({ message: 'Invalid API key and secret' });
    }
  });

  it('answers the oldest account for an email two accounts share', async () => {
    const body = UserAndSubscriptionDetails.parse(await (await details({ email: DUPLICATE_EMAIL })).json());
    expect(body.userdetails.name).toBe(sim.getUser(DUPLICATE_EMAIL_USER_IDS[0])!.name);
  });

  it("shows only the asking client's subscriptions", async () => {
    const mine = UserAndSubscriptionDetails.parse(await (await details({ userId: SEED_EXAMPLE_USER_ID })).json());
    const query = new URLSearchParams({ clientId: OTHER_CLIENT.clientId, userId: SEED_EXAMPLE_USER_ID });
    const theirs = await fetch(`${sim.baseUrl}/user/user-and-subscription-details?${query}`);
    expect(mine.userSubscriptions.length).toBeGreaterThan(0);
    expect(UserAndSubscriptionDetails.parse(await theirs.json()).userSubscriptions).toEqual([]);
  });

  it.each([
    ['an unknown clientId', { clientId: 'nobody' }, 400, /clientId/],
    ['no clientId', { clientId: '' }, 400, /clientId/],
    ['no identifier', {}, 400, /userId, email or phoneNumber/],
    ['an unknown user', { userId: 'ffffffffffffffffffffffff' }, 404, /User not found/],
    ['an unknown email', { email: 'nobody@example.com' }, 404, /User not found/],
    ['an unknown phone', { phoneNumber: '1111' }, 404, /User not found/],
  ])('answers %s with a message', async (_label, params, status, message) => {
    const response = await details(params);
    expect(response.status).toBe(status);
    expect(((await response.json()) as { message: string }).message).toMatch(message);
  });
});

describe('GET /client/purchases/subscriptions', () => {
  it('resolves an email shared by two accounts to both userIds', async () => {
    const list = await purchaseList({ email: DUPLICATE_EMAIL });
    expect(new Set(list.map((purchase) => purchase.userId))).toEqual(new Set(DUPLICATE_EMAIL_USER_IDS));
    for (const purchase of list) expect(purchase.userEmail).toBe(DUPLICATE_EMAIL);
  });

  it('resolves a phone number with or without its country code', async () => {
    const user = sim.getUser(DUPLICATE_EMAIL_USER_IDS[1])!;
    for (const phoneNumber of [user.phone, `${user.countryCode.slice(1)}${user.phone}`, `${user.countryCode}${user.phone}`]) {
      const list = await purchaseList({ phoneNumber });
      expect(
        list.map((purchase) => purchase.userId),
        phoneNumber,
      ).toEqual([user.userId]);
    }
  });

  it('finds nothing for a reader who never bought anything', async () => {
    expect(await purchaseList({ email: NO_PURCHASES_EMAIL })).toEqual([]);
  });

  it("returns only the configured client's purchases", async () => {
    for (const client of [DEMO_CLIENT, OTHER_CLIENT]) {
      const list = await purchaseList({ pageSize: '100' }, client);
      expect(list.length).toBeGreaterThan(0);
      expect(new Set(list.map((purchase) => purchase.clientId))).toEqual(new Set([client.clientId]));
    }
    expect(await purchaseList({ userId: SEED_EXAMPLE_USER_ID }, OTHER_CLIENT)).toEqual([]);
  });

  it("carries the documented fields and joins the user's current name", async () => {
    const [purchase] = await purchaseList({ userId: SEED_EXAMPLE_USER_ID });
    expect(purchase).toMatchObject({
      userId: SEED_EXAMPLE_USER_ID,
      userEmail: 'shivamdubey+kljo@conscent.ai',
      userName: sim.getUser(SEED_EXAMPLE_USER_ID)!.name,
      subscriptionName: expect.any(String),
      status: expect.any(String),
      expiryDate: expect.any(String),
      createdAt: expect.any(String),
    });
    for (const key of ['userAddress', 'billingAddress', 'shippingAddress']) expect(purchase).toHaveProperty(key);
  });

  it('pages 20 at a time by default, up to 100, without repeating entries', async () => {
    const firstPage = await purchaseList({});
    const secondPage = await purchaseList({ pageNumber: '2' });
    expect(firstPage).toHaveLength(20);
    expect(secondPage).toHaveLength(20);
    const ids = [...firstPage, ...secondPage].map((purchase) => purchase._id);
    expect(new Set(ids).size).toBe(40);
    expect(await purchaseList({ pageSize: '100' })).toHaveLength(100);
    const tooBig = await purchases({ pageSize: '101' });
    expect(tooBig.status).toBe(400);
    expect(((await tooBig.json()) as { message: string }).message).toMatch(/pageSize/);
  });

  it('filters by status and by creation date', async () => {
    const expired = await purchaseList({ status: 'expired', pageSize: '100' });
    expect(expired.length).toBeGreaterThan(0);
    for (const purchase of expired) expect(purchase.status).toBe('EXPIRED');

    const inMay = await purchaseList({ from: '2025-05-01', to: '2025-05-31', pageSize: '100' });
    expect(inMay.length).toBeGreaterThan(0);
    for (const purchase of inMay) expect(purchase.createdAt!.slice(0, 7)).toBe('2025-05');
    expect((await purchases({ from: 'yesterday' })).status).toBe(400);
  });

  it('answers 401 without credentials or with wrong ones', async () => {
    for (const client of [null, { ...DEMO_CLIENT, apiSecret: 'nope' }]) {
      const response = await purchases({ email: DUPLICATE_EMAIL }, client);
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({ message: 'Invalid API key and secret' });
    }
  });
});

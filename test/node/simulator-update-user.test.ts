import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UpdateUserResponse, UserAndSubscriptionDetails } from '../../main/conscent/conscent-answers';
import { DEMO_CLIENT, SEED_EXAMPLE_USER_ID, startSimulator, type RunningSimulator } from '../../simulator';

// PATCH /client/update-user against a real simulator over loopback.

const basic = (key: string, secret: string) => `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}`;
const DEMO_AUTH = basic(DEMO_CLIENT.apiKey, DEMO_CLIENT.apiSecret);

function patch(sim: RunningSimulator, userId: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${sim.baseUrl}/client/update-user?userId=${encodeURIComponent(userId)}`, {
    method: 'PATCH',
    headers: { authorization: DEMO_AUTH, 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

async function messageOf(response: Response): Promise<string> {
  const body = (await response.json()) as { message?: unknown };
  expect(typeof body.message).toBe('string');
  return String(body.message);
}

const address = (apartment: string, pincode = '282001') => ({
  name: '',
  apartment,
  area: '',
  pincode,
  landmark: '',
  city: 'Agra',
  state: 'UP',
  country: 'India',
});

// The documented 200 response of ConsCent's update-userdetails page (docs/conscent-api.md), copied verbatim.
const SEED_PAGE_EXAMPLE = {
  message: 'User Details Updated Successfully.',
  userData: {
    status: 'ACTIVE',
    userId: '681c74b2333e169d16a7e58b',
    name: 'Shivam Dubey',
    email: 'shivamdubey+kljo@conscent.ai',
    countryCode: '+91',
    phone: '98679796896',
    gender: 'MALE',
    dateOfBirth: '2025-05-13T16:13:02.128Z',
    address: { name: '', apartment: '', area: '', pincode: '', landmark: '', city: '', state: '', country: '' },
    usedCoupons: [],
    clientSpecificIds: [],
    migrated: false,
    isPhoneVerified: true,
    isEmailVerified: true,
    shippingAddress: [
      {
        name: '',
        apartment: '20/41 Rambagh',
        area: '',
        pincode: '2820006',
        landmark: '',
        city: 'Agra',
        state: 'UP',
        country: 'USA',
        _id: '681c94453b8e51752d8b55d9',
      },
    ],
    billingAddress: [
      {
        name: '',
        apartment: '20/41 Rambagh',
        area: '',
        pincode: '282008',
        landmark: '',
        city: 'Agra',
        state: 'UP',
        country: 'USA',
        _id: '681c94453b8e51752d8b55d8',
      },
      {
        name: '',
        apartment: '20/41 Rambagh',
        area: '',
        pincode: '282006',
        landmark: '',
        city: 'Agra',
        state: 'UP',
        country: 'INDIA',
        _id: '681c9aa0686c9aa662232d9a',
      },
    ],
    createdAt: '2025-05-08T09:09:08.369Z',
    updatedAt: '2025-05-08T11:50:56.442Z',
  },
};

/** Keys of an object and of every nested object, in order, to compare field order. */
function keyOrder(value: unknown, prefix = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((item, i) => keyOrder(item, `${prefix}[${i}]`));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, child]) => [`${prefix}.${key}`, ...keyOrder(child, `${prefix}.${key}`)]);
}

describe('PATCH /client/update-user', () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await startSimulator({ userCount: 20, seed: 7 });
  });
  afterAll(() => sim.stop());

  it('answers for the seed page user exactly as the seed page shows, apart from the new updatedAt', async () => {
    const response = await patch(sim, SEED_EXAMPLE_USER_ID, { name: 'Shivam Dubey' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const body: unknown = await response.json();
    expect(UpdateUserResponse.safeParse(body).success).toBe(true);
    expect((body as typeof SEED_PAGE_EXAMPLE).message).toBe(SEED_PAGE_EXAMPLE.message);
    const { updatedAt, ...rest } = (body as typeof SEED_PAGE_EXAMPLE).userData;
    const { updatedAt: documentedUpdatedAt, ...documented } = SEED_PAGE_EXAMPLE.userData;
    expect(rest).toEqual(documented);
    expect(keyOrder(body)).toEqual(keyOrder(SEED_PAGE_EXAMPLE));
    expect(Date.parse(updatedAt)).toBeGreaterThan(Date.parse(documentedUpdatedAt));
  });

  it('stores the change, bumps updatedAt each time, and lookups then see the new values', async () => {
    const userId = sim.listUsers()[5]!.userId;
    const before = sim.getUser(userId)!;
    const first = await patch(sim, userId, { name: 'Meera Nair', email: 'meera.nair@example.in', gender: 'FEMALE' });
    expect(first.status).toBe(200);
    const firstData = UpdateUserResponse.parse(await first.json()).userData;
    expect(firstData).toMatchObject({ userId, name: 'Meera Nair', email: 'meera.nair@example.in', gender: 'FEMALE' });
    expect(firstData.phone).toBe(before.phone);
    expect(firstData.createdAt).toBe(before.createdAt);
    expect(Date.parse(firstData.updatedAt!)).toBeGreaterThan(Date.parse(before.updatedAt));
    expect(sim.getUser(userId)).toMatchObject({ name: 'Meera Nair', email: 'meera.nair@example.in' });

    const second = UpdateUserResponse.parse(await (await patch(sim, userId, { phone: '9000000001' })).json()).userData;
    expect(second.name).toBe('Meera Nair');
    expect(second.phone).toBe('9000000001');
    expect(Date.parse(second.updatedAt!)).toBeGreaterThan(Date.parse(firstData.updatedAt!));

    const details = await fetch(`${sim.baseUrl}/user/user-and-subscription-details?clientId=${DEMO_CLIENT.clientId}&email=meera.nair%40example.in`);
    expect(UserAndSubscriptionDetails.parse(await details.json()).userdetails.name).toBe('Meera Nair');
  });

  it('replaces the address object whole', async () => {
    const userId = sim.listUsers()[6]!.userId;
    const newAddress = { ...address('Flat 3A'), name: 'Home' };
    const data = UpdateUserResponse.parse(await (await patch(sim, userId, { address: newAddress })).json()).userData;
    expect(data.address).toEqual(newAddress);
    expect(sim.getUser(userId)!.address).toEqual(newAddress);
  });

  it('replaces an address list: sent _ids are kept, new entries get fresh ids, omitted entries are gone', async () => {
    const [keep, drop] = sim.getUser(SEED_EXAMPLE_USER_ID)!.billingAddress;
    const sent = [{ ...address('Edited 1'), _id: keep!._id }, address('New A'), address('New B')];
    const response = await patch(sim, SEED_EXAMPLE_USER_ID, { billingAddress: sent });
    const list = UpdateUserResponse.parse(await response.json()).userData.billingAddress!;
    expect(list.map((entry) => entry.apartment)).toEqual(['Edited 1', 'New A', 'New B']);
    expect(list[0]!._id).toBe(keep!._id);
    const freshIds = [list[1]!._id, list[2]!._id];
    for (const id of freshIds) expect(id).toMatch(/^[a-f0-9]{24}$/);
    expect(new Set([keep!._id, drop!._id, ...freshIds]).size).toBe(4);
    expect(sim.getUser(SEED_EXAMPLE_USER_ID)!.billingAddress.map((entry) => entry._id)).toEqual(list.map((e) => e._id));
  });

  it('clears an address list when an empty list is sent', async () => {
    const userId = sim.listUsers()[7]!.userId;
    const data = UpdateUserResponse.parse(await (await patch(sim, userId, { shippingAddress: [] })).json()).userData;
    expect(data.shippingAddress).toEqual([]);
  });

  it.each([
    ['a malformed userId', 'not-an-id', { name: 'A' }, /userId/],
    ['a 23-character userId', SEED_EXAMPLE_USER_ID.slice(1), { name: 'A' }, /userId/],
    ['a body that is not JSON', SEED_EXAMPLE_USER_ID, '{"name": ', /JSON/],
    ['an unknown field', SEED_EXAMPLE_USER_ID, { name: 'A', nickname: 'Shiv' }, /nickname/],
    ['an invalid gender', SEED_EXAMPLE_USER_ID, { gender: 'male' }, /gender/i],
    ['an address missing fields', SEED_EXAMPLE_USER_ID, { address: { city: 'Agra' } }, /address/],
    ['nothing to change', SEED_EXAMPLE_USER_ID, {}, /nothing to change/i],
    // Mistakes the console's own schema would also stop, caught here by the simulator's own reading of the API.
    ['a phone sent with its country code', SEED_EXAMPLE_USER_ID, { phone: '+919876543210' }, /phone/],
    ['an address entry id that is not an ObjectId', SEED_EXAMPLE_USER_ID, { shippingAddress: [{ ...address('1 Mall Road'), _id: 'abc' }] }, /_id/],
  ])('refuses %s with 400 and a message naming the problem', async (_label, userId, body, problem) => {
    const before = sim.getUser(SEED_EXAMPLE_USER_ID);
    const response = await patch(sim, userId, body);
    expect(response.status).toBe(400);
    expect(await messageOf(response)).toMatch(problem);
    expect(sim.getUser(SEED_EXAMPLE_USER_ID)).toEqual(before);
  });

  it('refuses a body that is not sent as JSON', async () => {
    const response = await patch(sim, SEED_EXAMPLE_USER_ID, JSON.stringify({ name: 'A' }), { 'content-type': 'text/plain' });
    expect(response.status).toBe(400);
    expect(await messageOf(response)).toMatch(/application\/json/);
  });

  it('answers 404 "User not found" for a well-formed id nobody has', async () => {
    const response = await patch(sim, 'ffffffffffffffffffffffff', { name: 'Nobody' });
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ message: 'User not found' });
  });

  it.each([
    ['no credentials', undefined],
    ['a wrong secret', basic(DEMO_CLIENT.apiKey, 'wrong-secret')],
    ['an unknown key', basic('nobody', DEMO_CLIENT.apiSecret)],
    ['a non-Basic scheme', `Bearer ${DEMO_CLIENT.apiSecret}`],
  ])('answers 401 with %s and changes nothing', async (_label, authorization) => {
    const before = sim.getUser(SEED_EXAMPLE_USER_ID);
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (authorization) headers.authorization = authorization;
    const response = await fetch(`${sim.baseUrl}/client/update-user?userId=${SEED_EXAMPLE_USER_ID}`, {
      method: 'PATCH',
      headers,
      body: JSON.stringify({ name: 'Intruder' }),
    });
    expect(response.status).toBe(401);
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({ message: 'Invalid API key and secret' });
    expect(text).not.toContain(DEMO_CLIENT.apiSecret);
    expect(sim.getUser(SEED_EXAMPLE_USER_ID)).toEqual(before);
  });

  it('refuses a body over the size limit with 413', async () => {
    const small = await startSimulator({ userCount: 0, maxBodyBytes: 1024 });
    try {
      const response = await patch(small, SEED_EXAMPLE_USER_ID, { name: 'x'.repeat(2000) });
      expect(response.status).toBe(413);
      expect(await messageOf(response)).toMatch(/larger than 1024 bytes/);
      expect(small.getUser(SEED_EXAMPLE_USER_ID)!.name).toBe('Shivam Dubey');
    } finally {
      await small.stop();
    }
  });

  it('answers 405 for another method on the endpoint and 404 JSON for unknown paths', async () => {
    const wrongMethod = await fetch(`${sim.baseUrl}/client/update-user?userId=${SEED_EXAMPLE_USER_ID}`, {
      headers: { authorization: DEMO_AUTH },
    });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('PATCH');
    for (const url of [`${sim.baseUrl}/client/nothing-here`, sim.baseUrl.replace('/api/v1', '/client/update-user')]) {
      const unknown = await fetch(url, { headers: { authorization: DEMO_AUTH } });
      expect(unknown.status).toBe(404);
      expect(unknown.headers.get('content-type')).toMatch(/^application\/json/);
      expect(await messageOf(unknown)).toMatch(/Cannot GET/);
    }
  });
});

describe('PATCH /client/update-user with addressListMode "append"', () => {
  it('adds every sent entry with a fresh id after the existing ones', async () => {
    const sim = await startSimulator({ userCount: 0, addressListMode: 'append' });
    try {
      const existing = sim.getUser(SEED_EXAMPLE_USER_ID)!.billingAddress;
      const sent = [{ ...address('Resent'), _id: existing[0]!._id }, address('Brand new')];
      const response = await patch(sim, SEED_EXAMPLE_USER_ID, { billingAddress: sent });
      const list = UpdateUserResponse.parse(await response.json()).userData.billingAddress!;
      expect(list.map((entry) => entry.apartment)).toEqual([...existing.map((entry) => entry.apartment), 'Resent', 'Brand new']);
      expect(list.slice(0, existing.length).map((entry) => entry._id)).toEqual(existing.map((entry) => entry._id));
      expect(new Set(list.map((entry) => entry._id)).size).toBe(list.length);
    } finally {
      await sim.stop();
    }
  });
});

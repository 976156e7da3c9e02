import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { UserChangesFields } from '../../common/user-schemas';
import {
  DUPLICATE_EMAIL,
  DUPLICATE_EMAIL_USER_IDS,
  NO_PURCHASES_USER_ID,
  SEED_EXAMPLE_USER_ID,
  startSimulator,
  type RunningSimulator,
} from '../../simulator';
import { buildSeedData } from '../../simulator/seed-data';

// The data a run starts with: what the console will be shown and must be able to save back.

const build = (seed: number, userCount = 200) => buildSeedData({ userCount, seed, clientIds: ['demo-client'] });

// Every stored user must pass the console's own edit schema, or an agent could open a
// record and be unable to save it unchanged.
const SavableUser = z.object({
  ...UserChangesFields,
  shippingAddress: z.array(UserChangesFields.shippingAddress.element.required({ _id: true })),
  billingAddress: z.array(UserChangesFields.billingAddress.element.required({ _id: true })),
  dateOfBirth: UserChangesFields.dateOfBirth.nullable(),
});

describe('seed data', () => {
  it('is the same for the same seed and different for another', () => {
    expect(build(11)).toEqual(build(11));
    expect(
      build(12)
        .users.slice(4)
        .map((user) => user.email),
    ).not.toEqual(
      build(11)
        .users.slice(4)
        .map((user) => user.email),
    );
  });

  it('holds the fixed users plus the requested number of generated ones', () => {
    const { users } = build(1, 250);
    expect(users).toHaveLength(254);
    const ids = users.map((user) => user.userId);
    for (const id of [SEED_EXAMPLE_USER_ID, ...DUPLICATE_EMAIL_USER_IDS, NO_PURCHASES_USER_ID]) expect(ids).toContain(id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('gives every account its own email, except the one deliberately shared', () => {
    const emails = build(5, 1000).users.map((user) => user.email.toLowerCase());
    const shared = emails.filter((email, i) => emails.indexOf(email) !== i);
    expect(shared).toEqual([DUPLICATE_EMAIL]);
  });

  it('gives every account a phone that a lookup with or without country code finds alone', () => {
    const forms = build(5, 1000).users.flatMap((user) => [user.phone, user.countryCode.slice(1) + user.phone]);
    expect(new Set(forms).size).toBe(forms.length);
  });

  it('stores only records the console could save back unchanged', () => {
    for (const user of build(9, 1000).users) {
      const result = SavableUser.safeParse(user);
      expect(result.success, `${user.userId}: ${result.error?.issues[0]?.message}`).toBe(true);
    }
  });

  it('gives each generated user 1 to 3 purchases, the example user one, and the no-purchase user none', () => {
    const { users, purchases } = build(2, 300);
    const counts = new Map<string, number>();
    for (const purchase of purchases) counts.set(purchase.userId, (counts.get(purchase.userId) ?? 0) + 1);
    expect(counts.get(SEED_EXAMPLE_USER_ID)).toBe(1);
    expect(counts.get(NO_PURCHASES_USER_ID)).toBeUndefined();
    for (const user of users.slice(4)) {
      expect(counts.get(user.userId)).toBeGreaterThanOrEqual(1);
      expect(counts.get(user.userId)).toBeLessThanOrEqual(3);
    }
  });

  it('varies the data the way real readers do', () => {
    const users = build(3, 1000).users;
    expect(new Set(users.map((user) => user.countryCode)).size).toBeGreaterThan(3);
    expect(new Set(users.map((user) => user.gender))).toEqual(new Set(['MALE', 'FEMALE', 'OTHERS']));
    expect(users.some((user) => [...user.name].some((char) => char.charCodeAt(0) > 127))).toBe(true);
    const listSizes = new Set(users.flatMap((user) => [user.shippingAddress.length, user.billingAddress.length]));
    expect(listSizes).toEqual(new Set([0, 1, 2]));
  });
});

describe('a running simulator', () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await startSimulator();
  });
  afterAll(() => sim.stop());

  it('starts with 1000 generated users by default on a loopback base URL', () => {
    expect(sim.listUsers()).toHaveLength(1004);
    expect(sim.baseUrl).toBe(`http://127.0.0.1:${sim.port}/api/v1`);
  });

  it('hands out copies, so a test cannot change its data by accident', () => {
    const copy = sim.getUser(SEED_EXAMPLE_USER_ID)!;
    copy.name = 'Changed Locally';
    expect(sim.getUser(SEED_EXAMPLE_USER_ID)!.name).toBe('Shivam Dubey');
  });
});

describe('startSimulator options', () => {
  it('refuses a host other than loopback', async () => {
    await expect(startSimulator({ host: '0.0.0.0' })).rejects.toThrow(/loopback/);
  });

  it('serves under another base path', async () => {
    const sim = await startSimulator({ userCount: 0, basePath: '/conscent/' });
    try {
      expect(sim.baseUrl.endsWith('/conscent')).toBe(true);
      const query = `clientId=demo-client&userId=${SEED_EXAMPLE_USER_ID}`;
      expect((await fetch(`${sim.baseUrl}/user/user-and-subscription-details?${query}`)).status).toBe(200);
      expect((await fetch(`${sim.baseUrl.replace('/conscent', '/api/v1')}/user/user-and-subscription-details?${query}`)).status).toBe(404);
    } finally {
      await sim.stop();
    }
  });
});

import { describe, expect, vi } from 'vitest';
import type { LookupReaderResult, ReaderView } from '../../common/readers-contract';
import type { Result } from '../../common/result';
import type { ConsCentClient } from '../../main/conscent/conscent-client';
import { lookUpReaders } from '../../main/readers/reader-lookup';
import { DUPLICATE_EMAIL, NO_PURCHASES_EMAIL, SEED_EXAMPLE_USER_ID, type RunningSimulator } from '../../simulator';
import { value } from '../helpers/bridge-result';
import { bridgeTest } from '../helpers/bridge-fixture';

// Issue #12, item 1: one round trip to ConsCent per agent action, counted in the
// simulator's request log. By user id: one details request, and the match opens from it.
// By email or phone: purchases and details side by side; a single match opens from the
// details answer, which also serves the "known but no purchases" hint.

const DETAILS = '/user/user-and-subscription-details';
const PURCHASES = '/client/purchases/subscriptions';
/** Each test: a console connected to the simulator (its request log emptied after), and its lookup. */
const it = bridgeTest({ simulator: { userCount: 50, seed: 7 }, client: { timeoutMs: 30_000 } })
  .extend('connectionId', async ({ sim, bridge }) => {
    const id = await bridge.connectTo(sim);
    sim.clearRequests();
    return id;
  })
  .extend(
    'lookup',
    ({ bridge, connectionId }) =>
      async (query: string, searchId?: number) =>
        (await bridge.handlers.lookupReader({ connectionId, query, ...(searchId === undefined ? {} : { searchId }) })) as Result<LookupReaderResult>,
  );
const requests = (sim: RunningSimulator) =>
  sim.requests.map(
    (r) =>
      `${r.path}?${Object.keys(r.query)
        .filter((k) => k !== 'clientId' && !k.startsWith('page'))
        .join('&')}`,
  );
const seedEmail = (sim: RunningSimulator) => sim.getUser(SEED_EXAMPLE_USER_ID)!.email;

describe('one round trip per lookup', () => {
  it('by user id: one details request, and the match opens from its answer', async ({ sim, lookup }) => {
    const result = value(await lookup(SEED_EXAMPLE_USER_ID));
    expect(requests(sim)).toEqual([`${DETAILS}?userId`]);
    expect(result.matches.map((m) => m.userId)).toEqual([SEED_EXAMPLE_USER_ID]);
    expect(result.opened).toMatchObject({ userId: SEED_EXAMPLE_USER_ID, name: 'Shivam Dubey', source: 'lookup' });
  });

  it('by email, one reader: purchases and details for the email, and the reader opens with no further request', async ({ sim, lookup }) => {
    const result = value(await lookup(seedEmail(sim)));
    expect(requests(sim).sort()).toEqual([`${PURCHASES}?email`, `${DETAILS}?email`].sort());
    expect(result.opened?.userId).toBe(SEED_EXAMPLE_USER_ID);
    expect(result.opened?.subscriptions?.length).toBeGreaterThan(0);
  });

  it('by email: the two requests run side by side, not one after the other', async ({ sim, lookup }) => {
    // Purchases answer late; the details request must already be on its way meanwhile.
    sim.addFault({ path: PURCHASES, fault: { kind: 'latency', ms: 60_000 }, times: 1 });
    const first = lookup(seedEmail(sim), 1);
    await vi.waitFor(() => expect(sim.requests.find((r) => r.path === DETAILS)?.status).toBe(200));
    expect(sim.requests.find((r) => r.path === PURCHASES)?.status).toBeNull();
    // A newer search ends the wait (and is itself answered).
    value(await lookup(SEED_EXAMPLE_USER_ID, 2));
    expect(await first).toEqual({ ok: false, error: { kind: 'superseded' } });
  });

  it('several readers for one email: a list, nothing opened, and opening one is one request', async ({ sim, bridge, connectionId, lookup }) => {
    const result = value(await lookup(DUPLICATE_EMAIL));
    expect(result.matches).toHaveLength(2);
    expect(result.opened).toBeUndefined();
    sim.clearRequests();
    const view = value((await bridge.handlers.openReader({ connectionId, userId: result.matches[1]!.userId })) as Result<ReaderView>);
    expect(view.userId).toBe(result.matches[1]!.userId);
    expect(requests(sim)).toEqual([`${DETAILS}?userId`]);
  });

  it('known but without purchases: the hint comes from the same round trip', async ({ sim, lookup }) => {
    const result = value(await lookup(NO_PURCHASES_EMAIL));
    expect(result.matches).toEqual([]);
    expect(result.knownWithoutPurchases).toEqual({ name: expect.any(String) });
    expect(requests(sim).sort()).toEqual([`${PURCHASES}?email`, `${DETAILS}?email`].sort());
  });

  it('a save shows what ConsCent returned and fetches nothing else', async ({ sim, bridge, connectionId, lookup }) => {
    value(await lookup(SEED_EXAMPLE_USER_ID));
    sim.clearRequests();
    value(await bridge.handlers.updateReader({ connectionId, userId: SEED_EXAMPLE_USER_ID, changes: { name: 'Shivam R. Dubey' } }));
    expect(sim.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['PATCH /client/update-user']);
  });
});

describe('a newer search abandons the older one', () => {
  it('aborts the older request (its socket closed) and answers it as superseded', async ({ sim, lookup }) => {
    sim.addFault({ path: DETAILS, fault: { kind: 'latency', ms: 60_000 }, times: 1 });
    const older = lookup(SEED_EXAMPLE_USER_ID, 1);
    await vi.waitFor(() => expect(sim.requests).toHaveLength(1));
    const newer = value(await lookup(DUPLICATE_EMAIL, 2));
    expect(newer.matches).toHaveLength(2);
    expect(await older).toEqual({ ok: false, error: { kind: 'superseded' } });
    await vi.waitFor(() => expect(sim.requests[0]?.closedByClient).toBe(true));
    // Not retried: the three requests are the older one and the newer search's two.
    expect(sim.requests).toHaveLength(3);
  });

  it('lookups without a search id are never abandoned', async ({ sim, lookup }) => {
    sim.addFault({ path: DETAILS, fault: { kind: 'latency', ms: 300 }, times: 1 });
    const [a, b] = await Promise.all([lookup(SEED_EXAMPLE_USER_ID), lookup(SEED_EXAMPLE_USER_ID)]);
    expect(a.ok && b.ok).toBe(true);
  });
});

describe('never a guess', () => {
  it('does not open a single match from details that list none of its purchases', async () => {
    const purchase = { _id: 'p1', userId: SEED_EXAMPLE_USER_ID, userEmail: 'x@example.com' };
    const client: ConsCentClient = {
      updateUser: () => Promise.reject(new Error('not used')),
      findPurchases: async () => ({ purchases: [purchase] }),
      // Another account with the same email (ConsCent answers one of them): other subscriptions.
      getUserAndSubscriptions: async () => ({ userdetails: { name: 'Someone else' }, userSubscriptions: [{ _id: 'other' }] }),
    };
    const answer = await lookUpReaders(client, { kind: 'email', email: 'x@example.com' });
    expect(answer.result.matches.map((m) => m.userId)).toEqual([SEED_EXAMPLE_USER_ID]);
    expect(answer.single).toBeUndefined();
  });
});

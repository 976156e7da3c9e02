import { describe, expect, vi } from 'vitest';
import { createConsCentClient } from '../../main/conscent/conscent-client';
import { DEMO_CLIENT, SEED_EXAMPLE_USER_ID } from '../../simulator';
import { simulatorTest } from '../helpers/simulator-fixture';

// Issue #12: a lookup the agent replaced with a newer search is abandoned in main, not
// only ignored: its request's socket is closed, it is not retried, and the call rejects
// with the reason it was cancelled for.

const DETAILS = '/user/user-and-subscription-details';

const it = simulatorTest({ userCount: 5, seed: 2 }).extend('client', ({ sim }) =>
  createConsCentClient(
    { baseUrl: sim.baseUrl, clientId: DEMO_CLIENT.clientId, credentials: { apiKey: DEMO_CLIENT.apiKey, apiSecret: DEMO_CLIENT.apiSecret } },
    { timeoutMs: 30_000 },
  ),
);

describe('cancelling a read', () => {
  it('closes the socket of a request still waiting for ConsCent, and does not retry it', async ({ sim, client }) => {
    // Slow enough that only the abort can end it within the test's timeout.
    sim.addFault({ path: DETAILS, fault: { kind: 'latency', ms: 60_000 } });
    const cancel = new AbortController();
    const reason = new Error('a newer search replaced this one');
    const call = client.getUserAndSubscriptions({ userId: SEED_EXAMPLE_USER_ID }, { signal: cancel.signal });
    const outcome = call.then(
      () => 'answered',
      (error: unknown) => error,
    );
    await vi.waitFor(() => expect(sim.requests).toHaveLength(1));
    cancel.abort(reason);
    expect(await outcome).toBe(reason);
    await vi.waitFor(() => expect(sim.requests[0]?.closedByClient).toBe(true));
    expect(sim.requests[0]?.status).toBeNull();
    expect(sim.requests).toHaveLength(1);
  });

  it('sends nothing when the search was already replaced', async ({ sim, client }) => {
    const cancel = new AbortController();
    const reason = new Error('replaced');
    cancel.abort(reason);
    await expect(client.findPurchases({ email: 'a@b.example' }, { signal: cancel.signal })).rejects.toBe(reason);
    expect(sim.requests).toHaveLength(0);
  });

  it('an answered request is not marked as closed by the client', async ({ sim, client }) => {
    await client.getUserAndSubscriptions({ userId: SEED_EXAMPLE_USER_ID }, { signal: new AbortController().signal });
    await vi.waitFor(() => expect(sim.requests[0]?.status).toBe(200));
    expect(sim.requests[0]?.closedByClient).toBeUndefined();
  });
});

import { apiFailure } from '../helpers/api-failure';
import { wordsOf } from '../helpers/failure-words';
import { closedPort } from '../helpers/closed-port';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createConsCentClient, type ClientOptions } from '../../main/conscent/conscent-client';
import { DEMO_CLIENT, SEED_EXAMPLE_USER_ID, startSimulator, type Fault, type RunningSimulator } from '../../simulator';
import { tempFolders } from '../helpers/temp-folders';
import { wireTestConsole } from '../helpers/bridge-fixture';

const tempDir = tempFolders('cc-retry-');

// Retries against the real simulator: lookups retry transient failures within bounds,
// a PATCH is sent exactly once whatever happens to it. Sleeps are recorded, not waited.

const credentials = { apiKey: DEMO_CLIENT.apiKey, apiSecret: DEMO_CLIENT.apiSecret };
const DETAILS = '/user/user-and-subscription-details';
const PURCHASES = '/client/purchases/subscriptions';
const UPDATE = '/client/update-user';

let sim: RunningSimulator;
let sleeps: number[];

beforeAll(async () => {
  sim = await startSimulator({ userCount: 20, seed: 11 });
});
afterAll(() => sim.stop());
beforeEach(() => {
  sim.clearFaults();
  sim.clearRequests();
  sleeps = [];
});

function options(extra: Partial<ClientOptions> = {}): ClientOptions {
  return {
    timeoutMs: 400,
    retryRuntime: { sleep: async (ms) => void sleeps.push(ms), random: () => 0.5 },
    ...extra,
  };
}

function client(extra: Partial<ClientOptions> = {}, creds = credentials, clientId: string = DEMO_CLIENT.clientId) {
  return createConsCentClient({ baseUrl: sim.baseUrl, clientId, credentials: creds }, options(extra));
}

const requestsTo = (path: string) => sim.requests.filter((r) => r.path === path);

describe('lookups retry transient failures', () => {
  it('succeeds after two 503s, having sent three requests', async () => {
    sim.addFault({ path: DETAILS, fault: { kind: 'status', status: 503 }, times: 2 });
    const details = await client().getUserAndSubscriptions({ userId: SEED_EXAMPLE_USER_ID });
    expect(details.userdetails.name).toBe('Shivam Dubey');
    expect(requestsTo(DETAILS).map((r) => r.status)).toEqual([503, 503, 200]);
    expect(sleeps).toEqual([125, 250]);
  });

  it.each<[string, Fault]>([
    ['a dropped connection', { kind: 'drop' }],
    ['a 502 HTML gateway page', { kind: 'html' }],
    ['no answer within the timeout', { kind: 'hang' }],
  ])('findPurchases recovers from %s', async (_label, fault) => {
    sim.addFault({ path: PURCHASES, fault, times: 2 });
    const { purchases } = await client().findPurchases({ pageSize: 1 });
    expect(purchases.length).toBeGreaterThan(0);
    expect(requestsTo(PURCHASES)).toHaveLength(3);
  });

  it('gives up on a permanent 503 after the attempt bound, as server-error', async () => {
    sim.addFault({ path: DETAILS, fault: { kind: 'status', status: 503 } });
    const error = await apiFailure(client().getUserAndSubscriptions({ userId: SEED_EXAMPLE_USER_ID }));
    expect(error.kind).toBe('server-error');
    expect(wordsOf(error)).toMatch(/HTTP 503/);
    expect(requestsTo(DETAILS)).toHaveLength(3);
  });

  it('waits out a short Retry-After, but not one longer than the budget', async () => {
    sim.addFault({ path: PURCHASES, fault: { kind: 'status', status: 429, retryAfterSeconds: 2 }, times: 1 });
    await client().findPurchases({});
    expect(sleeps).toEqual([2000]);
    expect(requestsTo(PURCHASES)).toHaveLength(2);

    sim.clearRequests();
    sim.addFault({ path: PURCHASES, fault: { kind: 'status', status: 429, retryAfterSeconds: 30 }, times: 1 });
    const error = await apiFailure(client().findPurchases({}));
    expect(error).toMatchObject({ kind: 'rate-limited', retryAfterSeconds: 30 });
    expect(requestsTo(PURCHASES)).toHaveLength(1);
  });

  it('retries a refused connection, then says so', async () => {
    const port = await closedPort();
    const offline = createConsCentClient({ baseUrl: `http://127.0.0.1:${port}/api/v1`, clientId: 'c', credentials }, options());
    const error = await apiFailure(offline.findPurchases({}));
    expect(error.kind).toBe('network');
    expect(wordsOf(error)).toMatch(/refused/);
    expect(sleeps).toHaveLength(2);
  });

  it('a policy of one attempt never retries', async () => {
    sim.addFault({ path: DETAILS, fault: { kind: 'status', status: 503 } });
    const once = client({ retry: { maxAttempts: 1, baseDelayMs: 250, maxDelayMs: 2000, budgetMs: 8000, minAttemptMs: 100 } });
    await apiFailure(once.getUserAndSubscriptions({ userId: SEED_EXAMPLE_USER_ID }));
    expect(requestsTo(DETAILS)).toHaveLength(1);
  });
});

describe('lookups never retry answers that would not change', () => {
  it('401: a wrong secret', async () => {
    const error = await apiFailure(client({}, { ...credentials, apiSecret: 'wrong-secret' }).findPurchases({}));
    expect(error.kind).toBe('unauthorized');
    expect(requestsTo(PURCHASES)).toHaveLength(1);
  });

  it('404: no such reader', async () => {
    const error = await apiFailure(client().getUserAndSubscriptions({ userId: '0123456789abcdef01234567' }));
    expect(error.kind).toBe('not-found');
    expect(requestsTo(DETAILS)).toHaveLength(1);
  });

  it('400: a Client ID ConsCent does not know', async () => {
    const error = await apiFailure(client({}, credentials, 'no-such-client').getUserAndSubscriptions({ userId: SEED_EXAMPLE_USER_ID }));
    expect(error.kind).toBe('invalid-input');
    expect(requestsTo(DETAILS)).toHaveLength(1);
  });

  it.each<[string, Fault]>([
    ['500', { kind: 'status', status: 500 }],
    ['403', { kind: 'status', status: 403 }],
    ['malformed JSON', { kind: 'malformed-json' }],
    ['JSON of the wrong shape', { kind: 'wrong-shape' }],
  ])('%s', async (_label, fault) => {
    sim.addFault({ path: DETAILS, fault });
    await apiFailure(client().getUserAndSubscriptions({ userId: SEED_EXAMPLE_USER_ID }));
    expect(requestsTo(DETAILS)).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });
});

describe('a PATCH is sent exactly once, whatever happens to it', () => {
  const faults: [string, Fault][] = [
    ['500', { kind: 'status', status: 500 }],
    ['502', { kind: 'status', status: 502 }],
    ['503', { kind: 'status', status: 503 }],
    ['429 with a short Retry-After', { kind: 'status', status: 429, retryAfterSeconds: 0 }],
    ['an HTML gateway page', { kind: 'html' }],
    ['a dropped connection', { kind: 'drop' }],
    ['no answer (hang)', { kind: 'hang' }],
  ];

  it.each(faults)('client.updateUser after %s', async (_label, fault) => {
    sim.addFault({ path: UPDATE, fault });
    await apiFailure(client().updateUser(SEED_EXAMPLE_USER_ID, { name: 'Only Once' }));
    expect(requestsTo(UPDATE)).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it.each(faults)('the updateReader handler after %s', async (_label, fault) => {
    const bridge = wireTestConsole(tempDir(), { client: options() });
    const connectionId = await bridge.connectTo(sim);
    sim.addFault({ path: UPDATE, fault });
    const result = await bridge.handlers.updateReader({ connectionId, userId: SEED_EXAMPLE_USER_ID, changes: { name: 'Only Once' } });
    expect(result.ok).toBe(false);
    expect(requestsTo(UPDATE)).toHaveLength(1);
  });
});

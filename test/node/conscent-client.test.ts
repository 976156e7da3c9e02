import { apiFailure } from '../helpers/api-failure';
import { wordsOf } from '../helpers/failure-words';
import { closedPort } from '../helpers/closed-port';
import { describe, expect } from 'vitest';
import { createConsCentClient } from '../../main/conscent/conscent-client';
import { DEMO_CLIENT, DUPLICATE_EMAIL, DUPLICATE_EMAIL_USER_IDS, SEED_EXAMPLE_USER_ID, type Fault } from '../../simulator';
import { simulatorTest } from '../helpers/simulator-fixture';

const credentials = { apiKey: DEMO_CLIENT.apiKey, apiSecret: DEMO_CLIENT.apiSecret };

const it = simulatorTest({ userCount: 50, seed: 7 }).extend('client', ({ sim }) =>
  createConsCentClient({ baseUrl: sim.baseUrl, clientId: DEMO_CLIENT.clientId, credentials }, { timeoutMs: 1500 }),
);

describe('ConsCent client against the simulator: success', () => {
  it('updates a user, sending only the changed fields, and returns the stored record', async ({ sim, client }) => {
    const before = sim.getUser(SEED_EXAMPLE_USER_ID)!;
    const response = await client.updateUser(SEED_EXAMPLE_USER_ID, { phone: '9123456789', countryCode: '+91' });
    expect(response.message).toBe('User Details Updated Successfully.');
    expect(response.userData.phone).toBe('9123456789');
    expect(response.userData.name).toBe(before.name);
    expect(sim.getUser(SEED_EXAMPLE_USER_ID)!.phone).toBe('9123456789');
    const [request] = sim.requests;
    expect(request).toMatchObject({ method: 'PATCH', path: '/client/update-user', query: { userId: SEED_EXAMPLE_USER_ID } });
    expect(request!.body).toEqual({ phone: '9123456789', countryCode: '+91' });
  });

  it('reads user details and subscriptions by userId, email and phone', async ({ sim, client }) => {
    const byId = await client.getUserAndSubscriptions({ userId: SEED_EXAMPLE_USER_ID });
    expect(byId.userdetails.email).toBe('shivamdubey+kljo@conscent.ai');
    expect(byId.userSubscriptions.length).toBeGreaterThan(0);
    const user = sim.listUsers().find((u) => u.userId !== SEED_EXAMPLE_USER_ID && u.email)!;
    expect((await client.getUserAndSubscriptions({ email: user.email })).userdetails.name).toBe(user.name);
    expect((await client.getUserAndSubscriptions({ phoneNumber: user.phone })).userdetails.name).toBe(user.name);
  });

  it('finds purchases by email, including two accounts that share one email', async ({ client }) => {
    const { purchases } = await client.findPurchases({ email: DUPLICATE_EMAIL });
    expect(new Set(purchases.map((p) => p.userId))).toEqual(new Set(DUPLICATE_EMAIL_USER_IDS));
  });
});

describe('ConsCent client: every failure maps to one error kind', () => {
  const cases: [string, Fault, string, RegExp][] = [
    ['401', { kind: 'status', status: 401 }, 'unauthorized', /API key or secret/],
    ['403', { kind: 'status', status: 403 }, 'forbidden', /refused this action/],
    ['404', { kind: 'status', status: 404 }, 'not-found', /nothing/],
    ['500', { kind: 'status', status: 500 }, 'server-error', /HTTP 500/],
    ['502', { kind: 'status', status: 502 }, 'server-error', /HTTP 502/],
    ['503', { kind: 'status', status: 503 }, 'server-error', /HTTP 503/],
    ['an HTML error page', { kind: 'html' }, 'server-error', /HTTP 502/],
    ['a dropped connection', { kind: 'drop' }, 'network', /dropped/],
    ['malformed JSON', { kind: 'malformed-json' }, 'unexpected-response', /not JSON/],
    ['JSON of the wrong shape', { kind: 'wrong-shape' }, 'unexpected-response', /shape/],
    ['an oversized body', { kind: 'oversized', bytes: 8 * 1024 * 1024 }, 'unexpected-response', /larger than expected/],
    ['no answer at all', { kind: 'hang' }, 'timeout', /did not answer within 1.5 s/],
    ['latency past the timeout', { kind: 'latency', ms: 3000 }, 'timeout', /did not answer/],
  ];
  for (const [label, fault, kind, message] of cases) {
    it(`${label} → ${kind}`, async ({ sim, client }) => {
      sim.addFault({ path: '/client/update-user', fault });
      const error = await apiFailure(client.updateUser(SEED_EXAMPLE_USER_ID, { name: 'X Y' }));
      expect(error.kind).toBe(kind);
      expect(wordsOf(error)).toMatch(message);
      expect(wordsOf(error)).not.toContain(credentials.apiSecret);
    });
  }

  it('429 → rate-limited, with the Retry-After seconds', async ({ sim, client }) => {
    sim.addFault({ path: '/client/update-user', fault: { kind: 'status', status: 429, retryAfterSeconds: 7 } });
    const error = await apiFailure(client.updateUser(SEED_EXAMPLE_USER_ID, { name: 'X Y' }));
    expect(error.kind).toBe('rate-limited');
    expect(error.retryAfterSeconds).toBe(7);
    expect(wordsOf(error)).toMatch(/Wait 7 s/);
  });

  it('a wrong secret → unauthorized, and the secret is in no message', async ({ sim }) => {
    const wrong = { apiKey: DEMO_CLIENT.apiKey, apiSecret: 'wrong-secret-123456' };
    const bad = createConsCentClient({ baseUrl: sim.baseUrl, clientId: DEMO_CLIENT.clientId, credentials: wrong });
    const error = await apiFailure(bad.updateUser(SEED_EXAMPLE_USER_ID, { name: 'X Y' }));
    expect(error.kind).toBe('unauthorized');
    expect(JSON.stringify(error.toBridgeError())).not.toContain('wrong-secret-123456');
  });

  it('an unknown user → not-found; a malformed request → invalid-input with the API message', async ({ client }) => {
    expect((await apiFailure(client.updateUser('0123456789abcdef01234567', { name: 'X Y' }))).kind).toBe('not-found');
    const invalid = await apiFailure(client.updateUser('not-an-id', { name: 'X Y' }));
    expect(invalid.kind).toBe('invalid-input');
    expect(wordsOf(invalid)).toMatch(/ConsCent said/);
  });

  it('a refused connection → network', async () => {
    const port = await closedPort();
    const offline = createConsCentClient({ baseUrl: `http://127.0.0.1:${port}/api/v1`, clientId: 'c', credentials });
    const error = await apiFailure(offline.findPurchases({}));
    expect(error.kind).toBe('network');
    expect(wordsOf(error)).toMatch(/refused/);
  });

  it('a host that does not resolve → network', async () => {
    const nowhere = createConsCentClient({ baseUrl: 'https://no-such-host.invalid/api/v1', clientId: 'c', credentials });
    const error = await apiFailure(nowhere.findPurchases({}));
    expect(error.kind).toBe('network');
    expect(wordsOf(error)).toMatch(/The server name no-such-host.invalid could not be found/);
    expect(error.toBridgeError().reason).toBe('host-not-found');
  });

  it('works again once the fault is gone', async ({ sim, client }) => {
    sim.addFault({ path: '/client/update-user', fault: { kind: 'status', status: 503 }, times: 1 });
    expect((await apiFailure(client.updateUser(SEED_EXAMPLE_USER_ID, { name: 'Retry Works' }))).kind).toBe('server-error');
    expect((await client.updateUser(SEED_EXAMPLE_USER_ID, { name: 'Retry Works' })).userData.name).toBe('Retry Works');
  });
});

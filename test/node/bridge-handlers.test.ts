import { wordsOf } from '../helpers/failure-words';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect } from 'vitest';
import type { ConnectionSummary } from '../../common/connections-contract';
import type { Result } from '../../common/result';
import type { BridgeHandlers } from '../../main/ipc/register-bridge';
import {
  DEMO_CLIENT,
  DUPLICATE_EMAIL,
  DUPLICATE_EMAIL_USER_IDS,
  NO_PURCHASES_EMAIL,
  SEED_EXAMPLE_USER_ID,
  type RunningSimulator,
} from '../../simulator';
import { value, failure as error } from '../helpers/bridge-result';
import { bridgeTest } from '../helpers/bridge-fixture';
import { takesNoRequest, type OperationName } from '../../common/channels';

const good = { apiKey: DEMO_CLIENT.apiKey, apiSecret: DEMO_CLIENT.apiSecret };
// The trust path of a connection with no extra certificate and the System proxy (issue 18).
const DEFAULT_TRUST_PATH = { certificate: null, proxy: { mode: 'system' } };

const simConnection = (sim: RunningSimulator) => ({
  name: 'Local simulator',
  environment: 'custom' as const,
  baseUrl: sim.baseUrl,
  clientId: DEMO_CLIENT.clientId,
});

async function saveSimConnection(sim: RunningSimulator, handlers: BridgeHandlers): Promise<ConnectionSummary> {
  return value(await handlers.saveConnection({ connection: simConnection(sim), credentials: good }));
}

/** Each test: a fresh console (support log on disk) and, for those that ask, a saved connection to the simulator. */
const it = bridgeTest({ simulator: { userCount: 30, seed: 3 }, client: { timeoutMs: 1000 }, logger: 'file' }).extend(
  'connectionId',
  async ({ sim, bridge }) => (await saveSimConnection(sim, bridge.handlers)).id,
);

describe('connections', () => {
  it('saves a connection without ever returning its key or secret', async ({ sim, bridge }) => {
    const saved = await saveSimConnection(sim, bridge.handlers);
    expect(saved).toMatchObject({ name: 'Local simulator', hasCredentials: true });
    const listed = value(await bridge.handlers.listConnections());
    expect(listed.connections).toEqual([saved]);
    expect(listed.activeConnectionId).toBe(saved.id);
    for (const result of [saved, listed]) {
      expect(JSON.stringify(result)).not.toContain(good.apiSecret);
      expect(JSON.stringify(result)).not.toContain(good.apiKey);
    }
    // Bound to the origin they were entered for (issue #8, item 2).
    expect(await bridge.credentials.get(saved.id)).toEqual({ ...good, origin: new URL(sim.baseUrl).origin, trustPath: DEFAULT_TRUST_PATH });
  });

  it('requires credentials for a new connection, and keeps the stored ones when an edit omits them', async ({ sim, bridge }) => {
    expect(error(await bridge.handlers.saveConnection({ connection: simConnection(sim) })).kind).toBe('invalid-input');
    const saved = await saveSimConnection(sim, bridge.handlers);
    const edited = value(await bridge.handlers.saveConnection({ id: saved.id, connection: { ...simConnection(sim), name: 'Renamed' } }));
    expect(edited).toMatchObject({ id: saved.id, name: 'Renamed', hasCredentials: true });
    expect(await bridge.credentials.get(saved.id)).toEqual({ ...good, origin: new URL(sim.baseUrl).origin, trustPath: DEFAULT_TRUST_PATH });
  });

  it('rejects a plain-http base URL that is not this computer, naming the field', async ({ sim, bridge }) => {
    const result = error(
      await bridge.handlers.saveConnection({ connection: { ...simConnection(sim), baseUrl: 'http://api.conscent.in/api/v1' }, credentials: good }),
    );
    expect(result.kind).toBe('invalid-input');
    expect(result.kind === 'invalid-input' ? result.fields?.['connection.baseUrl'] : undefined).toMatch(/https/);
  });

  it('reports a keychain failure as such and does not save the connection', async ({ sim, bridge }) => {
    bridge.credentials.failWith('locked');
    const result = error(await bridge.handlers.saveConnection({ connection: simConnection(sim), credentials: good }));
    expect(result.kind).toBe('keychain');
    expect(result.reason).toBe('locked');
    expect(wordsOf(result, 'save-connection')).toMatch(/locked/i);
    bridge.credentials.failWith(null);
    expect(value(await bridge.handlers.listConnections()).connections).toEqual([]);
  });

  it('lists connections even when the keychain is unavailable, saying so', async ({ sim, bridge }) => {
    await saveSimConnection(sim, bridge.handlers);
    bridge.credentials.failWith('no-secret-service');
    const listed = value(await bridge.handlers.listConnections());
    expect(listed.connections[0]?.hasCredentials).toBe(false);
    expect(listed.keychainProblem).toEqual({ kind: 'keychain', reason: 'no-secret-service' });
    expect(wordsOf(listed.keychainProblem!, 'connections')).toMatch(/keychain service/i);
  });

  it('deletes a connection together with its keychain entry, and switches the active one', async ({ sim, bridge }) => {
    const first = await saveSimConnection(sim, bridge.handlers);
    const second = value(await bridge.handlers.saveConnection({ connection: { ...simConnection(sim), name: 'Two' }, credentials: good }));
    value(await bridge.handlers.selectConnection({ id: second.id }));
    expect(value(await bridge.handlers.listConnections()).activeConnectionId).toBe(second.id);
    value(await bridge.handlers.deleteConnection({ id: second.id }));
    expect(await bridge.credentials.get(second.id)).toBeNull();
    const listed = value(await bridge.handlers.listConnections());
    expect(listed.connections.map((p) => p.id)).toEqual([first.id]);
    expect(listed.activeConnectionId).toBe(first.id);
    expect(error(await bridge.handlers.deleteConnection({ id: second.id })).kind).toBe('not-configured');
  });

  it('tests a connection before saving: good credentials pass, a wrong secret is named', async ({ sim, bridge }) => {
    expect(value(await bridge.handlers.testConnection({ connection: simConnection(sim), credentials: good })).host).toBe(new URL(sim.baseUrl).host);
    const wrong = error(await bridge.handlers.testConnection({ connection: simConnection(sim), credentials: { ...good, apiSecret: 'nope-nope' } }));
    expect(wrong.kind).toBe('unauthorized');
    const saved = await saveSimConnection(sim, bridge.handlers);
    expect(value(await bridge.handlers.testConnection({ id: saved.id, connection: simConnection(sim) })).host).toBe(new URL(sim.baseUrl).host);
  });
});

describe('lookup and update', () => {
  it('looks a user up by userId, then shows the details ConsCent returns and marks the rest unknown', async ({ bridge, connectionId }) => {
    const lookup = value(await bridge.handlers.lookupReader({ connectionId, query: ` ${SEED_EXAMPLE_USER_ID.toUpperCase()} ` }));
    expect(lookup.queryKind).toBe('userId');
    expect(lookup.matches).toEqual([expect.objectContaining({ userId: SEED_EXAMPLE_USER_ID, name: 'Shivam Dubey' })]);
    const user = value(await bridge.handlers.openReader({ connectionId, userId: SEED_EXAMPLE_USER_ID }));
    expect(user).toMatchObject({ userId: SEED_EXAMPLE_USER_ID, name: 'Shivam Dubey', source: 'lookup' });
    expect(user.known).toContain('email');
    expect(user.known).not.toContain('phone');
    expect(user.phone).toBeUndefined();
    expect(user.subscriptions?.length).toBeGreaterThan(0);
  });

  it('looks users up by email (two accounts share it) and by phone with and without country code', async ({ sim, bridge, connectionId }) => {
    const byEmail = value(await bridge.handlers.lookupReader({ connectionId, query: DUPLICATE_EMAIL.toUpperCase() }));
    expect(byEmail.queryKind).toBe('email');
    expect(byEmail.matches.map((m) => m.userId).sort()).toEqual([...DUPLICATE_EMAIL_USER_IDS].sort());
    const target = sim.listUsers().find((u) => u.countryCode === '+91' && u.userId !== SEED_EXAMPLE_USER_ID)!;
    for (const query of [target.phone, `+91 ${target.phone}`]) {
      const byPhone = value(await bridge.handlers.lookupReader({ connectionId, query }));
      expect(byPhone.queryKind).toBe('phone');
      expect(byPhone.matches.map((m) => m.userId)).toEqual([target.userId]);
    }
  });

  it('says plainly when nobody matches, and explains a reader that has no purchases', async ({ bridge, connectionId }) => {
    expect(value(await bridge.handlers.lookupReader({ connectionId, query: 'nobody@example.org' })).matches).toEqual([]);
    expect(value(await bridge.handlers.lookupReader({ connectionId, query: '0123456789abcdef01234567' })).matches).toEqual([]);
    const hinted = value(await bridge.handlers.lookupReader({ connectionId, query: NO_PURCHASES_EMAIL }));
    expect(hinted.matches).toEqual([]);
    expect(hinted.knownWithoutPurchases).toBeDefined();
  });

  it('refuses a query that is neither id, email nor phone without calling ConsCent', async ({ sim, bridge, connectionId }) => {
    const result = error(await bridge.handlers.lookupReader({ connectionId, query: 'abc123' }));
    expect(result.kind).toBe('invalid-input');
    expect(wordsOf(result, 'lookup')).toMatch(/24 hexadecimal/);
    expect(sim.requests).toHaveLength(0);
  });

  it('updates only the changed fields and returns the record as the server stored it', async ({ sim, bridge, connectionId }) => {
    const result = value(
      await bridge.handlers.updateReader({
        connectionId,
        userId: SEED_EXAMPLE_USER_ID,
        changes: {
          phone: '9000000001',
          address: {
            name: 'Home',
            apartment: '1 MG Road',
            area: '',
            pincode: '560001',
            landmark: '',
            city: 'Bengaluru',
            state: 'KA',
            country: 'India',
          },
        },
      }),
    );
    expect(result.message).toBe('User Details Updated Successfully.');
    expect(result.sent).toEqual({ phone: '9000000001', address: expect.objectContaining({ city: 'Bengaluru' }) });
    expect(result.user).toMatchObject({ source: 'update', phone: '9000000001', countryCode: '+91', address: { city: 'Bengaluru' } });
    expect(result.user.known).toEqual(expect.arrayContaining(['phone', 'gender', 'shippingAddress', 'billingAddress']));
    expect(sim.getUser(SEED_EXAMPLE_USER_ID)?.address.city).toBe('Bengaluru');
    expect(sim.requests.at(-1)?.body).toEqual(result.sent);
  });

  it('rejects invalid changes with per-field messages and sends nothing', async ({ sim, bridge, connectionId }) => {
    const result = error(
      await bridge.handlers.updateReader({ connectionId, userId: SEED_EXAMPLE_USER_ID, changes: { phone: '12ab', email: 'not-an-email' } }),
    );
    expect(result.kind).toBe('invalid-input');
    expect(Object.keys((result.kind === 'invalid-input' && result.fields) || {})).toEqual(expect.arrayContaining(['changes.phone', 'changes.email']));
    expect(wordsOf(error(await bridge.handlers.updateReader({ connectionId, userId: SEED_EXAMPLE_USER_ID, changes: {} })), 'update')).toMatch(
      /nothing to change/,
    );
    expect(sim.requests).toHaveLength(0);
  });

  it('names the user when ConsCent does not know the id', async ({ bridge, connectionId }) => {
    const result = error(await bridge.handlers.updateReader({ connectionId, userId: '0123456789abcdef01234567', changes: { name: 'New Name' } }));
    expect(result).toMatchObject({ kind: 'not-found', reason: 'no-such-reader', userId: '0123456789abcdef01234567' });
    expect(wordsOf(result, 'update')).toBe(
      'ConsCent has no reader with user id 0123456789abcdef01234567 on this connection, so nothing was changed. ' +
        'Check the user id, and which connection is active (the reader may be in another environment).',
    );
  });

  it('maps faults to error kinds, and a retry works once the fault is gone', async ({ sim, bridge, connectionId }) => {
    const faults = [
      [{ kind: 'status', status: 500 }, 'server-error'],
      [{ kind: 'status', status: 429, retryAfterSeconds: 12 }, 'rate-limited'],
      [{ kind: 'hang' }, 'timeout'],
      [{ kind: 'drop' }, 'network'],
      [{ kind: 'html' }, 'server-error'],
    ] as const;
    for (const [fault, kind] of faults) {
      sim.addFault({ path: '/client/update-user', fault, times: 1 });
      const failed = error(await bridge.handlers.updateReader({ connectionId, userId: SEED_EXAMPLE_USER_ID, changes: { name: 'Fault Test' } }));
      expect(failed.kind).toBe(kind);
      if (failed.kind === 'rate-limited') expect(failed.retryAfterSeconds).toBe(12);
    }
    expect(value(await bridge.handlers.updateReader({ connectionId, userId: SEED_EXAMPLE_USER_ID, changes: { name: 'Fault Test' } })).user.name).toBe(
      'Fault Test',
    );
  });

  it('tells the agent when the connection has no stored credentials', async ({ bridge, connectionId }) => {
    await bridge.credentials.delete(connectionId);
    expect(error(await bridge.handlers.openReader({ connectionId, userId: SEED_EXAMPLE_USER_ID })).kind).toBe('not-configured');
  });

  it('writes a support log with no secret, email or phone number in it', async ({ bridge, connectionId }) => {
    await bridge.handlers.lookupReader({ connectionId, query: DUPLICATE_EMAIL });
    await bridge.handlers.updateReader({
      connectionId,
      userId: SEED_EXAMPLE_USER_ID,
      changes: { phone: '9000000002', email: 'someone@example.net' },
    });
    const log = await readFile(join(bridge.logDir, 'console.log'), 'utf8');
    expect(log).toContain('reader.updated');
    expect(log).toContain(SEED_EXAMPLE_USER_ID);
    for (const forbidden of [good.apiSecret, DUPLICATE_EMAIL, '9000000002', 'someone@example.net']) expect(log).not.toContain(forbidden);
  });
});

describe('untrusted payloads', () => {
  const junk: unknown[] = [
    undefined,
    null,
    42,
    'x',
    [],
    { connectionId: 'x' },
    { __proto__: { polluted: true } },
    { connectionId: 'a', query: 'b', extra: 1 },
  ];
  it('every operation rejects junk as invalid input without calling ConsCent', async ({ sim, bridge }) => {
    for (const [name, handler] of Object.entries(bridge.handlers)) {
      // Operations that take no request ignore whatever is sent (WITHOUT_REQUEST).
      if (takesNoRequest(name as OperationName)) continue;
      for (const payload of junk) {
        // { connectionId } alone is the whole (valid) request of the recent-readers operations.
        if (name.endsWith('RecentReaders') && JSON.stringify(payload) === '{"connectionId":"x"}') continue;
        const result = (await (handler as (p: unknown) => Promise<Result<unknown>>)(payload)) as Result<unknown>;
        expect(result.ok, `${name}(${JSON.stringify(payload)})`).toBe(false);
        if (!result.ok) expect(result.error.kind).toBe('invalid-input');
      }
    }
    expect(sim.requests).toHaveLength(0);
  });
});

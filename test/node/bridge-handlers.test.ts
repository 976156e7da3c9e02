import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ProfileSummary } from '../../common/contract';
import type { Result } from '../../common/result';
import { createConsCentClient } from '../../main/conscent/conscent-client';
import { createMemoryCredentialStore, type MemoryCredentialStore } from '../../main/credentials/memory-credential-store';
import { createBridgeHandlers } from '../../main/ipc/bridge-handlers';
import type { BridgeHandlers } from '../../main/ipc/register-bridge';
import { createFileLogger } from '../../main/logging/logger';
import { createProfileStore } from '../../main/settings/profile-store';
import {
  DEMO_CLIENT,
  DUPLICATE_EMAIL,
  DUPLICATE_EMAIL_USER_IDS,
  NO_PURCHASES_EMAIL,
  SEED_EXAMPLE_USER_ID,
  startSimulator,
  type RunningSimulator,
} from '../../simulator';

let sim: RunningSimulator;
let handlers: BridgeHandlers;
let credentials: MemoryCredentialStore;
let dir: string;
const good = { apiKey: DEMO_CLIENT.apiKey, apiSecret: DEMO_CLIENT.apiSecret };

beforeAll(async () => {
  sim = await startSimulator({ userCount: 30, seed: 3 });
});
afterAll(() => sim.stop());
beforeEach(async () => {
  sim.clearFaults();
  sim.clearRequests();
  dir = await mkdtemp(join(tmpdir(), 'cc-handlers-'));
  credentials = createMemoryCredentialStore();
  handlers = createBridgeHandlers({
    profiles: createProfileStore(join(dir, 'settings.json')),
    credentials,
    createClient: (connection) => createConsCentClient(connection, { timeoutMs: 1000 }),
    logger: createFileLogger({ dir: join(dir, 'logs') }),
  });
});

function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.kind}: ${result.error.message}`);
  return result.value;
}
function error<T>(result: Result<T>) {
  if (result.ok) throw new Error('expected a failure');
  return result.error;
}

const simProfile = () => ({ name: 'Local simulator', environment: 'custom' as const, baseUrl: sim.baseUrl, clientId: DEMO_CLIENT.clientId });

async function saveSimProfile(): Promise<ProfileSummary> {
  return value(await handlers.saveProfile({ profile: simProfile(), credentials: good }));
}

describe('profiles', () => {
  it('saves a profile without ever returning its key or secret', async () => {
    const saved = await saveSimProfile();
    expect(saved).toMatchObject({ name: 'Local simulator', hasCredentials: true });
    const listed = value(await handlers.listProfiles());
    expect(listed.profiles).toEqual([saved]);
    expect(listed.activeProfileId).toBe(saved.id);
    for (const result of [saved, listed]) {
      expect(JSON.stringify(result)).not.toContain(good.apiSecret);
      expect(JSON.stringify(result)).not.toContain(good.apiKey);
    }
    // Bound to the origin they were entered for (issue #8, item 2).
    expect(await credentials.get(saved.id)).toEqual({ ...good, origin: new URL(sim.baseUrl).origin });
  });

  it('requires credentials for a new profile, and keeps the stored ones when an edit omits them', async () => {
    expect(error(await handlers.saveProfile({ profile: simProfile() })).kind).toBe('invalid-input');
    const saved = await saveSimProfile();
    const edited = value(await handlers.saveProfile({ id: saved.id, profile: { ...simProfile(), name: 'Renamed' } }));
    expect(edited).toMatchObject({ id: saved.id, name: 'Renamed', hasCredentials: true });
    expect(await credentials.get(saved.id)).toEqual({ ...good, origin: new URL(sim.baseUrl).origin });
  });

  it('rejects a plain-http base URL that is not this computer, naming the field', async () => {
    const result = error(await handlers.saveProfile({ profile: { ...simProfile(), baseUrl: 'http://api.conscent.in/api/v1' }, credentials: good }));
    expect(result.kind).toBe('invalid-input');
    expect(result.fields?.['profile.baseUrl']).toMatch(/https/);
  });

  it('reports a keychain failure as such and does not save the profile', async () => {
    credentials.failWith('locked');
    const result = error(await handlers.saveProfile({ profile: simProfile(), credentials: good }));
    expect(result.kind).toBe('keychain');
    expect(result.message).toMatch(/locked/i);
    credentials.failWith(null);
    expect(value(await handlers.listProfiles()).profiles).toEqual([]);
  });

  it('lists profiles even when the keychain is unavailable, saying so', async () => {
    await saveSimProfile();
    credentials.failWith('no-secret-service');
    const listed = value(await handlers.listProfiles());
    expect(listed.profiles[0]?.hasCredentials).toBe(false);
    expect(listed.keychainProblem).toMatch(/keychain|Secret Service/i);
  });

  it('deletes a profile together with its keychain entry, and switches the active one', async () => {
    const first = await saveSimProfile();
    const second = value(await handlers.saveProfile({ profile: { ...simProfile(), name: 'Two' }, credentials: good }));
    value(await handlers.selectProfile({ id: second.id }));
    expect(value(await handlers.listProfiles()).activeProfileId).toBe(second.id);
    value(await handlers.deleteProfile({ id: second.id }));
    expect(await credentials.get(second.id)).toBeNull();
    const listed = value(await handlers.listProfiles());
    expect(listed.profiles.map((p) => p.id)).toEqual([first.id]);
    expect(listed.activeProfileId).toBe(first.id);
    expect(error(await handlers.deleteProfile({ id: second.id })).kind).toBe('not-configured');
  });

  it('tests a connection before saving: good credentials pass, a wrong secret is named', async () => {
    expect(value(await handlers.testConnection({ profile: simProfile(), credentials: good })).message).toMatch(/accepted/);
    const wrong = error(await handlers.testConnection({ profile: simProfile(), credentials: { ...good, apiSecret: 'nope-nope' } }));
    expect(wrong.kind).toBe('unauthorized');
    const saved = await saveSimProfile();
    expect(value(await handlers.testConnection({ id: saved.id, profile: simProfile() })).message).toMatch(/accepted/);
  });
});

describe('lookup and update', () => {
  let profileId: string;
  beforeEach(async () => {
    profileId = (await saveSimProfile()).id;
  });

  it('looks a user up by userId, then shows the details ConsCent returns and marks the rest unknown', async () => {
    const lookup = value(await handlers.lookupUser({ profileId, query: ` ${SEED_EXAMPLE_USER_ID.toUpperCase()} ` }));
    expect(lookup.queryKind).toBe('userId');
    expect(lookup.matches).toEqual([expect.objectContaining({ userId: SEED_EXAMPLE_USER_ID, name: 'Shivam Dubey' })]);
    const user = value(await handlers.getUser({ profileId, userId: SEED_EXAMPLE_USER_ID }));
    expect(user).toMatchObject({ userId: SEED_EXAMPLE_USER_ID, name: 'Shivam Dubey', source: 'lookup' });
    expect(user.known).toContain('email');
    expect(user.known).not.toContain('phone');
    expect(user.phone).toBeUndefined();
    expect(user.subscriptions?.length).toBeGreaterThan(0);
  });

  it('looks users up by email (two accounts share it) and by phone with and without country code', async () => {
    const byEmail = value(await handlers.lookupUser({ profileId, query: DUPLICATE_EMAIL.toUpperCase() }));
    expect(byEmail.queryKind).toBe('email');
    expect(byEmail.matches.map((m) => m.userId).sort()).toEqual([...DUPLICATE_EMAIL_USER_IDS].sort());
    const target = sim.listUsers().find((u) => u.countryCode === '+91' && u.userId !== SEED_EXAMPLE_USER_ID)!;
    for (const query of [target.phone, `+91 ${target.phone}`]) {
      const byPhone = value(await handlers.lookupUser({ profileId, query }));
      expect(byPhone.queryKind).toBe('phone');
      expect(byPhone.matches.map((m) => m.userId)).toEqual([target.userId]);
    }
  });

  it('says plainly when nobody matches, and explains a reader that has no purchases', async () => {
    expect(value(await handlers.lookupUser({ profileId, query: 'nobody@example.org' })).matches).toEqual([]);
    expect(value(await handlers.lookupUser({ profileId, query: '0123456789abcdef01234567' })).matches).toEqual([]);
    const hinted = value(await handlers.lookupUser({ profileId, query: NO_PURCHASES_EMAIL }));
    expect(hinted.matches).toEqual([]);
    expect(hinted.hint).toMatch(/no purchases.*user id/);
  });

  it('refuses a query that is neither id, email nor phone without calling ConsCent', async () => {
    const result = error(await handlers.lookupUser({ profileId, query: 'abc123' }));
    expect(result.kind).toBe('invalid-input');
    expect(result.message).toMatch(/24 hexadecimal/);
    expect(sim.requests).toHaveLength(0);
  });

  it('updates only the changed fields and returns the record as the server stored it', async () => {
    const result = value(
      await handlers.updateUser({ profileId, userId: SEED_EXAMPLE_USER_ID, changes: { phone: '9000000001', address: { name: 'Home', apartment: '1 MG Road', area: '', pincode: '560001', landmark: '', city: 'Bengaluru', state: 'KA', country: 'India' } } }),
    );
    expect(result.message).toBe('User Details Updated Successfully.');
    expect(result.sent).toEqual({ phone: '9000000001', address: expect.objectContaining({ city: 'Bengaluru' }) });
    expect(result.user).toMatchObject({ source: 'update', phone: '9000000001', countryCode: '+91', address: { city: 'Bengaluru' } });
    expect(result.user.known).toEqual(expect.arrayContaining(['phone', 'gender', 'shippingAddress', 'billingAddress']));
    expect(sim.getUser(SEED_EXAMPLE_USER_ID)?.address.city).toBe('Bengaluru');
    expect(sim.requests.at(-1)?.body).toEqual(result.sent);
  });

  it('rejects invalid changes with per-field messages and sends nothing', async () => {
    const result = error(await handlers.updateUser({ profileId, userId: SEED_EXAMPLE_USER_ID, changes: { phone: '12ab', email: 'not-an-email' } }));
    expect(result.kind).toBe('invalid-input');
    expect(Object.keys(result.fields ?? {})).toEqual(expect.arrayContaining(['changes.phone', 'changes.email']));
    expect(error(await handlers.updateUser({ profileId, userId: SEED_EXAMPLE_USER_ID, changes: {} })).message).toMatch(/nothing to change/);
    expect(sim.requests).toHaveLength(0);
  });

  it('names the user when ConsCent does not know the id', async () => {
    const result = error(await handlers.updateUser({ profileId, userId: '0123456789abcdef01234567', changes: { name: 'New Name' } }));
    expect(result).toMatchObject({ kind: 'not-found', message: expect.stringContaining('0123456789abcdef01234567') });
  });

  it('maps faults to error kinds, and a retry works once the fault is gone', async () => {
    const faults = [
      [{ kind: 'status', status: 500 }, 'server-error'],
      [{ kind: 'status', status: 429, retryAfterSeconds: 12 }, 'rate-limited'],
      [{ kind: 'hang' }, 'timeout'],
      [{ kind: 'drop' }, 'network'],
      [{ kind: 'html' }, 'server-error'],
    ] as const;
    for (const [fault, kind] of faults) {
      sim.addFault({ path: '/client/update-user', fault, times: 1 });
      const failed = error(await handlers.updateUser({ profileId, userId: SEED_EXAMPLE_USER_ID, changes: { name: 'Fault Test' } }));
      expect(failed.kind).toBe(kind);
      if (kind === 'rate-limited') expect(failed.retryAfterSeconds).toBe(12);
    }
    expect(value(await handlers.updateUser({ profileId, userId: SEED_EXAMPLE_USER_ID, changes: { name: 'Fault Test' } })).user.name).toBe('Fault Test');
  });

  it('tells the agent when the profile has no stored credentials', async () => {
    await credentials.delete(profileId);
    expect(error(await handlers.getUser({ profileId, userId: SEED_EXAMPLE_USER_ID })).kind).toBe('not-configured');
  });

  it('writes a support log with no secret, email or phone number in it', async () => {
    await handlers.lookupUser({ profileId, query: DUPLICATE_EMAIL });
    await handlers.updateUser({ profileId, userId: SEED_EXAMPLE_USER_ID, changes: { phone: '9000000002', email: 'someone@example.net' } });
    const log = await readFile(join(dir, 'logs', 'console.log'), 'utf8');
    expect(log).toContain('user.updated');
    expect(log).toContain(SEED_EXAMPLE_USER_ID);
    for (const forbidden of [good.apiSecret, DUPLICATE_EMAIL, '9000000002', 'someone@example.net']) expect(log).not.toContain(forbidden);
  });
});

describe('untrusted payloads', () => {
  const junk: unknown[] = [undefined, null, 42, 'x', [], { profileId: 'x' }, { __proto__: { polluted: true } }, { profileId: 'a', query: 'b', extra: 1 }];
  it('every operation rejects junk as invalid input without calling ConsCent', async () => {
    for (const [name, handler] of Object.entries(handlers)) {
      if (name === 'listProfiles') continue;
      for (const payload of junk) {
        const result = (await (handler as (p: unknown) => Promise<Result<unknown>>)(payload)) as Result<unknown>;
        expect(result.ok, `${name}(${JSON.stringify(payload)})`).toBe(false);
        if (!result.ok) expect(result.error.kind).toBe('invalid-input');
      }
    }
    expect(sim.requests).toHaveLength(0);
  });
});

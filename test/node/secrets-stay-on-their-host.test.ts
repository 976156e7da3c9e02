// Issue #8 item 2: a stored API key and secret go only to the origin (scheme, host and
// port) they were entered for. Real handlers, real connection store on disk, two simulators
// on two ports (two origins), so "nothing was sent there" is checked where it would land.
import { wordsOf } from '../helpers/failure-words';
import { fieldMessages } from '../../renderer/src/errors/local-failure-words';
import type { BridgeError } from '../../common/result';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ConnectionSummary } from '../../common/connections-contract';
import type { MemoryCredentialStore } from '../helpers/memory-credential-store';
import type { BridgeHandlers } from '../../main/ipc/register-bridge';
import type { SettingsStore } from '../../main/settings/settings-store';
import { DEMO_CLIENT, SEED_EXAMPLE_USER_ID, startSimulator, type RunningSimulator } from '../../simulator';
import { value, failure } from '../helpers/bridge-result';
import { tempFolders } from '../helpers/temp-folders';
import { wireTestConsole } from '../helpers/bridge-fixture';

const tempDir = tempFolders('cc-bound-');

let home: RunningSimulator;
let elsewhere: RunningSimulator;
let handlers: BridgeHandlers;
let credentials: MemoryCredentialStore;
let connections: SettingsStore;
let logDir: string;
const good = { apiKey: DEMO_CLIENT.apiKey, apiSecret: DEMO_CLIENT.apiSecret };
// The trust path of a connection with no extra certificate and the System proxy (issue 18).
const DEFAULT_TRUST_PATH = { certificate: null, proxy: { mode: 'system' } };

beforeAll(async () => {
  [home, elsewhere] = await Promise.all([startSimulator({ userCount: 5, seed: 8 }), startSimulator({ userCount: 5, seed: 9 })]);
});
afterAll(() => Promise.all([home.stop(), elsewhere.stop()]));
beforeEach(async () => {
  home.clearRequests();
  elsewhere.clearRequests();
  ({ handlers, credentials, connections, logDir } = wireTestConsole(tempDir(), { client: { timeoutMs: 1000 }, logger: 'file' }));
});

const connectionAt = (baseUrl: string) => ({ name: 'Publisher', environment: 'custom' as const, baseUrl, clientId: DEMO_CLIENT.clientId });
const hostOf = (sim: RunningSimulator) => new URL(sim.baseUrl).host;

async function savedAtHome(): Promise<ConnectionSummary> {
  return value(await handlers.saveConnection({ connection: connectionAt(home.baseUrl), credentials: good }));
}

function expectRefusedForNewHost(error: BridgeError) {
  expect(error.kind).toBe('invalid-input');
  // Both hosts named, and the two fields the agent has to fill in are marked.
  expect(wordsOf(error, 'save-connection')).toContain(hostOf(home));
  expect(wordsOf(error, 'save-connection')).toContain(hostOf(elsewhere));
  expect(fieldMessages(error)['credentials.apiKey']).toMatch(/Enter the API key for/);
  expect(fieldMessages(error)['credentials.apiSecret']).toMatch(/Enter the API secret for/);
  expect(JSON.stringify(error)).not.toContain(good.apiSecret);
}

describe('stored credentials are bound to their origin', () => {
  it('Test connection does not send stored credentials to another host', async () => {
    const saved = await savedAtHome();
    const error = failure(await handlers.testConnection({ id: saved.id, connection: connectionAt(elsewhere.baseUrl) }));
    expectRefusedForNewHost(error);
    expect(elsewhere.requests).toHaveLength(0);
  });

  it('saving a connection with another host needs the key and secret again, and changes nothing until then', async () => {
    const saved = await savedAtHome();
    expectRefusedForNewHost(failure(await handlers.saveConnection({ id: saved.id, connection: connectionAt(elsewhere.baseUrl) })));
    expect(value(await handlers.listConnections()).connections[0]?.baseUrl).toBe(home.baseUrl);

    const moved = value(await handlers.saveConnection({ id: saved.id, connection: connectionAt(elsewhere.baseUrl), credentials: good }));
    expect(moved).toMatchObject({ baseUrl: elsewhere.baseUrl, hasCredentials: true });
    expect(await credentials.get(saved.id)).toEqual({ ...good, origin: new URL(elsewhere.baseUrl).origin, trustPath: DEFAULT_TRUST_PATH });
    value(await handlers.lookupReader({ connectionId: saved.id, query: SEED_EXAMPLE_USER_ID }));
    expect(elsewhere.requests.length).toBeGreaterThan(0);
  });

  it('changing only the path on the same origin keeps the stored key and secret', async () => {
    const saved = await savedAtHome();
    const samePlace = `${new URL(home.baseUrl).origin}/api/v2`;
    const edited = value(await handlers.saveConnection({ id: saved.id, connection: connectionAt(samePlace) }));
    expect(edited).toMatchObject({ baseUrl: samePlace, hasCredentials: true });
    expect(await credentials.get(saved.id)).toEqual({ ...good, origin: new URL(home.baseUrl).origin, trustPath: DEFAULT_TRUST_PATH });
  });

  it('an entry saved before origins were recorded is bound to its connection’s saved base URL, and recorded on first use', async () => {
    await connections.upsert({ id: 'older', ...connectionAt(home.baseUrl) });
    await credentials.set('older', good); // no origin, as entries were stored before
    expectRefusedForNewHost(failure(await handlers.testConnection({ id: 'older', connection: connectionAt(elsewhere.baseUrl) })));
    expect(elsewhere.requests).toHaveLength(0);

    value(await handlers.lookupReader({ connectionId: 'older', query: SEED_EXAMPLE_USER_ID }));
    expect(await credentials.get('older')).toEqual({ ...good, origin: new URL(home.baseUrl).origin, trustPath: DEFAULT_TRUST_PATH });
  });

  it('a settings file repointed by hand does not carry the credentials to the new host', async () => {
    const saved = await savedAtHome();
    // What a hand edit of settings.json amounts to: same id, another host, keychain untouched.
    await connections.upsert({ id: saved.id, ...connectionAt(elsewhere.baseUrl) });
    const error = failure(await handlers.lookupReader({ connectionId: saved.id, query: SEED_EXAMPLE_USER_ID }));
    expect(error.kind).toBe('not-configured');
    expect(wordsOf(error)).toContain(hostOf(home));
    expect(wordsOf(error)).toContain(hostOf(elsewhere));
    expect(wordsOf(error)).toMatch(/enter the API key and secret/);
    expect(elsewhere.requests).toHaveLength(0);
  });

  it('logs a host change with the two hosts and nothing secret', async () => {
    const saved = await savedAtHome();
    value(await handlers.saveConnection({ id: saved.id, connection: connectionAt(elsewhere.baseUrl), credentials: good }));
    const log = await readFile(join(logDir, 'console.log'), 'utf8');
    const line = log.split('\n').find((l) => l.includes('connection.host-changed'));
    expect(line).toBeDefined();
    expect(JSON.parse(line ?? '{}')).toMatchObject({ connectionId: saved.id, from: hostOf(home), to: hostOf(elsewhere) });
    expect(log).not.toContain(good.apiSecret);
    expect(log).not.toContain(good.apiKey);
  });
});

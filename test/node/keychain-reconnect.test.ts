import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import keytar from 'keytar';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { KEYCHAIN_SERVICE } from '../../common/product';
import { createAppBridgeHandlers } from '../../main/app-services';
import { forkKeytarHelper } from '../../main/credentials/keytar-helper-client';
import { createKeytarCredentialStore, type KeytarLike } from '../../main/credentials/credential-store';
import { createReconnectingKeytar, type DisposableKeytar } from '../../main/credentials/keytar-reconnect';
import type { BridgeHandlers } from '../../main/ipc/register-bridge';
import { DEMO_CLIENT, SEED_EXAMPLE_USER_ID, startSimulator, type RunningSimulator } from '../../simulator';
import { failure, value } from '../helpers/bridge-result';
import { useUnlockedKeyringInThisProcess, type TestKeyring } from '../helpers/keyring';

// Issue 17.5: gnome-keyring restarts under a running console. libsecret in this process
// stays pinned to the keyring that went away, so before the fix every keychain call failed
// ("unexpected error … restart the keychain service") until the console was restarted.
// Here a real gnome-keyring on a private bus is stopped and started again, twice, under
// the real bridge handlers.

const HELPER = resolve(__dirname, '../../main/keytar-helper.ts');

let keyring: TestKeyring;
let sim: RunningSimulator;
let dir: string;
let handlers: BridgeHandlers;
const helpers: DisposableKeytar[] = [];
let backEvents = 0;
let whenBack: () => void = () => undefined;
const nextBack = () => new Promise<void>((done) => (whenBack = done));

beforeAll(async () => {
  keyring = await useUnlockedKeyringInThisProcess();
  sim = await startSimulator({ userCount: 5, seed: 4 });
  dir = await mkdtemp(join(tmpdir(), 'cc-keychain-reconnect-'));
  handlers = createAppBridgeHandlers({
    userDataDir: join(dir, 'userData'),
    logDir: join(dir, 'logs'),
    keytar,
    freshKeytar: () => {
      const helper = forkKeytarHelper(HELPER, ['--import', 'tsx']);
      helpers.push(helper);
      return helper;
    },
    onKeychainBack: () => {
      backEvents += 1;
      whenBack();
    },
    requestTimeoutMs: 5000,
  });
});
afterAll(async () => {
  for (const helper of helpers) helper.close();
  await sim?.stop();
  await keyring?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const lookup = (connectionId: string) => handlers.lookupReader({ connectionId, query: SEED_EXAMPLE_USER_ID });

it('after gnome-keyring restarts, says it is not running, then "back", and every keychain call works again without a console restart', async () => {
  const connection = { name: 'Desk', environment: 'custom', baseUrl: sim.baseUrl, clientId: DEMO_CLIENT.clientId } as const;
  const { id } = value(await handlers.saveConnection({ connection, credentials: { apiKey: DEMO_CLIENT.apiKey, apiSecret: DEMO_CLIENT.apiSecret } }));
  expect(value(await handlers.listConnections()).keychainProblem).toBeUndefined();
  value(await lookup(id));

  for (const round of [1, 2]) {
    await keyring.stopSecretService();
    // The keychain is really gone: the advice is to start it, not "restart the keychain service".
    const down = failure(
      await handlers.listConnections().then((r) => (r.ok && r.value.keychainProblem ? { ok: false as const, error: r.value.keychainProblem } : r)),
    );
    expect(down).toMatchObject({ kind: 'keychain', reason: 'no-secret-service' });
    const back = nextBack();
    await keyring.startSecretService();
    // Main notices by itself, without the agent doing anything.
    await back;
    expect(backEvents).toBe(round);

    // Reading, writing and deleting all work again in this same console.
    const listed = value(await handlers.listConnections());
    expect(listed.keychainProblem).toBeUndefined();
    expect(listed.connections.map((c) => [c.name, c.hasCredentials])).toEqual([[round === 1 ? 'Desk' : 'Desk 1', true]]);
    const edited = { ...connection, name: `Desk ${round}` };
    value(await handlers.saveConnection({ id, connection: edited, credentials: { apiKey: DEMO_CLIENT.apiKey, apiSecret: DEMO_CLIENT.apiSecret } }));
    value(await lookup(id));
    // What the keychain holds now, read by a separate process (this one's libsecret is the stale one).
    const outsider = forkKeytarHelper(HELPER, ['--import', 'tsx']);
    helpers.push(outsider);
    expect(JSON.parse((await outsider.getPassword(KEYCHAIN_SERVICE, id)) ?? '{}')).toMatchObject({ apiKey: DEMO_CLIENT.apiKey });
    outsider.close();
  }
  value(await handlers.deleteConnection({ id }));
  expect(value(await handlers.listConnections()).connections).toEqual([]);
  const outsider = forkKeytarHelper(HELPER, ['--import', 'tsx']);
  helpers.push(outsider);
  expect(await outsider.getPassword(KEYCHAIN_SERVICE, id)).toBeNull();
}, 60_000);

it('where no fresh process can be started, a lost keychain connection says to restart the console, nothing vaguer', async () => {
  const stale = () => Promise.reject(new Error('The name :1.7 was not provided by any .service files'));
  const dead: KeytarLike = { getPassword: stale, setPassword: stale, deletePassword: stale, findCredentials: stale };
  const store = createKeytarCredentialStore(createReconnectingKeytar(dead, null), 'ConsCent Console test');
  await expect(store.get('desk')).rejects.toMatchObject({ facts: { kind: 'keychain', reason: 'restart-console' } });
});

import { join } from 'node:path';
import { describe, expect } from 'vitest';
import { createAppBridgeHandlers } from '../../main/app-services';
import { DEMO_CLIENT, SEED_EXAMPLE_USER_ID } from '../../simulator';
import { countingKeytar, mapKeytar } from '../helpers/counting-keytar';
import { value } from '../helpers/bridge-result';
import { simulatorTest } from '../helpers/simulator-fixture';
import { tempFolders } from '../helpers/temp-folders';

const tempDir = tempFolders('cc-keychain-calls-');
import type { KeytarLike } from '../../main/credentials/credential-store';
import { HISTORY_CHAIN_ACCOUNT } from '../../main/history/chain-keychain';
import { DATA_KEY_ACCOUNT } from '../../main/at-rest/data-key';

// Issue #12, item 2: every keychain read is a D-Bus round trip and costs native memory
// in keytar + libsecret. A connection's key and secret are read once per session, kept in
// main's memory, dropped on save, delete and switch, and read again after a keychain error.

/** Each test: the app's own wiring over a fresh folder, its keychain a map that counts keytar's calls. */
const it = simulatorTest({ userCount: 5, seed: 4 }).extend('app', ({ sim }) => {
  const dir = tempDir();
  const keychain = mapKeytar();
  const keytar = countingKeytar(keychain);
  const historyCalls: string[] = [];
  // The history's own entries (its signing key and signed tail, issue 18; the data key its
  // lines are sealed with, read once per session, issue 18.4) are counted apart.
  const history = (account: string) => account === HISTORY_CHAIN_ACCOUNT || account === DATA_KEY_ACCOUNT;
  const routed: KeytarLike = {
    ...keytar,
    getPassword: (service, account) =>
      history(account) ? (historyCalls.push('getPassword'), keychain.getPassword(service, account)) : keytar.getPassword(service, account),
    setPassword: (service, account, password) =>
      history(account)
        ? (historyCalls.push('setPassword'), keychain.setPassword(service, account, password))
        : keytar.setPassword(service, account, password),
  };
  const handlers = createAppBridgeHandlers({ userDataDir: join(dir, 'userData'), logDir: join(dir, 'logs'), keytar: routed, requestTimeoutMs: 5000 });
  return {
    keychain,
    keytar,
    historyCalls,
    handlers,
    async saveConnection(name: string): Promise<string> {
      const connection = { name, environment: 'custom', baseUrl: sim.baseUrl, clientId: DEMO_CLIENT.clientId };
      const { id } = value(
        await handlers.saveConnection({ connection, credentials: { apiKey: DEMO_CLIENT.apiKey, apiSecret: DEMO_CLIENT.apiSecret } }),
      );
      // As the page does after a save; on a fresh keychain this also writes the "unlocked" marker.
      value(await handlers.listConnections());
      return id;
    },
    /** One agent cycle through the bridge: look the reader up, then save a change. */
    async lookupAndSave(connectionId: string, i: number): Promise<void> {
      value(await handlers.lookupReader({ connectionId, query: SEED_EXAMPLE_USER_ID }));
      value(await handlers.updateReader({ connectionId, userId: SEED_EXAMPLE_USER_ID, changes: { name: `Cycle ${i}` } }));
    },
  };
});

describe('keychain calls', () => {
  it('reads a connection from the keychain once (marker check + entry), then never on the hot path', async ({ app }) => {
    const { keytar, saveConnection, lookupAndSave } = app;
    const id = await saveConnection('One');
    keytar.reset();
    await lookupAndSave(id, 0);
    expect(keytar.calls).toEqual(['getPassword', 'getPassword']);
    keytar.reset();
    for (let i = 1; i <= 20; i += 1) await lookupAndSave(id, i);
    expect(keytar.calls).toEqual([]);
  });

  it('reads again after the connection is saved, and after it is deleted it is gone', async ({ sim, app }) => {
    const { keytar, handlers, saveConnection, lookupAndSave } = app;
    const id = await saveConnection('One');
    await lookupAndSave(id, 0);
    const connection = { name: 'Renamed', environment: 'custom', baseUrl: sim.baseUrl, clientId: DEMO_CLIENT.clientId };
    value(await handlers.saveConnection({ id, connection }));
    keytar.reset();
    await lookupAndSave(id, 1);
    expect(keytar.calls).toEqual(['getPassword', 'getPassword']);

    value(await handlers.deleteConnection({ id }));
    const afterDelete = await handlers.lookupReader({ connectionId: id, query: SEED_EXAMPLE_USER_ID });
    expect(afterDelete.ok).toBe(false);
  });

  it('keeps only the connection switched to', async ({ app }) => {
    const { keytar, handlers, saveConnection, lookupAndSave } = app;
    const first = await saveConnection('First');
    const second = await saveConnection('Second');
    await lookupAndSave(first, 0);
    await lookupAndSave(second, 0);
    value(await handlers.selectConnection({ id: second }));
    keytar.reset();
    await lookupAndSave(second, 1);
    expect(keytar.calls).toEqual([]);
    await lookupAndSave(first, 1);
    expect(keytar.calls).toEqual(['getPassword', 'getPassword']);
  });

  it('the history reads its keys and signed tail once per session, and writes the tail once per saved change', async ({ app }) => {
    const { historyCalls, saveConnection, lookupAndSave } = app;
    const id = await saveConnection('One');
    await lookupAndSave(id, 0);
    // First use: the data key is read, then made; the signing entry is read, then created
    // with a new key; then the tail after the outcome. Never again in this session but the tail.
    expect(historyCalls).toEqual(['getPassword', 'setPassword', 'getPassword', 'setPassword', 'setPassword']);
    historyCalls.length = 0;
    for (let i = 1; i <= 5; i += 1) await lookupAndSave(id, i);
    expect(historyCalls).toEqual(Array(5).fill('setPassword'));
  });

  it('after a keychain error, the next use reads the keychain again', async ({ app }) => {
    const { keychain, keytar, handlers, saveConnection, lookupAndSave } = app;
    const id = await saveConnection('One');
    await lookupAndSave(id, 0);
    keychain.failWhileLocked(true);
    const listed = value(await handlers.listConnections());
    expect(listed.keychainProblem).toMatchObject({ kind: 'keychain', reason: 'locked' });
    // Not answered from memory while the keychain says it is locked.
    const locked = await handlers.lookupReader({ connectionId: id, query: SEED_EXAMPLE_USER_ID });
    expect(locked.ok ? 'ok' : locked.error.kind).toBe('keychain');
    keychain.failWhileLocked(false);
    keytar.reset();
    await lookupAndSave(id, 1);
    expect(keytar.calls).toEqual(['getPassword', 'getPassword']);
  });
});

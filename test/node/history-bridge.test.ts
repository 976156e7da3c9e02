import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BRIDGE_CHANNELS, type ReaderView, type UpdateReaderResult } from '../../common/contract';
import type { HistoryPage } from '../../common/history-schemas';
import type { Result } from '../../common/result';
import { wireBridgeHandlers } from '../../main/app-services';
import { createConsCentClient } from '../../main/conscent/conscent-client';
import { createMemoryCredentialStore } from '../helpers/memory-credential-store';
import { silentLogger } from '../helpers/silent-logger';
import type { CredentialStore } from '../../main/credentials/credential-store';
import { registerBridge } from '../../main/ipc/register-bridge';
import { createConnectionStore } from '../../main/settings/connection-store';
import { DEMO_CLIENT, SEED_EXAMPLE_USER_ID, startSimulator, type RunningSimulator } from '../../simulator';
import { FakeIpcMain } from '../helpers/fake-ipc-main';

// Issue #10 through the bridge as the app wires it (real settings file, real journal,
// simulator): what a save records before and after, what survives a restart, what a
// history that cannot be written does to a save, and that the history never touches the keychain.

const APP = 'app://console/index.html';

let sim: RunningSimulator;
let dir: string;
let keychainCalls: string[];
let clearAsked: number[] = [];
let clearAnswer = false;
let credentials: CredentialStore;
beforeAll(async () => {
  sim = await startSimulator({ userCount: 10, seed: 5 });
});
afterAll(() => sim.stop());
beforeEach(async () => {
  sim.clearFaults();
  dir = await mkdtemp(join(tmpdir(), 'cc-history-bridge-'));
  keychainCalls = [];
  const memory = createMemoryCredentialStore();
  // Every keychain call is counted: the history must never make one.
  credentials = new Proxy(memory, {
    get: (target, key: string) => {
      const value = (target as unknown as Record<string, unknown>)[key];
      return typeof value === 'function'
        ? (...args: unknown[]) => (keychainCalls.push(key), (value as (...a: unknown[]) => unknown).apply(target, args))
        : value;
    },
  });
});
afterEach(() => rm(dir, { recursive: true, force: true }));

/** A console over `dir` (a second call is the console started again). */
async function console_(historyDir = join(dir, 'history')) {
  const ipc = new FakeIpcMain();
  registerBridge(
    ipc,
    wireBridgeHandlers({
      connections: createConnectionStore(join(dir, 'settings.json')),
      credentials,
      createClient: (access) => createConsCentClient(access, { timeoutMs: 800, retryRuntime: { sleep: async () => undefined } }),
      logger: silentLogger,
      historyDir,
      // Main's own dialog (issue 18), played by the test.
      confirmClearHistory: async (entries) => (clearAsked.push(entries), clearAnswer),
    }),
    ipc.trust((url) => url === APP),
  );
  const call = <T>(channel: string, payload?: unknown) => ipc.invoke(channel, payload, APP) as Promise<Result<T>>;
  return { call };
}

async function connected(c: Awaited<ReturnType<typeof console_>>): Promise<string> {
  const saved = await c.call<{ id: string }>(BRIDGE_CHANNELS.saveConnection, {
    connection: { name: 'Sim', environment: 'custom', baseUrl: sim.baseUrl, clientId: DEMO_CLIENT.clientId },
    credentials: { apiKey: DEMO_CLIENT.apiKey, apiSecret: DEMO_CLIENT.apiSecret },
  });
  if (!saved.ok) throw new Error(JSON.stringify(saved.error));
  return saved.value.id;
}

const page = async (c: Awaited<ReturnType<typeof console_>>) => {
  const result = await c.call<HistoryPage>(BRIDGE_CHANNELS.listHistory, { filter: {}, page: { offset: 0, limit: 10 } });
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value;
};

describe('the history behind the bridge', () => {
  it('records saved, failed and unknown saves with the values the agent was shown as "before"', async () => {
    const c = await console_();
    const connectionId = await connected(c);
    const shown = await c.call<ReaderView>(BRIDGE_CHANNELS.openReader, { connectionId, userId: SEED_EXAMPLE_USER_ID });
    expect(shown.ok).toBe(true);
    const update = (changes: object) =>
      c.call<UpdateReaderResult>(BRIDGE_CHANNELS.updateReader, { connectionId, userId: SEED_EXAMPLE_USER_ID, changes });
    expect((await update({ name: 'Shivam Saved', phone: '9000000001' })).ok).toBe(true);
    sim.addFault({ path: '/client/update-user', fault: { kind: 'status', status: 500 }, times: 5 });
    expect((await update({ name: 'Shivam Failed' })).ok).toBe(false);
    sim.clearFaults();
    sim.addFault({ path: '/client/update-user', fault: { kind: 'hang' }, times: 5 });
    expect(await update({ name: 'Shivam Unknown' })).toMatchObject({ ok: false, error: { kind: 'timeout' } });
    sim.clearFaults();

    const { entries } = await page(c);
    expect(entries.map((e) => [e.status, e.errorKind ?? null])).toEqual([
      ['unknown', 'timeout'],
      ['failed', 'server-error'],
      ['saved', null],
    ]);
    expect(entries[2]!.changes).toEqual([
      { field: 'name', before: 'Shivam Dubey', after: 'Shivam Saved' },
      { field: 'phone', before: null, after: '9000000001' },
    ]);
    // After the save the console knows the whole record: the next "before" is what it returned.
    expect(entries[1]!.changes).toEqual([{ field: 'name', before: 'Shivam Saved', after: 'Shivam Failed' }]);
  });

  it('the last known values survive a restart: a new console fills the lookup from the history, dated', async () => {
    const first = await console_();
    const connectionId = await connected(first);
    await first.call(BRIDGE_CHANNELS.openReader, { connectionId, userId: SEED_EXAMPLE_USER_ID });
    await first.call(BRIDGE_CHANNELS.updateReader, {
      connectionId,
      userId: SEED_EXAMPLE_USER_ID,
      changes: { phone: '9000000002', countryCode: '+91' },
    });

    const again = await console_();
    const opened = await again.call<ReaderView>(BRIDGE_CHANNELS.openReader, { connectionId, userId: SEED_EXAMPLE_USER_ID });
    if (!opened.ok) throw new Error(JSON.stringify(opened.error));
    expect(opened.value.phone).toBe('9000000002');
    expect(opened.value.remembered).toMatchObject({ from: 'history', fields: expect.arrayContaining(['phone', 'gender', 'shippingAddress']) });
    expect(opened.value.shippingAddress?.every((entry) => typeof entry._id === 'string')).toBe(true);
  });

  it('a history that cannot be written stops the save before anything is sent', async () => {
    const blocked = join(dir, 'not-a-folder');
    await writeFile(blocked, 'a file where the history folder should be');
    const c = await console_(blocked);
    const connectionId = await connected(c);
    sim.clearRequests();
    const result = await c.call(BRIDGE_CHANNELS.updateReader, { connectionId, userId: SEED_EXAMPLE_USER_ID, changes: { name: 'Never sent' } });
    expect(result).toMatchObject({ ok: false, error: { kind: 'history', reason: 'history-unwritable', path: blocked } });
    expect(sim.requests.filter((r) => r.method === 'PATCH')).toEqual([]);
  });

  it('settings, retention and clearing never touch the keychain', async () => {
    const c = await console_();
    const connectionId = await connected(c);
    await c.call(BRIDGE_CHANNELS.updateReader, { connectionId, userId: SEED_EXAMPLE_USER_ID, changes: { name: 'Shivam Cleared' } });
    keychainCalls = [];
    expect(await c.call(BRIDGE_CHANNELS.saveHistorySettings, { displayName: 'Maria K.', retentionDays: 30 })).toMatchObject({ ok: true });
    const restarted = await console_(); // opening purges by retention
    expect((await page(restarted)).all).toBe(1);
    clearAsked = [];
    clearAnswer = false;
    // The page's `confirm: true` is not enough: main asks in its own dialog, and "Keep it" keeps it.
    expect(await restarted.call(BRIDGE_CHANNELS.clearHistory, { confirm: true })).toEqual({ ok: true, value: { removed: 0, cancelled: true } });
    expect((await page(restarted)).all).toBe(1);
    clearAnswer = true;
    expect(await restarted.call(BRIDGE_CHANNELS.clearHistory, { confirm: true })).toEqual({ ok: true, value: { removed: 1 } });
    expect(clearAsked).toEqual([1, 1]);
    expect((await page(restarted)).all).toBe(0);
    expect(keychainCalls).toEqual([]);
    expect(await restarted.call(BRIDGE_CHANNELS.clearHistory, { confirm: false })).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
  });
});

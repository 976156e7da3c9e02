import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect } from 'vitest';
import type { ReaderView, UpdateReaderResult } from '../../common/readers-contract';
import type { HistoryPage } from '../../common/history-schemas';
import { SEED_EXAMPLE_USER_ID } from '../../simulator';
import { bridgeTest, type TestConsole } from '../helpers/bridge-fixture';
import { createMemoryCredentialStore, type MemoryCredentialStore } from '../helpers/memory-credential-store';

// Issue #10 through the bridge as the app wires it (real settings file, real journal,
// simulator): what a save records before and after, what survives a restart, what a
// history that cannot be written does to a save, and that the history never touches the keychain.

let keychainCalls: string[] = [];

let clearAsked: number[] = [];
let clearAnswer = false;

/** An in-memory keychain that counts every call: the history must never make one. */
function countingKeychain(): MemoryCredentialStore {
  keychainCalls = [];
  const memory = createMemoryCredentialStore();
  return new Proxy(memory, {
    get: (target, key: string) => {
      const value = (target as unknown as Record<string, unknown>)[key];
      return typeof value === 'function'
        ? (...args: unknown[]) => (keychainCalls.push(key), (value as (...a: unknown[]) => unknown).apply(target, args))
        : value;
    },
  });
}

/** Each test: a console with a change history (`bridge.restart()` is the console started again). */
const it = bridgeTest({
  simulator: { userCount: 10, seed: 5 },
  client: { timeoutMs: 800, retryRuntime: { sleep: async () => undefined } },
  credentials: countingKeychain,
  // Main's own dialog (issue 18), played by the test.
  confirmClearHistory: async (entries) => (clearAsked.push(entries), clearAnswer),
});

const page = async (c: TestConsole) => {
  const result = await c.call<HistoryPage>('listHistory', { filter: {}, page: { offset: 0, limit: 10 } });
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value;
};

describe('the history behind the bridge', () => {
  it('records saved, failed and unknown saves with the values the agent was shown as "before"', async ({ sim, bridge }) => {
    const c = bridge;
    const connectionId = await c.connectTo(sim);
    const shown = await c.call<ReaderView>('openReader', { connectionId, userId: SEED_EXAMPLE_USER_ID });
    expect(shown.ok).toBe(true);
    const update = (changes: object) => c.call<UpdateReaderResult>('updateReader', { connectionId, userId: SEED_EXAMPLE_USER_ID, changes });
    expect((await update({ name: 'Shivam Saved', phone: '9000000001' })).ok).toBe(true);
    sim.addFault({ path: '/client/update-user', fault: { kind: 'status', status: 403 }, times: 5 });
    expect((await update({ name: 'Shivam Failed' })).ok).toBe(false);
    sim.clearFaults();
    sim.addFault({ path: '/client/update-user', fault: { kind: 'hang' }, times: 5 });
    expect(await update({ name: 'Shivam Unknown' })).toMatchObject({ ok: false, error: { kind: 'timeout' } });
    sim.clearFaults();

    const { entries } = await page(c);
    expect(entries.map((e) => [e.status, e.errorKind ?? null])).toEqual([
      ['unknown', 'timeout'],
      ['failed', 'forbidden'],
      ['saved', null],
    ]);
    expect(entries[2]!.changes).toEqual([
      { field: 'name', before: 'Shivam Dubey', after: 'Shivam Saved' },
      { field: 'phone', before: null, after: '9000000001' },
    ]);
    // After the save the console knows the whole record: the next "before" is what it returned.
    expect(entries[1]!.changes).toEqual([{ field: 'name', before: 'Shivam Saved', after: 'Shivam Failed' }]);
  });

  it('the last known values survive a restart: a new console fills the lookup from the history, dated', async ({ sim, bridge }) => {
    const first = bridge;
    const connectionId = await first.connectTo(sim);
    await first.call('openReader', { connectionId, userId: SEED_EXAMPLE_USER_ID });
    await first.call('updateReader', {
      connectionId,
      userId: SEED_EXAMPLE_USER_ID,
      changes: { phone: '9000000002', countryCode: '+91' },
    });

    const again = bridge.restart();
    const opened = await again.call<ReaderView>('openReader', { connectionId, userId: SEED_EXAMPLE_USER_ID });
    if (!opened.ok) throw new Error(JSON.stringify(opened.error));
    expect(opened.value.phone).toBe('9000000002');
    expect(opened.value.remembered).toMatchObject({ from: 'history', fields: expect.arrayContaining(['phone', 'gender', 'shippingAddress']) });
    expect(opened.value.shippingAddress?.every((entry) => typeof entry._id === 'string')).toBe(true);
  });

  it('a history that cannot be written stops the save before anything is sent', async ({ sim, bridge }) => {
    // The history folder is made on first use: a file where it should be blocks it.
    await writeFile(join(bridge.dir, 'history'), 'a file where the history folder should be');
    const c = bridge;
    const connectionId = await c.connectTo(sim);
    sim.clearRequests();
    const result = await c.call('updateReader', { connectionId, userId: SEED_EXAMPLE_USER_ID, changes: { name: 'Never sent' } });
    expect(result).toMatchObject({ ok: false, error: { kind: 'history', reason: 'history-unwritable', path: join(bridge.dir, 'history') } });
    expect(sim.requests.filter((r) => r.method === 'PATCH')).toEqual([]);
  });

  it('settings, retention and clearing never touch the keychain', async ({ sim, bridge }) => {
    const c = bridge;
    const connectionId = await c.connectTo(sim);
    await c.call('updateReader', { connectionId, userId: SEED_EXAMPLE_USER_ID, changes: { name: 'Shivam Cleared' } });
    keychainCalls = [];
    expect(await c.call('saveHistorySettings', { displayName: 'Maria K.', retentionDays: 30 })).toMatchObject({ ok: true });
    const restarted = bridge.restart(); // opening purges by retention
    expect((await page(restarted)).all).toBe(1);
    clearAsked = [];
    clearAnswer = false;
    // The page's `confirm: true` is not enough: main asks in its own dialog, and "Keep it" keeps it.
    expect(await restarted.call('clearHistory', { confirm: true })).toEqual({ ok: true, value: { removed: 0, cancelled: true } });
    expect((await page(restarted)).all).toBe(1);
    clearAnswer = true;
    expect(await restarted.call('clearHistory', { confirm: true })).toEqual({ ok: true, value: { removed: 1 } });
    expect(clearAsked).toEqual([1, 1]);
    expect((await page(restarted)).all).toBe(0);
    expect(keychainCalls).toEqual([]);
    expect(await restarted.call('clearHistory', { confirm: false })).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
  });
});

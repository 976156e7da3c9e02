import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BRIDGE_CHANNELS } from '../../common/contract';
import { type UpdateReaderResult } from '../../common/readers-contract';
import type { HistoryPage, RevertPlan } from '../../common/history-schemas';
import type { Result } from '../../common/result';
import { saveOutcomeOf } from '../../common/save-outcome';
import { outcomeOfFailure } from '../../main/bulk/bulk-tasks';
import { wireBridgeHandlers } from '../../main/bridge-services';
import { createConsCentClient } from '../../main/conscent/conscent-client';
import { registerBridge } from '../../main/ipc/register-bridge';
import { createSettingsStore } from '../../main/settings/settings-store';
import type { Fault } from '../../simulator/options';
import { DEMO_CLIENT, SEED_EXAMPLE_USER_ID, startSimulator, type RunningSimulator } from '../../simulator';
import { FakeIpcMain } from '../helpers/fake-ipc-main';
import { createMemoryCredentialStore } from '../helpers/memory-credential-store';
import { silentLogger } from '../helpers/silent-logger';
import { appPaths } from '../../main/app-paths';

// Issue 17 item 4: once the PATCH went out, anything but a well-formed success or a 4xx
// refusal is "outcome unknown", for the save's answer and its history entry alike, and a
// revert of such a change is refused as unconfirmed, never as "not saved". Through the
// bridge as the app wires it, against the simulator's faults.

const APP = 'app://console/index.html';
const MAX_RESPONSE_BYTES = 64 * 1024;

let sim: RunningSimulator;
let dir: string;
beforeAll(async () => {
  sim = await startSimulator({ userCount: 5, seed: 3 });
});
afterAll(() => sim.stop());
beforeEach(async () => {
  sim.clearFaults();
  dir = await mkdtemp(join(tmpdir(), 'cc-save-outcome-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

async function startConsole() {
  const ipc = new FakeIpcMain();
  registerBridge(
    ipc,
    wireBridgeHandlers({
      connections: createSettingsStore(join(dir, 'settings.json')),
      credentials: createMemoryCredentialStore(),
      createClient: (access) =>
        createConsCentClient(access, { timeoutMs: 800, maxResponseBytes: MAX_RESPONSE_BYTES, retryRuntime: { sleep: async () => undefined } }),
      logger: silentLogger,
      paths: appPaths(dir, join(dir, 'logs')),
    }),
    ipc.trust((url) => url === APP),
  );
  const call = <T>(channel: string, payload?: unknown) => ipc.invoke(channel, payload, APP) as Promise<Result<T>>;
  const saved = await call<{ id: string }>(BRIDGE_CHANNELS.saveConnection, {
    connection: { name: 'Sim', environment: 'custom', baseUrl: sim.baseUrl, clientId: DEMO_CLIENT.clientId },
    credentials: { apiKey: DEMO_CLIENT.apiKey, apiSecret: DEMO_CLIENT.apiSecret },
  });
  if (!saved.ok) throw new Error(JSON.stringify(saved.error));
  const connectionId = saved.value.id;
  const update = (changes: object) => call<UpdateReaderResult>(BRIDGE_CHANNELS.updateReader, { connectionId, userId: SEED_EXAMPLE_USER_ID, changes });
  const newestEntry = async () => {
    const page = await call<HistoryPage>(BRIDGE_CHANNELS.listHistory, { filter: {}, page: { offset: 0, limit: 1 } });
    if (!page.ok || !page.value.entries[0]) throw new Error('no history entry');
    return page.value.entries[0];
  };
  return { call, update, newestEntry };
}

const AFTER_SENDING: [string, Fault][] = [
  ['a 502 from a gateway', { kind: 'status', status: 502 }],
  ['a 500', { kind: 'status', status: 500 }],
  ["a gateway's HTML 503 page", { kind: 'html', status: 503 }],
  ['truncated JSON', { kind: 'malformed-json' }],
  ['an answer of the wrong shape', { kind: 'wrong-shape' }],
  ['an over-size answer', { kind: 'oversized', bytes: 4 * MAX_RESPONSE_BYTES }],
  ['a dropped connection', { kind: 'drop' }],
];

describe('after the PATCH went out', () => {
  it.each(AFTER_SENDING)('%s is "outcome unknown" in the history, and its revert is refused as unconfirmed', async (_, fault) => {
    const c = await startConsole();
    sim.clearRequests();
    sim.addFault({ path: '/client/update-user', fault, times: 1 });
    const answer = await c.update({ name: 'Shivam Unknown' });
    expect(answer.ok).toBe(false);
    if (answer.ok) return;
    expect(sim.requests.filter((r) => r.method === 'PATCH')).toHaveLength(1);
    // The renderer words the error from the same decision main recorded.
    expect(saveOutcomeOf(answer.error)).toBe('unknown');
    const entry = await c.newestEntry();
    expect(entry).toMatchObject({ status: 'unknown', errorKind: answer.error.kind });
    const revert = await c.call<RevertPlan>(BRIDGE_CHANNELS.prepareRevert, { entryId: entry.id });
    expect(revert).toMatchObject({ ok: false, error: { kind: 'history', reason: 'revert-unconfirmed' } });
  });

  it.each([
    ['a 401 refusal', { kind: 'status', status: 401 } as Fault, 'unauthorized'],
    ['a 404', { kind: 'status', status: 404 } as Fault, 'not-found'],
    ['a 429', { kind: 'status', status: 429, retryAfterSeconds: 0 } as Fault, 'rate-limited'],
  ])('%s proves nothing was applied: "failed"', async (_, fault, kind) => {
    const c = await startConsole();
    sim.addFault({ path: '/client/update-user', fault, times: 1 });
    const answer = await c.update({ name: 'Shivam Refused' });
    expect(answer).toMatchObject({ ok: false, error: { kind } });
    if (!answer.ok) expect(saveOutcomeOf(answer.error)).toBe('failed');
    expect(await c.newestEntry()).toMatchObject({ status: 'failed', errorKind: kind });
  });
});

describe('one decision for a single save and a bulk run', () => {
  it('failed only where nothing can have been applied', () => {
    const cases: [Parameters<typeof saveOutcomeOf>[0], 'failed' | 'unknown'][] = [
      [{ kind: 'server-error', status: 502 }, 'unknown'],
      [{ kind: 'timeout' }, 'unknown'],
      [{ kind: 'no-answer' }, 'unknown'],
      [{ kind: 'unexpected-response', reason: 'not-json' }, 'unknown'],
      [{ kind: 'unexpected-response', reason: 'odd-status', status: 302 }, 'unknown'],
      [{ kind: 'unexpected-response', reason: 'odd-status', status: 409 }, 'failed'],
      [{ kind: 'network', reason: 'dropped' }, 'unknown'],
      [{ kind: 'network' }, 'unknown'],
      [{ kind: 'network', reason: 'connection-refused' }, 'failed'],
      [{ kind: 'network', reason: 'certificate' }, 'failed'],
      [{ kind: 'invalid-input', reason: 'refused-by-conscent', status: 400 }, 'failed'],
      [{ kind: 'update-in-flight' }, 'failed'],
    ];
    for (const [error, outcome] of cases) {
      expect([error, saveOutcomeOf(error)]).toEqual([error, outcome]);
      expect([error, outcomeOfFailure(error)]).toEqual([error, outcome]);
    }
  });
});

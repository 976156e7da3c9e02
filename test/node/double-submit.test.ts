import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BRIDGE_CHANNELS, type UpdateReaderResult } from '../../common/contract';
import type { Result } from '../../common/result';
import { createConsCentClient } from '../../main/conscent/conscent-client';
import { createMemoryCredentialStore } from '../helpers/memory-credential-store';
import { wireBridgeHandlers } from '../../main/app-services';
import { registerBridge } from '../../main/ipc/register-bridge';
import { silentLogger } from '../helpers/silent-logger';
import { createConnectionStore } from '../../main/settings/connection-store';
import { DEMO_CLIENT, SEED_EXAMPLE_USER_ID, startSimulator, type RunningSimulator } from '../../simulator';
import { FakeIpcMain } from '../helpers/fake-ipc-main';
import { tempFolders } from '../helpers/temp-folders';

const tempDir = tempFolders('cc-double-');

// The renderer disables Save while a save is in flight; main refuses a second one too,
// so a second click, a stuck UI or a misbehaving page can never send two PATCHes racing.

const APP = 'app://console/index.html';
const UPDATE = '/client/update-user';
let sim: RunningSimulator;
let ipc: FakeIpcMain;
let connectionId: string;

beforeAll(async () => {
  sim = await startSimulator({ userCount: 10, seed: 5 });
});
afterAll(() => sim.stop());
beforeEach(async () => {
  sim.clearFaults();
  sim.clearRequests();
  const dir = tempDir();
  ipc = new FakeIpcMain();
  const handlers = wireBridgeHandlers({
    connections: createConnectionStore(join(dir, 'settings.json')),
    credentials: createMemoryCredentialStore(),
    createClient: (connection) => createConsCentClient(connection, { timeoutMs: 5000 }),
    logger: silentLogger,
  });
  registerBridge(
    ipc,
    handlers,
    ipc.trust((url) => url === APP),
  );
  const connection = { name: 'Sim', environment: 'custom', baseUrl: sim.baseUrl, clientId: DEMO_CLIENT.clientId };
  const saved = (await ipc.invoke(
    BRIDGE_CHANNELS.saveConnection,
    { connection, credentials: { apiKey: DEMO_CLIENT.apiKey, apiSecret: DEMO_CLIENT.apiSecret } },
    APP,
  )) as Result<{ id: string }>;
  if (!saved.ok) throw new Error(JSON.stringify(saved.error));
  connectionId = saved.value.id;
});

const update = (name: string, userId = SEED_EXAMPLE_USER_ID) =>
  ipc.invoke(BRIDGE_CHANNELS.updateReader, { connectionId, userId, changes: { name } }, APP) as Promise<Result<UpdateReaderResult>>;
const patches = () => sim.requests.filter((r) => r.method === 'PATCH' && r.path === UPDATE);

/** Resolves the first call's promise into a flag, so "answered before the first" needs no clock. */
function track<T>(promise: Promise<T>): { promise: Promise<T>; settled: () => boolean } {
  let done = false;
  void promise.then(
    () => (done = true),
    () => (done = true),
  );
  return { promise, settled: () => done };
}

describe('a second save of the same reader while one is in flight', () => {
  it('is refused at once with a clear error; exactly one PATCH reaches ConsCent', async () => {
    sim.addFault({ path: UPDATE, fault: { kind: 'latency', ms: 400 }, times: 1 });
    const first = track(update('First Save'));
    const second = await update('Second Save');
    expect(first.settled()).toBe(false);
    expect(second).toEqual({ ok: false, error: { kind: 'update-in-flight' } });

    const result = await first.promise;
    expect(result.ok && result.value.user.name).toBe('First Save');
    expect(patches()).toHaveLength(1);
    expect(patches()[0]!.body).toEqual({ name: 'First Save' });
    expect(sim.getUser(SEED_EXAMPLE_USER_ID)!.name).toBe('First Save');
  });

  it('is refused when the user id differs only in letter case', async () => {
    sim.addFault({ path: UPDATE, fault: { kind: 'latency', ms: 300 }, times: 1 });
    const first = track(update('Lower'));
    const second = await update('Upper', SEED_EXAMPLE_USER_ID.toUpperCase());
    expect(second.ok).toBe(false);
    await first.promise;
    expect(patches()).toHaveLength(1);
  });

  it('works again once the first has answered, whether it succeeded or failed', async () => {
    sim.addFault({ path: UPDATE, fault: { kind: 'status', status: 500 }, times: 1 });
    expect((await update('Fails')).ok).toBe(false);
    const again = await update('After Failure');
    expect(again.ok).toBe(true);
    const third = await update('After Success');
    expect(third.ok).toBe(true);
    expect(patches()).toHaveLength(3);
  });

  it('does not hold back saves of other readers', async () => {
    const other = sim.listUsers().find((u) => u.userId !== SEED_EXAMPLE_USER_ID)!.userId;
    sim.addFault({ path: UPDATE, fault: { kind: 'latency', ms: 300 }, times: 1 });
    const [a, b] = await Promise.all([update('Reader A'), update('Reader B', other)]);
    expect(a.ok && b.ok).toBe(true);
    expect(patches()).toHaveLength(2);
  });

  it("a refused save does not release the first one's guard", async () => {
    sim.addFault({ path: UPDATE, fault: { kind: 'latency', ms: 400 }, times: 1 });
    const first = track(update('First'));
    expect((await update('Second')).ok).toBe(false);
    expect((await update('Third')).ok).toBe(false);
    await first.promise;
    expect(patches()).toHaveLength(1);
  });
});

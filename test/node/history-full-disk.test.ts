import { execFile } from 'node:child_process';
import { mkdtemp, open, readdir, readFile, rm, rmdir, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BRIDGE_CHANNELS } from '../../common/contract';
import { type UpdateReaderResult } from '../../common/readers-contract';
import type { HistoryPage } from '../../common/history-schemas';
import type { Result } from '../../common/result';
import { wireBridgeHandlers } from '../../main/bridge-services';
import { createConsCentClient } from '../../main/conscent/conscent-client';
import { registerBridge } from '../../main/ipc/register-bridge';
import { createSettingsStore } from '../../main/settings/settings-store';
import { DEMO_CLIENT, SEED_EXAMPLE_USER_ID, startSimulator, type RunningSimulator } from '../../simulator';
import { FakeIpcMain } from '../helpers/fake-ipc-main';
import { createMemoryCredentialStore } from '../helpers/memory-credential-store';
import { silentLogger } from '../helpers/silent-logger';
import { appPaths } from '../../main/app-paths';

// Issue 17 item 2 on a real full disk: the user data on a 256 KiB tmpfs. A save on the
// full disk writes part of its history line, then ENOSPC; that save must be refused and
// the torn part gone, so that the saves after it are all there after a restart.

const run = promisify(execFile);
const APP = 'app://console/index.html';

let mountPoint: string;
let mounted = false;
let notPermitted = '';
let sim: RunningSimulator;

beforeAll(async () => {
  sim = await startSimulator({ userCount: 5, seed: 17 });
  mountPoint = await mkdtemp(join(tmpdir(), 'cc-full-disk-'));
  try {
    await run('mount', ['-t', 'tmpfs', '-o', 'size=256k,mode=0700', 'tmpfs', mountPoint]);
    mounted = true;
  } catch (error) {
    notPermitted = (error as { stderr?: string }).stderr?.trim() || String(error);
  }
});

afterAll(async () => {
  await sim?.stop();
  // A lazy unmount if something still holds it: the tmpfs never outlives the test run.
  if (mounted) await run('umount', [mountPoint]).catch(() => run('umount', ['-l', mountPoint]));
  await rmdir(mountPoint).catch(() => undefined);
});

function console_(userData: string) {
  const ipc = new FakeIpcMain();
  registerBridge(
    ipc,
    wireBridgeHandlers({
      connections: createSettingsStore(join(userData, 'settings.json')),
      credentials: createMemoryCredentialStore(),
      createClient: (access) => createConsCentClient(access, { timeoutMs: 2000, retryRuntime: { sleep: async () => undefined } }),
      logger: silentLogger,
      paths: appPaths(userData, join(userData, 'logs')),
    }),
    ipc.trust((url) => url === APP),
  );
  return <T>(channel: string, payload?: unknown) => ipc.invoke(channel, payload, APP) as Promise<Result<T>>;
}

/** Writes a file until the disk refuses another byte. */
async function fillDisk(path: string): Promise<void> {
  const handle = await open(path, 'w');
  const block = Buffer.alloc(4096, 0x2e);
  try {
    for (;;) await handle.write(block);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  } finally {
    await handle.close();
  }
}

/** A shipping list whose history line is longer than a page: it cannot fit in the space left at the file's end. */
const longAddresses = (city: string) =>
  Array.from({ length: 12 }, (_, i) => ({
    name: `Address ${i}`,
    apartment: 'A'.repeat(150),
    area: 'B'.repeat(150),
    pincode: '560001',
    landmark: '',
    city,
    state: 'KA',
    country: 'IN',
  }));

describe('a full disk during a save (real tmpfs)', () => {
  it('the refused save leaves no torn line: every applied change is listed after a restart, with no problem', async (context) => {
    if (!mounted) context.skip(`mounting a tmpfs is not permitted here (${notPermitted}); CI runs as root and runs this test`);
    const userData = join(mountPoint, 'user-data');
    const filler = join(mountPoint, 'filler');
    try {
      const call = console_(userData);
      const saved = await call<{ id: string }>(BRIDGE_CHANNELS.saveConnection, {
        connection: { name: 'Sim', environment: 'custom', baseUrl: sim.baseUrl, clientId: DEMO_CLIENT.clientId },
        credentials: { apiKey: DEMO_CLIENT.apiKey, apiSecret: DEMO_CLIENT.apiSecret },
      });
      if (!saved.ok) throw new Error(JSON.stringify(saved.error));
      const connectionId = saved.value.id;
      const update = (changes: object) =>
        call<UpdateReaderResult>(BRIDGE_CHANNELS.updateReader, { connectionId, userId: SEED_EXAMPLE_USER_ID, changes });
      const listed = async (list: typeof call) => {
        const page = await list<HistoryPage>(BRIDGE_CHANNELS.listHistory, { filter: {}, page: { offset: 0, limit: 10 } });
        if (!page.ok) throw new Error(JSON.stringify(page.error));
        return page.value;
      };

      expect((await update({ name: 'Saved Before Full' })).ok).toBe(true);
      const [month] = await readdir(join(userData, 'history'));
      const journalFile = join(userData, 'history', month!);
      const before = await readFile(journalFile);
      // Room is left at the end of the file's last page, so the next line is written in part.
      expect(before.length % 4096).not.toBe(0);

      await fillDisk(filler);
      sim.clearRequests();
      expect(await update({ shippingAddress: longAddresses('Refused') })).toMatchObject({
        ok: false,
        error: { kind: 'history', reason: 'history-unwritable', code: 'ENOSPC' },
      });
      expect(sim.requests.filter((r) => r.method === 'PATCH')).toEqual([]);
      // The file is exactly what it was: the part of the line that fitted was cut back.
      expect((await readFile(journalFile)).equals(before)).toBe(true);

      await rm(filler);
      expect((await update({ shippingAddress: longAddresses('Mysuru') })).ok).toBe(true);
      expect((await update({ name: 'Saved After Full' })).ok).toBe(true);
      expect(sim.requests.filter((r) => r.method === 'PATCH')).toHaveLength(2);

      const during = await listed(call);
      const restarted = await listed(console_(userData));
      for (const page of [during, restarted]) {
        expect(page.problems).toEqual([]);
        expect(page.entries.map((e) => [e.status, e.changes.map((c) => c.field)])).toEqual([
          ['saved', ['name']],
          ['saved', ['shippingAddress']],
          ['saved', ['name']],
        ]);
      }
      expect((await stat(journalFile)).size).toBeGreaterThan(before.length);
    } finally {
      await rm(filler, { force: true });
      await rm(userData, { recursive: true, force: true });
    }
  });
});

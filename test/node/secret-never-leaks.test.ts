import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import keytar from 'keytar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BRIDGE_CHANNELS } from '../../common/contract';
import { createAppBridgeHandlers } from '../../main/app-services';
import { registerBridge } from '../../main/ipc/register-bridge';
import { createSenderCheck } from '../../main/ipc/sender-check';
import { startSimulator, DEMO_CLIENT, SEED_EXAMPLE_USER_ID, type RunningSimulator } from '../../simulator';
import { FakeIpcMain } from '../helpers/fake-ipc-main';
import { useUnlockedKeyringInThisProcess, type TestKeyring } from '../helpers/keyring';

// The whole main-process stack as the app wires it (real keychain, real settings file,
// real log, real HTTP), driven through the IPC layer, with a secret nobody could miss.
const SECRET = 'RECOGNISABLE-s3cret-7f1c2d';
const KEY = 'RECOGNISABLE-key-9a8b7c';
const APP_PAGE = 'app://console/index.html';

let keyring: TestKeyring;
let sim: RunningSimulator;
let ipc: FakeIpcMain;
const results: unknown[] = [];

async function call(op: keyof typeof BRIDGE_CHANNELS, payload?: unknown, sender = APP_PAGE) {
  const result = await ipc.invoke(BRIDGE_CHANNELS[op], payload, sender);
  results.push(result);
  return result as { ok: boolean; value?: Record<string, unknown>; error?: { kind: string; message: string } };
}

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await filesUnder(path)));
    else if (entry.isFile()) out.push(path);
  }
  return out;
}

beforeAll(async () => {
  keyring = await useUnlockedKeyringInThisProcess();
  sim = await startSimulator({ userCount: 10, clients: [{ clientId: DEMO_CLIENT.clientId, apiKey: KEY, apiSecret: SECRET }] });
  ipc = new FakeIpcMain();
  registerBridge(
    ipc,
    createAppBridgeHandlers({ userDataDir: join(keyring.env.HOME, 'userData'), logDir: join(keyring.env.HOME, 'logs'), keytar }),
    ipc.trust(createSenderCheck(APP_PAGE)),
  );
});
afterAll(async () => {
  await sim?.stop();
  await keyring?.stop();
});

describe('the API secret never leaves the keychain', () => {
  it('is stored in the real keychain, and used, but found in no result, error, file or log', async () => {
    const connection = { name: 'Leak check', environment: 'custom', baseUrl: sim.baseUrl, clientId: DEMO_CLIENT.clientId };
    const saved = await call('saveConnection', { connection, credentials: { apiKey: KEY, apiSecret: SECRET } });
    expect(saved.ok).toBe(true);
    const id = saved.value!.id as string;
    // With the origin and trust path they may be sent to and by (issues 8.2 and 18).
    expect(JSON.parse((await keytar.getPassword('ConsCent Console', id))!)).toEqual({
      apiKey: KEY,
      apiSecret: SECRET,
      origin: new URL(sim.baseUrl).origin,
      trustPath: { certificate: null, proxy: { mode: 'system' } },
    });

    await call('listConnections');
    expect((await call('testConnection', { id, connection })).ok).toBe(true);
    await call('testConnection', { connection, credentials: { apiKey: KEY, apiSecret: `${SECRET}-wrong` } });
    await call('lookupReader', { connectionId: id, query: SEED_EXAMPLE_USER_ID });
    await call('openReader', { connectionId: id, userId: SEED_EXAMPLE_USER_ID });
    expect((await call('updateReader', { connectionId: id, userId: SEED_EXAMPLE_USER_ID, changes: { name: 'Leak Check' } })).ok).toBe(true);
    sim.addFault({ fault: { kind: 'status', status: 500 } });
    await call('updateReader', { connectionId: id, userId: SEED_EXAMPLE_USER_ID, changes: { name: 'Leak Check 2' } });
    sim.clearFaults();
    await call('saveConnection', { id, connection: { ...connection, baseUrl: `ftp://${SECRET}` } });
    // The server did receive the credentials: the leak check is not vacuous.
    expect(sim.requests.some((r) => r.authorized)).toBe(true);

    const everyResult = JSON.stringify(results);
    expect(everyResult).not.toContain(SECRET);
    expect(everyResult).not.toContain(KEY);

    const written = (await filesUnder(keyring.env.HOME)).filter((f) => !f.endsWith('.keyring'));
    expect(written.some((f) => f.endsWith('settings.json'))).toBe(true);
    expect(written.some((f) => f.endsWith('console.log'))).toBe(true);
    for (const file of written) {
      if ((await stat(file)).size > 5_000_000) continue;
      const text = await readFile(file, 'latin1');
      expect(text, file).not.toContain(SECRET);
      expect(text, file).not.toContain(Buffer.from(`${KEY}:${SECRET}`).toString('base64'));
    }
  });

  it('refuses calls from any page but the console itself, before looking at the payload', async () => {
    for (const sender of ['https://evil.example/', 'file:///etc/passwd', 'app://console/other.html', null]) {
      const result = await ipc.invoke(BRIDGE_CHANNELS.listConnections, undefined, sender as string);
      expect(result).toMatchObject({ ok: false, error: { kind: 'rejected-sender' } });
    }
    expect((await call('listConnections')).ok).toBe(true);
  });
});

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BRIDGE_CHANNELS } from '../../common/contract';
import { createAppBridgeHandlers } from '../../main/app-services';
import { registerBridge } from '../../main/ipc/register-bridge';
import { createSenderCheck } from '../../main/ipc/sender-check';
import { DEMO_CLIENT, SEED_EXAMPLE_USER_ID, startSimulator, type RunningSimulator } from '../../simulator';
import { FakeIpcMain } from '../helpers/fake-ipc-main';
import { memoryKeytar } from '../helpers/stand-in-electron';

// docs/installing.md, "Upgrading" (issue 21 item 2): an in-place upgrade replaces only the
// program; the user-data folder and the keychain entries stay where they are. Here the
// app's services write a folder as an agent's day would (a connection with its key and
// secret, a change, a reader opened), stop, and the services are started again on the
// same folder and keychain, as the upgraded app starts: everything is still there.

const APP_PAGE = 'app://console/index.html';
let sim: RunningSimulator;
let userDataDir: string;
const keychain = memoryKeytar();

function startServices() {
  const ipc = new FakeIpcMain();
  registerBridge(
    ipc,
    createAppBridgeHandlers({ userDataDir, logDir: join(userDataDir, 'logs'), keytar: keychain }),
    ipc.trust(createSenderCheck(APP_PAGE)),
  );
  return async (op: keyof typeof BRIDGE_CHANNELS, payload?: unknown) =>
    (await ipc.invoke(BRIDGE_CHANNELS[op], payload, APP_PAGE)) as { ok: boolean; value?: never; error?: unknown };
}

beforeAll(async () => {
  sim = await startSimulator({ port: 0, userCount: 5 });
  userDataDir = mkdtempSync(join(tmpdir(), 'conscent-upgrade-'));
});
afterAll(async () => {
  await sim?.stop();
  rmSync(userDataDir, { recursive: true, force: true });
});

describe('an in-place upgrade', () => {
  it('keeps settings, history, recent readers and keychain entries', async () => {
    const connection = { name: 'Acme support', environment: 'custom', baseUrl: sim.baseUrl, clientId: DEMO_CLIENT.clientId };
    const before = startServices();
    const saved = await before('saveConnection', { connection, credentials: { apiKey: DEMO_CLIENT.apiKey, apiSecret: DEMO_CLIENT.apiSecret } });
    expect(saved.ok).toBe(true);
    const id = (saved.value as unknown as { id: string }).id;
    expect((await before('openReader', { connectionId: id, userId: SEED_EXAMPLE_USER_ID })).ok).toBe(true);
    expect((await before('updateReader', { connectionId: id, userId: SEED_EXAMPLE_USER_ID, changes: { name: 'Upgrade Check' } })).ok).toBe(true);

    // The upgraded app: new services, same folder, same keychain.
    const after = startServices();
    const state = (await after('listConnections')).value as unknown as { connections: { id: string; name: string }[]; activeId?: string | null };
    expect(state.connections.map((c) => [c.id, c.name])).toEqual([[id, 'Acme support']]);
    const history = (await after('listHistory', { filter: {}, page: { offset: 0, limit: 10 } })).value as unknown as {
      entries: { userId: string; changes: unknown[] }[];
    };
    expect(history.entries.map((entry) => entry.userId)).toEqual([SEED_EXAMPLE_USER_ID]);
    const recent = (await after('listRecentReaders', { connectionId: id })).value as unknown as { readers: { userId: string }[] };
    expect(recent.readers.map((reader) => reader.userId)).toContain(SEED_EXAMPLE_USER_ID);
    // Nothing was damaged by the upgrade: the signed history reopens with no problem.
    expect((history as unknown as { problems: unknown[] }).problems).toEqual([]);
    // The key and secret are read from the keychain again: ConsCent answers without retyping them.
    const reopened = (await after('openReader', { connectionId: id, userId: SEED_EXAMPLE_USER_ID })) as { ok: boolean; value?: { name?: string } };
    expect(reopened.ok).toBe(true);
  });
});

describe('docs/installing.md', () => {
  const doc = readFileSync(join(__dirname, '../../docs/installing.md'), 'utf8');
  it('has an Upgrading section naming what an upgrade keeps', () => {
    const upgrading = doc.slice(doc.indexOf('## Upgrading'), doc.indexOf('## Uninstalling'));
    expect(upgrading.length).toBeGreaterThan(0);
    for (const kept of ['settings', 'history', 'recent readers', 'keychain entries']) expect(upgrading).toContain(kept);
  });
  it('says what each installer removes by itself and points at removing every local trace', () => {
    const uninstall = doc.slice(doc.indexOf('## Uninstalling'));
    for (const installer of ['| deb', '| AppImage', '| NSIS', '| msi', '| dmg', '| pkg']) expect(uninstall).toContain(installer);
    expect(uninstall).toContain('[Removing every local trace]');
  });
});

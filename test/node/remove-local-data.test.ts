import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import keytar from 'keytar';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { KEYCHAIN_SERVICE } from '../../common/product';
import { createAppBridgeHandlers } from '../../main/app-services';
import { DEMO_CLIENT, SEED_EXAMPLE_USER_ID, startSimulator, type RunningSimulator } from '../../simulator';
import { value } from '../helpers/bridge-result';
import { useUnlockedKeyringInThisProcess, type TestKeyring } from '../helpers/keyring';

// Issue 18.4: docs/installing.md gives one command that removes every local trace of the
// console for the agent running it. Here the real app services fill a user-data folder and
// a real gnome-keyring (a connection, a lookup and a save, recent readers, proxy
// credentials), then the documented script runs against them, and nothing is left.

const run = promisify(execFile);
const SCRIPT = resolve(__dirname, '../../scripts/remove-local-data.ts');

let keyring: TestKeyring;
let sim: RunningSimulator;
let root: string;

beforeAll(async () => {
  keyring = await useUnlockedKeyringInThisProcess();
  sim = await startSimulator({ userCount: 3, seed: 8 });
  root = await mkdtemp(join(tmpdir(), 'cc-remove-local-'));
});
afterAll(async () => {
  await sim?.stop();
  await keyring?.stop();
  if (root) await rm(root, { recursive: true, force: true });
});

it('the documented command deletes the data folder and every keychain entry the console made, and nothing else', async () => {
  const userData = join(root, 'ConsCent Console');
  const handlers = createAppBridgeHandlers({ userDataDir: userData, logDir: join(userData, 'logs'), keytar, requestTimeoutMs: 5000 });
  const connection = { name: 'Desk', environment: 'custom', baseUrl: sim.baseUrl, clientId: DEMO_CLIENT.clientId } as const;
  const { id } = value(await handlers.saveConnection({ connection, credentials: { apiKey: DEMO_CLIENT.apiKey, apiSecret: DEMO_CLIENT.apiSecret } }));
  value(await handlers.listConnections());
  value(await handlers.lookupReader({ connectionId: id, query: SEED_EXAMPLE_USER_ID }));
  value(await handlers.updateReader({ connectionId: id, userId: SEED_EXAMPLE_USER_ID, changes: { name: 'Leaves No Trace' } }));
  // Proxy credentials as the console keeps them, and Chromium's own state beside main's files.
  await keytar.setPassword(KEYCHAIN_SERVICE, 'proxy:http://proxy.corp:8080', JSON.stringify({ username: 'u', password: 'p' }));
  await mkdir(join(userData, 'Local Storage'), { recursive: true });
  await writeFile(join(userData, 'Local Storage', 'leveldb.log'), 'chromium state');
  // Someone else's secret in the same keychain must stay.
  await keytar.setPassword('Another App', 'agent', 'not ours');

  expect((await readdir(userData)).length).toBeGreaterThan(2);
  expect((await keytar.findCredentials(KEYCHAIN_SERVICE)).map((e) => e.account).sort()).toEqual(
    // The history's signing key and the data key (issue 18) are the console's too.
    ['.data-key', '.history-chain', '.keychain-check', id, 'proxy:http://proxy.corp:8080'].sort(),
  );

  const { stdout } = await run(process.execPath, ['--import', 'tsx', SCRIPT, '--user-data', userData], { env: process.env });

  expect(existsSync(userData)).toBe(false);
  expect(await keytar.findCredentials(KEYCHAIN_SERVICE)).toEqual([]);
  expect(await keytar.getPassword('Another App', 'agent')).toBe('not ours');
  expect(stdout).toContain(`Deleted ${userData}`);
  expect(stdout).toContain('Nothing of ConsCent Console is left on this computer for this user.');
  // Only account names are printed, never what was stored under them.
  expect(stdout).not.toContain(DEMO_CLIENT.apiSecret);
}, 60_000);

it('docs/installing.md gives that command, for the installed app and for a checkout', async () => {
  const { readFile } = await import('node:fs/promises');
  const docs = await readFile(resolve(__dirname, '../../docs/installing.md'), 'utf8');
  expect(docs).toContain('conscent-console --remove-local-data');
  expect(docs).toContain('npx tsx scripts/remove-local-data.ts');
  expect(docs).toContain('**`ConsCent Console`**');
});

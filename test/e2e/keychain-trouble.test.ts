import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import keytar from 'keytar';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { KEYCHAIN_SERVICE } from '../../common/product';
import { SEED_EXAMPLE_USER_ID } from '../../simulator';
import { seriousViolations } from './axe-check';
import { sweepFiles } from './file-sweep';
import { launchConsole, type ConsoleUnderTest } from './harness';
import { failuresSince, steps, type ConnectionFields } from './ui-steps';

// The agent's machine has a session bus but no keychain service running (GNOME Keyring
// not started). This whole file's process sees that situation: GLib allows one bus per
// process. The agent is told what to do, loses nothing typed, the secret is written
// nowhere else, and once the keychain service runs, the same "Save connection" works.

const SECRET = `KCSECRET-${randomBytes(6).toString('hex')}`;
const CLIENT = { clientId: 'keychain-client', apiKey: `kckey-${randomBytes(4).toString('hex')}`, apiSecret: SECRET };
const AUTH_HEADER = Buffer.from(`${CLIENT.apiKey}:${CLIENT.apiSecret}`).toString('base64');

let app: ConsoleUnderTest;
const page = (): Page => app.page;
const ui = steps(page);

beforeAll(async () => {
  app = await launchConsole({ userCount: 5, seed: 3, clients: [CLIENT] }, { keychain: 'no-secret-service' });
});
afterAll(() => app?.close());

const typed: ConnectionFields = {
  name: 'Support desk',
  baseUrl: '', // set once the simulator runs
  clientId: CLIENT.clientId,
  apiKey: CLIENT.apiKey,
  apiSecret: SECRET,
};

async function secretsOnDisk() {
  // Everything under the temp HOME: settings, logs, Chromium's profile, and (once it
  // exists) the keyring file, which must hold the secret only encrypted.
  return sweepFiles(app.keyring.env.HOME, [SECRET, AUTH_HEADER]);
}

it('at start, says the keychain cannot be used and what to do about it', async () => {
  const notice = page().getByRole('alert').filter({ hasText: 'The system keychain cannot be used right now.' });
  await notice.waitFor();
  expect(await notice.innerText()).toMatch(/No keychain service is running\. On Linux install and start GNOME Keyring .*then try again/);
  await ui.field('Connection name').waitFor();
});

it('saving a connection: an actionable keychain message, every field kept, the secret written nowhere', async () => {
  typed.baseUrl = app.sim.baseUrl;
  await ui.fillConnection(typed);
  // The credentials themselves are fine: only storing them fails.
  await ui.button('Test connection').click();
  await page()
    .getByText(/Connection works\./)
    .waitFor();

  const from = app.ipcResults.length;
  await ui.button('Save connection').click();
  const alert = page().getByRole('alert').filter({ hasText: 'The connection was not saved.' });
  await alert.waitFor();
  expect(failuresSince(app.ipcResults, from).map((e) => e.kind)).toEqual(['keychain']);
  const text = await alert.innerText();
  // What happened, then once what to do, with the help that shows how (issue 22.3).
  expect(text).toMatch(/No keychain service is running\.\s+On Linux install and start GNOME Keyring/);
  const help = alert.getByRole('button', { name: 'Unlock keychain help' });
  await help.click();
  expect(await help.getAttribute('aria-expanded')).toBe('true');
  await alert.getByText(/Passwords and Keys”, right-click the Login keyring/).waitFor();
  expect(await seriousViolations(page())).toEqual([]);
  await app.screenshot('kc-save-failed');

  // Nothing typed is lost, the secret included: the agent does not have to fetch it again.
  await ui.expectConnectionForm(typed);
  // No plaintext fallback: no settings entry, and the secret is in no file at all.
  expect(existsSync(join(app.userDataDir, 'settings.json'))).toBe(false);
  const sweep = await secretsOnDisk();
  expect(sweep.files.length).toBeGreaterThan(0); // Chromium's profile and the log at least
  expect(sweep.hits).toEqual([]);
  console.info(`keychain sweep after the failed save: ${sweep.files.length} files, ${sweep.hits.length} hits`);
  expect(await keytar.findCredentials(KEYCHAIN_SERVICE).catch(() => 'no keychain')).toBe('no keychain');
});

it('once the keychain service runs, the same "Save connection" works and the secret lives only in the keychain', async () => {
  await app.keyring.startSecretService();
  // The agent asks the console to look again: the warning goes, the form stays as typed.
  await ui.button('Check the keychain again').click();
  await page().getByText('The system keychain cannot be used right now.').waitFor({ state: 'detached' });
  await ui.expectConnectionForm(typed);
  await ui.button('Save connection').click();
  await ui.field('Find a reader').waitFor();

  const settings = JSON.parse(await readFile(join(app.userDataDir, 'settings.json'), 'utf8')) as { connections: Array<{ id: string; name: string }> };
  expect(settings.connections.map((p) => p.name)).toEqual([typed.name]);
  const stored = await keytar.getPassword(KEYCHAIN_SERVICE, settings.connections[0]!.id);
  // Bound to the origin and trust path it was entered for (issues 8.2 and 18).
  expect(JSON.parse(stored!)).toEqual({
    apiKey: CLIENT.apiKey,
    apiSecret: SECRET,
    origin: new URL(typed.baseUrl).origin,
    trustPath: { certificate: null, proxy: { mode: 'system' } },
  });

  // The stored credentials are the ones used: an authenticated lookup succeeds.
  app.sim.clearRequests();
  await ui.search(SEED_EXAMPLE_USER_ID);
  await page().getByRole('heading', { name: 'Shivam Dubey' }).waitFor();
  expect(app.sim.requests.length).toBeGreaterThan(0);
  expect(app.sim.requests.every((r) => r.authorized)).toBe(true);

  const sweep = await secretsOnDisk();
  expect(sweep.files.some((f) => f.endsWith('.keyring'))).toBe(true); // the keyring was swept too
  expect(sweep.hits).toEqual([]);
  console.info(`keychain sweep after the save: ${sweep.files.length} files, ${sweep.hits.length} hits`);
});

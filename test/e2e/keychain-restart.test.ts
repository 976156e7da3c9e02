import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SEED_EXAMPLE_USER_ID } from '../../simulator';
import { launchConsole, type ConsoleUnderTest } from './harness';
import { steps, type ConnectionFields } from './ui-steps';

// Issue 17.5: gnome-keyring restarts while the console runs. Before, every keychain call
// failed from then on with "restart the keychain service", which did not help; only a
// console restart did. Now the agent is told the keychain is not running, then that it is
// back, and the same console saves again: a real gnome-keyring is stopped and started.

const CLIENT = {
  clientId: 'restart-client',
  apiKey: `rkey-${randomBytes(4).toString('hex')}`,
  apiSecret: `RSECRET-${randomBytes(6).toString('hex')}`,
};

let app: ConsoleUnderTest;
const page = (): Page => app.page;
const ui = steps(page);

beforeAll(async () => {
  app = await launchConsole({ userCount: 5, seed: 3, clients: [CLIENT] });
});
afterAll(() => app?.close());

it('after the keychain service restarts, says it is gone, then "back", and saving works again without a console restart', async () => {
  const typed: ConnectionFields = {
    name: 'Desk',
    baseUrl: app.sim.baseUrl,
    clientId: CLIENT.clientId,
    apiKey: CLIENT.apiKey,
    apiSecret: CLIENT.apiSecret,
  };
  await ui.fillConnection(typed);
  await ui.button('Save connection').click();
  await ui.field('Find a reader').waitFor();

  await app.keyring.stopSecretService();
  // Saving the connection again with a new secret needs the keychain.
  await ui.button('Connections').click();
  await ui.button('Edit Desk').click();
  await ui.field('API key').fill(CLIENT.apiKey);
  await ui.field('API secret').fill(CLIENT.apiSecret);
  await ui.button('Save connection').click();
  const failed = page().getByRole('alert').filter({ hasText: 'The connection was not saved.' });
  await failed.waitFor();
  expect(await failed.innerText()).toMatch(/No keychain service is running/);
  expect(await failed.innerText()).not.toMatch(/restart the keychain service/i);

  await app.keyring.startSecretService();
  // Main notices by itself; the agent did nothing.
  await page().getByText('The system keychain is back.').waitFor();
  await app.screenshot('kc-back');
  await ui.button('Save connection').click();
  await failed.waitFor({ state: 'detached' });
  await page().getByText('Stored in the system keychain').first().waitFor();
  // And the reader screen still works with the stored key and secret.
  await ui.button('Readers').click();
  app.sim.clearRequests();
  await ui.search(SEED_EXAMPLE_USER_ID);
  await page().getByRole('heading', { name: 'Shivam Dubey' }).waitFor();
  expect(app.sim.requests.every((r) => r.authorized)).toBe(true);
});

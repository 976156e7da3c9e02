import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEMO_CLIENT } from '../../simulator';
import { launchConsole, type ConsoleUnderTest } from './harness';
import { steps } from './ui-steps';

// The console's first start, on a computer with no connection saved: its own app, so it
// never depends on what another journey saved.

let app: ConsoleUnderTest;
const ui = steps(() => app.page);
beforeAll(async () => {
  app = await launchConsole({ userCount: 20, seed: 11 });
});
afterAll(() => app?.close());

it('opens on the connection form, tests the credentials, and saves them to the keychain only', async () => {
  const page = app.page;
  await ui.field('Connection name').waitFor();
  await app.screenshot('01-first-run');
  await ui.fillConnection({ name: 'Local simulator', baseUrl: app.sim.baseUrl, ...DEMO_CLIENT, apiSecret: 'wrong-secret' });
  await ui.button('Test connection').click();
  await page.getByText(/rejected the API key or secret/).waitFor();
  await ui.field('API secret').fill(DEMO_CLIENT.apiSecret);
  await ui.button('Test connection').click();
  await page.getByText(/accepted the API key and secret/).waitFor();
  await app.screenshot('02-connection-tested');
  await ui.button('Save connection').click();
  await ui.field('Find a reader').waitFor();

  expect(await page.content()).not.toContain(DEMO_CLIENT.apiSecret);
  const settings = await readFile(join(app.userDataDir, 'settings.json'), 'utf8');
  expect(settings).toContain('Local simulator');
  expect(settings).not.toContain(DEMO_CLIENT.apiSecret);
  // The simulator runs on this computer: the band follows its host (issue #8 item 3).
  await page.getByTestId('environment-band').getByText(/LOCAL/).waitFor();
});

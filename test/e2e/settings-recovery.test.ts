import { existsSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEMO_CLIENT, SEED_EXAMPLE_USER_ID } from '../../simulator';
import { launchConsole, type ConsoleUnderTest } from './harness';
import { steps } from './ui-steps';

// The settings file is damaged before the console starts (a crash or a full disk in the
// middle of a write elsewhere, a bad manual edit). The console starts anyway, says so and
// where the damaged file was kept, keeps that file untouched, and the agent can carry on.

// What a write cut off half way leaves: valid JSON up to a point, then nothing.
const DAMAGED =
  '{\n  "version": 1,\n  "connections": [\n    {\n      "id": "3f1c2a9e-1b7d-4c55-9a1e-7d2f0c4b8a61",\n      "name": "Production desk",\n      "environment": "prod';

let app: ConsoleUnderTest;
const page = (): Page => app.page;
const ui = steps(page);

beforeAll(async () => {
  app = await launchConsole({ userCount: 20, seed: 5 }, { settingsFileText: DAMAGED });
});
afterAll(() => app?.close());

let movedTo = '';

it('starts, says the settings could not be read and where the damaged file was kept', async () => {
  const notice = page().getByRole('alert').filter({ hasText: "The console's settings could not be read." });
  await notice.waitFor();
  const text = await notice.innerText();
  expect(text).toMatch(/was damaged \(not valid JSON\)/);
  expect(text).toMatch(/re-create your connection/);
  movedTo = /The old settings file was moved to (.+\.bad)\./.exec(text)?.[1] ?? '';
  expect(movedTo.startsWith(join(app.userDataDir, 'settings.json.'))).toBe(true);
  await app.screenshot('settings-recovered');

  // The damaged file is kept byte for byte where the notice says, and nothing else moved.
  expect(await readFile(movedTo, 'utf8')).toBe(DAMAGED);
  expect(existsSync(join(app.userDataDir, 'settings.json'))).toBe(false);
  expect((await readdir(dirname(movedTo))).filter((name) => name.endsWith('.bad'))).toHaveLength(1);
  // With no usable connection the agent lands on the connection form.
  await ui.field('Connection name').waitFor();
});

it('the agent re-creates the connection and uses it; the damaged file stays as it was', async () => {
  await ui.fillConnection({
    name: 'Production desk (again)',
    baseUrl: app.sim.baseUrl,
    clientId: DEMO_CLIENT.clientId,
    apiKey: DEMO_CLIENT.apiKey,
    apiSecret: DEMO_CLIENT.apiSecret,
  });
  await ui.button('Save connection').click();
  await ui.field('Find a reader').waitFor();
  await ui.search(SEED_EXAMPLE_USER_ID);
  await page().getByRole('heading', { name: 'Shivam Dubey' }).waitFor();

  const settings = JSON.parse(await readFile(join(app.userDataDir, 'settings.json'), 'utf8')) as { connections: Array<{ name: string }> };
  expect(settings.connections.map((p) => p.name)).toEqual(['Production desk (again)']);
  expect(await readFile(movedTo, 'utf8')).toBe(DAMAGED);

  // The notice stays until the agent has read it, then goes.
  const notice = page().getByRole('alert').filter({ hasText: "The console's settings could not be read." });
  await notice.getByRole('button', { name: 'Dismiss' }).click();
  expect(await notice.count()).toBe(0);
});

it('after the window reloads, the re-created connection is still the active one', async () => {
  await app.reopen();
  // Straight to the reader screen: the re-created connection is active (the file was checked above).
  await ui.field('Find a reader').waitFor();
  await ui.button('Connections').click();
  await page().getByRole('heading', { name: 'Production desk (again)' }).waitFor();
});

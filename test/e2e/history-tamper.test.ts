import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import keytar from 'keytar';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openConsoleShell, type ConsoleShell } from '../../scripts/chromium-shell/console-shell';
import { SEED_EXAMPLE_USER_ID } from '../../simulator';
import { E2E_REQUEST_TIMEOUT_MS, launchConsole, type ConsoleUnderTest } from './harness';
import { steps } from './ui-steps';

// Issue 18, item 3, end to end: two changes saved through the console (its key in the
// real gnome-keyring), the last lines of the real journal cut by hand, the console started
// again over the same folder and keychain: History names the file and the change, a form
// pre-filled from that history says "from a damaged history", and Clear history is
// confirmed by main's own dialog and leaves a signed tombstone.

const ROOT = resolve(__dirname, '../..');
let app: ConsoleUnderTest;
let restarted: ConsoleShell | undefined;
let page: Page;
const ui = steps(() => page);
const tab = (name: string) => page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name });

// The restarted console's folders are inside the keyring's temp HOME, removed by app.close().
beforeAll(async () => {
  app = await launchConsole({ userCount: 20, seed: 18 });
  page = app.page;
  await ui.connectToSimulator(app.sim.baseUrl);
});
afterAll(async () => {
  await restarted?.close();
  await app?.close();
});

describe('a journal cut by hand', () => {
  it('saves two changes, then the last two lines of the journal are cut outside the console', async () => {
    for (const phone of ['9811100001', '9811100002']) {
      await ui.openSeedReader();
      await ui.field('Country code').fill('+91');
      await ui.field('Phone number').fill(phone);
      await ui.reviewAndSend();
      await ui.waitForSaved();
    }
    const dir = join(app.userDataDir, 'history');
    const [file] = (await readdir(dir)).filter((name) => name.endsWith('.jsonl'));
    const lines = (await readFile(join(dir, file!), 'utf8')).split('\n').filter(Boolean);
    expect(lines).toHaveLength(4);
    await writeFile(join(dir, file!), `${lines.slice(0, 2).join('\n')}\n`);
    // What the attacker cannot reach: the key is in the keychain, in no file of the folder.
    for (const name of await readdir(dir)) expect(await readFile(join(dir, name), 'utf8')).not.toMatch(/"key"/);
  });

  it('the console started again names the file and the change on the History screen', async () => {
    restarted = await openConsoleShell({
      rendererDir: join(ROOT, 'out', 'renderer'),
      preloadPath: join(ROOT, 'out', 'preload', 'index.cjs'),
      services: {
        userDataDir: app.userDataDir,
        logDir: join(app.userDataDir, '..', 'logs'),
        keytar,
        requestTimeoutMs: E2E_REQUEST_TIMEOUT_MS,
        confirmClearHistory: async (entries) => (app.clearHistoryAsked.push(entries), true),
      },
      browserProfileDir: join(app.userDataDir, '..', 'chromium-profile-restarted'),
      headless: true,
    });
    page = await restarted.open();
    await tab('History').click();
    const [file] = (await readdir(join(app.userDataDir, 'history'))).filter((name) => name.endsWith('.jsonl'));
    await page
      .getByText(
        `${file}, line 3 (change 2): The history ends early: its last 2 lines were removed outside the console (it was last written with change 2; it now ends with change 1).`,
      )
      .waitFor();
    await page.getByText(/Values this history fills into a form or a revert are marked “from a damaged history”/).waitFor();
  });

  it('a form pre-filled from that history says the values come from a damaged history', async () => {
    await tab('Readers').click();
    await ui.search(SEED_EXAMPLE_USER_ID);
    await page.getByText("As returned by ConsCent's lookup").waitFor();
    await page
      .getByText(/from your save on this computer — from a damaged history, check it with the reader/)
      .first()
      .waitFor();
  });

  it('Clear history is confirmed by main, and the signed tombstone says who cleared how many', async () => {
    await tab('History').click();
    await ui.button('Clear history…').click();
    await page.getByText(/History cleared: 1 change removed/).waitFor();
    expect(app.clearHistoryAsked).toEqual([1]);
    await page.getByText(/^History cleared on .* by .+ on .+: 1 change removed\.$/).waitFor();
  });
});

import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import keytar from 'keytar';
import type { Page } from 'playwright-core';
import { KEYCHAIN_SERVICE } from '../../common/product';
import { HISTORY_CHAIN_ACCOUNT } from '../../main/history/chain-keychain';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DUPLICATE_EMAIL, SEED_EXAMPLE_USER_ID } from '../../simulator';
import { bulkSteps, writeCsv } from './bulk-steps';
import { sweepFiles } from './file-sweep';
import { launchConsole, type ConsoleUnderTest } from './harness';
import { steps } from './ui-steps';

// One full agent journey with a recognisable secret, then a search for it (and for the
// Authorization header built from it) everywhere the app could have put it: every file
// it wrote, every IPC answer, the page, the browser's storage and its console.

const SECRET = `LEAKCHECK-${randomBytes(8).toString('hex')}`;
const WRONG_SECRET = `LEAKCHECK-WRONG-${randomBytes(8).toString('hex')}`;
const CLIENT = { clientId: 'leak-client', apiKey: `leakkey-${randomBytes(4).toString('hex')}`, apiSecret: SECRET };
const basic = (secret: string) => Buffer.from(`${CLIENT.apiKey}:${secret}`).toString('base64');
const NEEDLES = [SECRET, WRONG_SECRET, basic(SECRET), basic(WRONG_SECRET)];

let app: ConsoleUnderTest;
const page = (): Page => app.page;
const ui = steps(page);
const bulk = bulkSteps(() => app);
const figures: Record<string, number> = {};

beforeAll(async () => {
  app = await launchConsole({ userCount: 30, seed: 9, clients: [CLIENT] });
});
afterAll(() => app?.close());

const found = (text: string) => NEEDLES.filter((needle) => text.includes(needle));

it('the journey: a rejected test, a saved connection, lookups, edits, faults, a re-entered secret', async () => {
  await ui.field('Connection name').waitFor();
  await ui.fillConnection({
    name: 'Leak check',
    baseUrl: app.sim.baseUrl,
    clientId: CLIENT.clientId,
    apiKey: CLIENT.apiKey,
    apiSecret: WRONG_SECRET,
  });
  await ui.button('Test connection').click();
  await page()
    .getByText(/rejected the API key or secret/)
    .waitFor();
  await ui.field('API secret').fill(SECRET);
  await ui.button('Test connection').click();
  await page()
    .getByText(/Connection works\./)
    .waitFor();
  await ui.button('Save connection').click();
  await ui.field('Find a reader').waitFor();

  await ui.search(DUPLICATE_EMAIL);
  await page()
    .getByRole('heading', { name: /2 readers match/ })
    .waitFor();

  // Edit and save, with faults on the way: the answers that carry error text are the
  // likeliest place for a credential to slip through.
  const faults = [{ kind: 'status', status: 401 }, { kind: 'status', status: 500 }, { kind: 'malformed-json' }, { kind: 'drop' }] as const;
  for (const [i, fault] of faults.entries()) {
    await ui.openSeedReader();
    await ui.editPhoneAndCity(`90000020${i}0`, `Leakville ${i}`);
    app.sim.addFault({ path: '/client/update-user', fault, times: 1 });
    const dialog = await ui.reviewAndSend();
    await dialog.getByRole('alert').waitFor();
    await dialog.getByRole('button', { name: 'Try again' }).click();
    await ui.waitForSaved();
  }
  // A failed lookup too.
  app.sim.addFault({ path: '/user/user-and-subscription-details', fault: { kind: 'html' } });
  await ui.search(SEED_EXAMPLE_USER_ID);
  await page().getByText('The search failed.').waitFor();
  app.sim.clearFaults();
  await page().getByRole('button', { name: 'Try again' }).click();
  await page().getByRole('heading', { name: 'Shivam Dubey' }).waitFor();

  // The agent re-enters the key and secret on the connection (as after a rotation).
  await ui.button('Connections').click();
  await ui.button('Edit Leak check').click();
  await ui.field('API key').fill(CLIENT.apiKey);
  await ui.field('API secret').fill(SECRET);
  await ui.button('Test connection').click();
  await page()
    .getByText(/Connection works\./)
    .waitFor();
  await ui.button('Save connection').click();
  await page().getByText('Connection “Leak check” saved. Its API key and secret are stored in the system keychain.').waitFor();
  await ui.button('Readers').click();

  // Every request reached the simulator with the real credentials: the journey really used them.
  expect(app.sim.requests.filter((r) => r.authSent).every((r) => r.authorized || r.status === 401)).toBe(true);
});

it('a bulk run (issue 14) with two rows ConsCent answered badly, its results exported: the run files and the export are written', async () => {
  // The CSV and the export live under the temp HOME, so the sweep below reads them too.
  const users = app.sim
    .listUsers()
    .map((u) => u.userId)
    .slice(0, 6);
  const csv = await writeCsv(
    join(app.keyring.env.HOME, 'bulk-leak.csv'),
    ['userId', 'name'],
    users.map((id, i) => [id, `Bulk leak ${i + 1}`]),
  );
  app.sim.addFault({ path: '/client/update-user', fault: { kind: 'status', status: 500 }, times: 1 });
  app.sim.addFault({ path: '/client/update-user', fault: { kind: 'malformed-json' }, times: 1 });
  await bulk.choose(csv, 6);
  await bulk.check();
  await bulk.setConcurrency(1);
  await bulk.send(6);
  expect(await bulk.until(/^Finished\./)).toMatch(/4 saved, 0 failed, 2 outcome unknown/);
  app.exportTo(join(app.keyring.env.HOME, 'exports-bulk-results.csv'));
  await bulk.button('Export the results (CSV)').click();
  await page()
    .getByText(/The results were saved to/)
    .waitFor();
  await ui.button('Readers').click();
});

it('the sweep finds what it looks for (a planted copy, in both encodings)', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'sweep-control-'));
  try {
    await writeFile(join(dir, 'utf8.txt'), `x${SECRET}x`);
    await writeFile(join(dir, 'utf16.bin'), Buffer.from(`x${basic(SECRET)}x`, 'utf16le'));
    const { hits } = await sweepFiles(dir, NEEDLES);
    expect(hits.map((h) => `${h.file}:${h.encoding}`).sort()).toEqual(['utf16.bin:utf16le', 'utf8.txt:utf8']);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

it('no file under the temp HOME holds it: settings, logs, change history, Chromium profile, the keyring file (encrypted)', async () => {
  const { files, hits } = await sweepFiles(app.keyring.env.HOME, NEEDLES);
  figures.filesSwept = files.length;
  // The sweep saw what matters: the settings, the support log, the keyring, the browser's storage.
  expect(files).toContain(join('userData', 'settings.json'));
  expect(files.some((f) => f.startsWith('logs/'))).toBe(true);
  expect(files.some((f) => /keyrings\/.+\.keyring$/.test(f))).toBe(true);
  expect(files.some((f) => f.startsWith('chromium-profile/'))).toBe(true);
  // The change history (issue #10): every save above was recorded, with the connection's facts.
  expect(files.some((f) => /^userData\/history\/\d{4}-\d{2}\.jsonl$/.test(f))).toBe(true);
  // The bulk run's files (issue 14): what it is, its rows, each row's sending and outcome; and its results export.
  for (const name of ['run.json', 'rows.jsonl', 'events.jsonl'])
    expect(files.some((f) => new RegExp(`^userData/bulk/[a-z0-9-]+/${name.replace('.', '\\.')}$`).test(f))).toBe(true);
  expect(files).toContain('exports-bulk-results.csv');
  expect(hits).toEqual([]);
});

it("the history's signing key (issue 18) is in the keychain and in no file: not the history, its signed tail, the logs or the profile", async () => {
  const entry = await keytar.getPassword(KEYCHAIN_SERVICE, HISTORY_CHAIN_ACCOUNT);
  const key = (JSON.parse(entry ?? '{}') as { key?: string }).key ?? '';
  expect(Buffer.from(key, 'base64')).toHaveLength(32);
  const { files, hits } = await sweepFiles(app.keyring.env.HOME, [key, Buffer.from(key, 'base64').toString('hex')]);
  expect(files).toContain(join('userData', 'history', 'tail.json'));
  expect(hits).toEqual([]);
});

it('no IPC answer, no page content, no browser storage and no console message holds it', async () => {
  figures.ipcResults = app.ipcResults.length;
  expect(found(JSON.stringify(app.ipcResults))).toEqual([]);

  expect(found(await page().content())).toEqual([]);
  const inputs = await page().evaluate(() => Array.from(document.querySelectorAll('input, textarea')).map((el) => (el as HTMLInputElement).value));
  expect(found(inputs.join('\n'))).toEqual([]);

  const storage = await page().evaluate(async () => {
    const dump = (s: Storage) => Array.from({ length: s.length }, (_, i) => `${s.key(i)}=${s.getItem(s.key(i) ?? '')}`).join('\n');
    const databases = await indexedDB.databases();
    return {
      local: dump(localStorage),
      session: dump(sessionStorage),
      indexedDb: databases.map((d) => d.name ?? '').join('\n'),
      cookie: document.cookie,
    };
  });
  expect(found(Object.values(storage).join('\n'))).toEqual([]);
  expect(found(JSON.stringify(await page().context().cookies()))).toEqual([]);

  // The capture works (a message logged now arrives), and nothing logged held a needle.
  await page().evaluate(() => console.info('sweep-console-probe'));
  await expect.poll(() => app.consoleMessages.some((m) => m.includes('sweep-console-probe'))).toBe(true);
  figures.consoleMessages = app.consoleMessages.length;
  expect(found(app.consoleMessages.join('\n'))).toEqual([]);
  console.info(`secret sweep: ${JSON.stringify(figures)}`);
});

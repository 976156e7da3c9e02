import { join } from 'node:path';
import keytar from 'keytar';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { KEYCHAIN_SERVICE } from '../../common/product';
import { DATA_KEY_ACCOUNT } from '../../main/at-rest/data-key';
import { SEED_EXAMPLE_USER_ID } from '../../simulator';
import { bulkSteps, writeCsv } from './bulk-steps';
import { sweepFiles } from './file-sweep';
import { launchConsole, type ConsoleUnderTest } from './harness';
import { steps } from './ui-steps';

// Issue 18.4: a full journey (lookup, save, revert, bulk run, recent readers) through the
// real page (opening the reader puts it on the recent readers list), then every file under
// the temp HOME the console and its Chromium profile wrote
// is searched for the reader's name, email, phone and address, as stored and as typed:
// none may be there in the clear. Only the CSV the agent chose holds them (it is theirs).

let app: ConsoleUnderTest;
const page = (): Page => app.page;
const ui = steps(page);
const bulk = bulkSteps(() => app);

const NEW_PHONE = '9377712345';
const NEW_CITY = 'Quilonbridge';
const BULK_NAMES = ['Atrest Bulkname One', 'Atrest Bulkname Two', 'Atrest Bulkname Three'];
const CSV_NAME = 'at-rest-bulk.csv';

beforeAll(async () => {
  app = await launchConsole({ userCount: 20, seed: 31 });
  await ui.connectToSimulator(app.sim.baseUrl);
});
afterAll(() => app?.close());

const tab = (name: string) => page().getByRole('navigation', { name: 'Screens' }).getByRole('button', { name });
const entry = (id: number) =>
  page()
    .getByRole('listitem')
    .filter({ has: page().getByRole('heading', { name: new RegExp(`^Change ${id}:`) }) });

it('the journey: a lookup, a save, its revert, a bulk run and the recent readers list', async () => {
  await ui.openSeedReader();
  await ui.editPhoneAndCity(NEW_PHONE, NEW_CITY);
  await ui.reviewAndSend();
  await ui.waitForSaved();

  await tab('History').click();
  await entry(1).getByRole('button', { name: 'Revert this change' }).click();
  await page().getByRole('heading', { name: 'Reverting change 1' }).waitFor();
  await ui.reviewAndSend();
  await ui.waitForSaved();
  await tab('History').click();
  await entry(2).waitFor();
  expect(await entry(2).innerText()).toMatch(/reverts change 1/);

  const users = app.sim
    .listUsers()
    .map((u) => u.userId)
    .filter((id) => id !== SEED_EXAMPLE_USER_ID)
    .slice(0, BULK_NAMES.length);
  const csv = await writeCsv(
    join(app.keyring.env.HOME, CSV_NAME),
    ['userId', 'name'],
    users.map((id, i) => [id, BULK_NAMES[i]!]),
  );
  await bulk.choose(csv, BULK_NAMES.length);
  await bulk.check();
  await bulk.send(BULK_NAMES.length);
  expect(await bulk.until(/^Finished\./)).toMatch(/3 saved/);
  await tab('Readers').click();
});

it('no file the console wrote holds the reader in the clear: name, email, phone, address; before, after or in bulk', async () => {
  const seed = app.sim.getUser(SEED_EXAMPLE_USER_ID)!;
  const address = seed.billingAddress[0]!;
  const needles = [
    'Shivam Dubey',
    seed.email,
    '98679796896', // the phone before the save (ConsCent's lookup does not return it)
    NEW_PHONE,
    NEW_CITY,
    address.apartment, // "20/41 Rambagh"
    ...BULK_NAMES,
  ];
  const { files, hits } = await sweepFiles(app.keyring.env.HOME, needles, (path) => path.endsWith(CSV_NAME));
  // The sweep saw the stores that hold readers' data.
  expect(files.some((f) => /^userData\/history\/\d{4}-\d{2}\.jsonl$/.test(f))).toBe(true);
  for (const name of ['rows.jsonl', 'events.jsonl'])
    expect(files.some((f) => new RegExp(`^userData/bulk/[a-z0-9-]+/${name.replace('.', '\\.')}$`).test(f))).toBe(true);
  expect(files).toContain(join('userData', 'recent-readers.json'));
  expect(hits).toEqual([]);
});

it('the data key is in the keychain, 32 bytes, and in no file', async () => {
  const entry = await keytar.getPassword(KEYCHAIN_SERVICE, DATA_KEY_ACCOUNT);
  const key = (JSON.parse(entry ?? '{}') as { key?: string }).key ?? '';
  expect(Buffer.from(key, 'base64')).toHaveLength(32);
  const { hits } = await sweepFiles(join(app.keyring.env.HOME, 'userData'), [key, Buffer.from(key, 'base64').toString('hex')]);
  expect(hits).toEqual([]);
});

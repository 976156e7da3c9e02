import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED_EXAMPLE_USER_ID } from '../../simulator';
import { launchConsole, type ConsoleUnderTest } from './harness';
import { steps } from './ui-steps';
import { expectValue } from './expect-value';

// Issue #10 end to end, in Chromium against the simulator: a save is recorded and shows
// in History and on the reader; the lookup's gaps are filled from it; the CSV export holds
// the same rows; reverting sends the previous values and links the new entry to the old.

let app: ConsoleUnderTest;
let page: Page;
const ui = steps(() => page);
const NEW_NAME = 'Shivam D. (history)';
const NEW_PHONE = '9811122233';

beforeAll(async () => {
  app = await launchConsole({ userCount: 50, seed: 21 });
  page = app.page;
  await ui.connectToSimulator(app.sim.baseUrl);
});
afterAll(() => app?.close());

const tab = (name: string) => page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name });
const entry = (id: number) => page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: new RegExp(`^Change ${id}:`) }) });

async function shoot(name: string): Promise<void> {
  await page.setViewportSize({ width: 1280, height: 860 });
  await app.screenshot(`${name}-1280`);
  await page.setViewportSize({ width: 1024, height: 640 });
  await app.screenshot(`${name}-1024`);
  await page.setViewportSize({ width: 1280, height: 860 });
}

describe('change history', () => {
  it('the agent names themselves once in the History settings', async () => {
    await tab('History').click();
    await page.getByText('No change has been saved from this computer yet.').waitFor();
    await ui.field('Your name in the history').fill('Maria K.');
    await ui.button('Save settings').click();
    await page.getByText(/History settings saved/).waitFor();
    await tab('Readers').click();
  });

  it('a save is recorded: on the reader screen, then in History', async () => {
    await ui.openSeedReader();
    await page.getByText('No change to this reader has been saved from this computer.').waitFor();
    await ui.field('Name').fill(NEW_NAME);
    await ui.field('Country code').fill('+91');
    await ui.field('Phone number').fill(NEW_PHONE);
    await ui.reviewAndSend();
    await ui.waitForSaved();
    await page.getByText('Changed once from this computer.').waitFor();
    await page.getByText(/Last: Name, Country code, Phone number changed on .* by Maria K\. \(.+\): Saved/).waitFor();
  });

  it('looking the reader up again shows the phone from that save, labelled with its date', async () => {
    await ui.search(SEED_EXAMPLE_USER_ID);
    await page.getByRole('heading', { name: NEW_NAME }).waitFor();
    await page.getByText("As returned by ConsCent's lookup").waitFor();
    await expectValue(ui.field('Phone number'), NEW_PHONE);
    await page
      .getByText(/from what ConsCent returned after a save in this session/)
      .first()
      .waitFor();
  });

  it('History lists the change: who, where, each field before and after', async () => {
    await ui.button('See all changes to this reader').click();
    const first = entry(1);
    await first.waitFor();
    const text = await first.innerText();
    expect(text).toMatch(/Saved/);
    expect(text).toMatch(/Maria K\./);
    expect(text).toMatch(/Local simulator/);
    expect(text).toMatch(new RegExp(SEED_EXAMPLE_USER_ID));
    expect(text).toMatch(/Name\s+Shivam Dubey\s+Shivam D\. \(history\)/);
    expect(text).toMatch(/Phone number\s+\(not known\)\s+9811122233/);
    await shoot('history-01-list');
  });

  it('exports the filtered history to CSV: one row per field, the same values', async () => {
    const path = join(app.userDataDir, '..', 'history-export.csv');
    app.exportTo(path);
    await ui.button('Export to CSV…').click();
    await page.getByText(/Exported 1 change \(3 rows, one per field\)/).waitFor();
    const rows = parse(await readFile(path, 'utf8'), { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => [r.entry, r.field, r.before, r.after, r.outcome, r['agent display name'], r['user id']])).toEqual([
      ['1', 'name', 'Shivam Dubey', NEW_NAME, 'saved', 'Maria K.', SEED_EXAMPLE_USER_ID],
      ['1', 'countryCode', expect.any(String), "'+91", 'saved', 'Maria K.', SEED_EXAMPLE_USER_ID],
      ['1', 'phone', '(not known)', NEW_PHONE, 'saved', 'Maria K.', SEED_EXAMPLE_USER_ID],
    ]);
  });

  it('reverts the change: the previous name is sent, the unknown phone is named, the new entry links the old one', async () => {
    await entry(1).getByRole('button', { name: 'Revert this change' }).click();
    await page.getByRole('heading', { name: 'Reverting change 1' }).waitFor();
    await page.getByText(/Cannot be restored: .*phone number/).waitFor();
    await expectValue(ui.field('Name'), 'Shivam Dubey');
    await shoot('history-02-revert');
    app.sim.clearRequests();
    await ui.reviewAndSend();
    await ui.waitForSaved();
    const patch = app.sim.requests.find((r) => r.method === 'PATCH');
    expect(patch?.body).toEqual({ name: 'Shivam Dubey' });
    expect(app.sim.getUser(SEED_EXAMPLE_USER_ID)?.name).toBe('Shivam Dubey');

    await tab('History').click();
    await entry(2).waitFor();
    expect(await entry(2).innerText()).toMatch(/reverts change 1/);
    expect(await entry(1).innerText()).toMatch(/reverted by change 2/);
  });

  it('keeps the files readable by the agent only', async () => {
    const dir = join(app.userDataDir, 'history');
    const files = (await readdir(dir)).filter((name) => name.endsWith('.jsonl'));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) expect((await stat(join(dir, file))).mode & 0o777).toBe(0o600);
  });
});

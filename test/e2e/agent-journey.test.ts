import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CLIENT, DUPLICATE_EMAIL, DUPLICATE_EMAIL_USER_IDS, SEED_EXAMPLE_USER_ID } from '../../simulator';
import { launchConsole, type ConsoleUnderTest } from './harness';

// One agent's session, in order: first run, connection, lookups, an edit that is
// reviewed and saved, then the failures an agent meets, each with the edits intact.

let app: ConsoleUnderTest;
let page: Page;
beforeAll(async () => {
  app = await launchConsole({ userCount: 200, seed: 11 });
  page = app.page;
});
afterAll(() => app?.close());

const field = (label: string) => page.getByLabel(label, { exact: true });
const button = (name: string | RegExp) => page.getByRole('button', { name });
// Address inputs are named after their group ("Address City"), via aria-labelledby.
const addressCity = () => page.getByRole('textbox', { name: 'Address City', exact: true });

async function search(query: string): Promise<void> {
  await field('Find a reader').fill(query);
  await field('Find a reader').press('Enter');
}

describe('first run', () => {
  it('opens on the connection form, tests the credentials, and saves them to the keychain only', async () => {
    await field('Connection name').waitFor();
    await app.screenshot('01-first-run');
    await field('Connection name').fill('Local simulator');
    await field('Environment').selectOption({ label: 'Custom' });
    await field('Base URL').fill(app.sim.baseUrl);
    await field('Client ID').fill(DEMO_CLIENT.clientId);
    await field('API key').fill(DEMO_CLIENT.apiKey);
    await field('API secret').fill('wrong-secret');
    await button('Test connection').click();
    await page.getByText(/rejected the API key or secret/).waitFor();
    await field('API secret').fill(DEMO_CLIENT.apiSecret);
    await button('Test connection').click();
    await page.getByText(/accepted the API key and secret/).waitFor();
    await app.screenshot('02-connection-tested');
    await button('Save connection').click();
    await field('Find a reader').waitFor();

    expect(await page.content()).not.toContain(DEMO_CLIENT.apiSecret);
    const settings = await readFile(join(app.userDataDir, 'settings.json'), 'utf8');
    expect(settings).toContain('Local simulator');
    expect(settings).not.toContain(DEMO_CLIENT.apiSecret);
    // The simulator runs on this computer: the band follows its host (issue #8 item 3).
    await page.getByTestId('environment-band').getByText(/LOCAL/).waitFor();
  });
});

describe('lookup', () => {
  it('finds a reader by user id and shows the details, marking what the lookup does not return', async () => {
    await search(SEED_EXAMPLE_USER_ID);
    await field('Name').waitFor();
    expect(await field('Name').inputValue()).toBe('Shivam Dubey');
    expect(await page.getByText(/Not returned by ConsCent/).count()).toBeGreaterThan(0);
    await app.screenshot('03-reader-by-id');
  });

  it('finds two accounts sharing an email and lets the agent choose', async () => {
    await search(DUPLICATE_EMAIL);
    await page.getByRole('heading', { name: /2 readers match/ }).waitFor();
    await app.screenshot('04-several-matches');
    await button(new RegExp(DUPLICATE_EMAIL_USER_IDS[1])).click();
    await field('Name').waitFor();
    expect(await field('Name').inputValue()).toBe('Ananya R. Iyer');
  });

  it('finds a reader by phone, with and without the country code', async () => {
    const reader = app.sim.listUsers().find((u) => u.countryCode === '+91' && u.userId.startsWith('6') && u.name.split(' ').length === 2)!;
    for (const query of [reader.phone, `+91 ${reader.phone}`]) {
      await search(query);
      await page.getByText(/phone/i).first().waitFor();
      await field('Name').waitFor();
      expect(await field('Name').inputValue()).toBe(reader.name);
    }
  });

  it('says clearly when nobody matches', async () => {
    await search('nobody-at-all@example.org');
    await page.getByRole('heading', { name: /No reader found for/ }).waitFor();
    await app.screenshot('05-not-found');
  });
});

async function openSeedReader(): Promise<void> {
  await search(SEED_EXAMPLE_USER_ID);
  await field('Name').waitFor();
}

async function editPhoneAndCity(phone: string, city: string): Promise<void> {
  await field('Country code').fill('+91');
  await field('Phone number').fill(phone);
  await addressCity().fill(city);
}

async function expectEditsIntact(phone: string, city: string): Promise<void> {
  expect(await field('Phone number').inputValue()).toBe(phone);
  expect(await addressCity().inputValue()).toBe(city);
}

describe('edit, review and save', () => {
  it('shows exactly the changed fields, sends only them, and the stored record holds them', async () => {
    await openSeedReader();
    await editPhoneAndCity('9876501234', 'Pune');
    await app.screenshot('06-editing');
    await button('Review changes').click();
    const review = page.getByRole('dialog', { name: 'Review changes before sending' });
    await review.waitFor();
    const table = review.getByRole('table', { name: 'Fields that will be sent' });
    const rows = await table.getByRole('row').allInnerTexts();
    const body = rows.slice(1).join('\n');
    expect(body).toMatch(/Phone/);
    expect(body).toMatch(/9876501234/);
    expect(body).toMatch(/Pune/);
    expect(body).not.toMatch(/Name\b.*Shivam/);
    await app.screenshot('07-review', { fullPage: false });

    app.sim.clearRequests();
    await review.getByRole('button', { name: 'Send changes' }).click();
    await page.getByText('User Details Updated Successfully.').first().waitFor();
    await app.screenshot('08-saved');

    const patch = app.sim.requests.find((r) => r.method === 'PATCH');
    expect(Object.keys(patch!.body as object).sort()).toEqual(['address', 'countryCode', 'phone']);
    const stored = app.sim.getUser(SEED_EXAMPLE_USER_ID)!;
    expect(stored.phone).toBe('9876501234');
    expect(stored.countryCode).toBe('+91');
    expect(stored.address.city).toBe('Pune');
    // The form now shows the record as the server returned it, including the phone.
    expect(await field('Phone number').inputValue()).toBe('9876501234');
  });
});

describe('failures keep every edit, and retry is one action', () => {
  async function attemptSave(phone: string, city: string): Promise<void> {
    await openSeedReader();
    await editPhoneAndCity(phone, city);
    await button('Review changes').click();
    await page.getByRole('dialog', { name: 'Review changes before sending' }).getByRole('button', { name: 'Send changes' }).click();
  }

  async function backToFormAndCheck(phone: string, city: string): Promise<void> {
    await page.getByRole('button', { name: 'Back to editing' }).click();
    await expectEditsIntact(phone, city);
  }

  async function retrySucceeds(phone: string): Promise<void> {
    await button('Review changes').click();
    await page
      .getByRole('dialog', { name: 'Review changes before sending' })
      .getByRole('button', { name: /Send changes|Try again/ })
      .click();
    await page.getByText('User Details Updated Successfully.').first().waitFor();
    expect(app.sim.getUser(SEED_EXAMPLE_USER_ID)!.phone).toBe(phone);
  }

  it('wrong secret: explains the credentials are rejected', async () => {
    // The secret was rotated on the dashboard after this connection was saved: ConsCent
    // refuses the one the console holds. (The console reads the keychain once per session,
    // issue #12, so the refusal is ConsCent's 401, not an edit of the keychain behind it.)
    app.sim.addFault({ path: '/client/update-user', fault: { kind: 'status', status: 401 }, times: 1 });
    await attemptSave('9000000011', 'Agra');
    await page
      .getByText(/rejected the API key or secret/)
      .first()
      .waitFor();
    await app.screenshot('09-error-wrong-secret', { fullPage: false });
    await backToFormAndCheck('9000000011', 'Agra');
    await retrySucceeds('9000000011');
  });

  it('unknown user: says ConsCent has no such reader', async () => {
    app.sim.addFault({ path: '/client/update-user', fault: { kind: 'status', status: 404 }, times: 1 });
    await attemptSave('9000000012', 'Delhi');
    await page
      .getByText(/no reader with user id/i)
      .first()
      .waitFor();
    await app.screenshot('10-error-unknown-user', { fullPage: false });
    await backToFormAndCheck('9000000012', 'Delhi');
    await retrySucceeds('9000000012');
  });

  it('a 500: says ConsCent had a problem', async () => {
    app.sim.addFault({ path: '/client/update-user', fault: { kind: 'status', status: 500 }, times: 1 });
    await attemptSave('9000000013', 'Jaipur');
    await page
      .getByText(/HTTP 500/)
      .first()
      .waitFor();
    await app.screenshot('11-error-server', { fullPage: false });
    await backToFormAndCheck('9000000013', 'Jaipur');
    await retrySucceeds('9000000013');
  });

  it('a timeout: warns the change may or may not have been applied', async () => {
    app.sim.addFault({ path: '/client/update-user', fault: { kind: 'hang' }, times: 1 });
    await attemptSave('9000000014', 'Kochi');
    await page
      .getByText(/did not answer in time/i)
      .first()
      .waitFor({ timeout: 10_000 });
    await app.screenshot('12-error-timeout', { fullPage: false });
    await backToFormAndCheck('9000000014', 'Kochi');
    await retrySucceeds('9000000014');
  });

  it('offline: says ConsCent cannot be reached, then works once it is back', async () => {
    await openSeedReader();
    await editPhoneAndCity('9000000015', 'Surat');
    const port = app.sim.port;
    await app.sim.stop();
    await button('Review changes').click();
    await page.getByRole('dialog', { name: 'Review changes before sending' }).getByRole('button', { name: 'Send changes' }).click();
    await page
      .getByText(/refused|cannot be reached|offline/i)
      .first()
      .waitFor();
    await app.screenshot('13-error-offline', { fullPage: false });
    await backToFormAndCheck('9000000015', 'Surat');
    await app.restartSimulator(port);
    await retrySucceeds('9000000015');
  });
});

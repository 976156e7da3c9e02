import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DUPLICATE_EMAIL, DUPLICATE_EMAIL_USER_IDS, SEED_EXAMPLE_USER_ID } from '../../simulator';
import { expectValue } from './expect-value';
import { launchConsole, type ConsoleUnderTest } from './harness';
import { steps } from './ui-steps';

// An agent's session with a saved connection: lookups, an edit that is reviewed and saved,
// then the failures an agent meets, each with the edits intact. Each test starts on a
// fresh window against a freshly seeded simulator, so none depends on another having run
// (the first start, before any connection exists, is first-run.test.ts).

let app: ConsoleUnderTest;
const page = (): Page => app.page;
const ui = steps(page);
const { field, button } = ui;

beforeAll(async () => {
  app = await launchConsole({ userCount: 200, seed: 11 });
  await ui.connectToSimulator(app.sim.baseUrl);
});
beforeEach(async () => {
  // The seed data again (an earlier save changed the seed reader) and no fault left over.
  const port = app.sim.port;
  await app.sim.stop();
  await app.restartSimulator(port);
  await app.reopen();
  await field('Find a reader').waitFor();
});
afterAll(() => app?.close());

describe('lookup', () => {
  it('finds a reader by user id and shows the details, marking what the lookup does not return', async () => {
    await ui.search(SEED_EXAMPLE_USER_ID);
    await expectValue(field('Name'), 'Shivam Dubey');
    expect(
      await page()
        .getByText(/Not returned by ConsCent/)
        .count(),
    ).toBeGreaterThan(0);
    await app.screenshot('03-reader-by-id');
  });

  it('finds two accounts sharing an email and lets the agent choose', async () => {
    await ui.search(DUPLICATE_EMAIL);
    await page()
      .getByRole('heading', { name: /2 readers match/ })
      .waitFor();
    await app.screenshot('04-several-matches');
    await button(new RegExp(DUPLICATE_EMAIL_USER_IDS[1])).click();
    await expectValue(field('Name'), 'Ananya R. Iyer');
  });

  const phoneReader = () => app.sim.listUsers().find((u) => u.countryCode === '+91' && u.userId.startsWith('6') && u.name.split(' ').length === 2)!;
  it.each([
    ['without the country code', () => phoneReader().phone],
    ['with the country code', () => `+91 ${phoneReader().phone}`],
  ])('finds a reader by phone, %s', async (_label, query) => {
    await ui.search(query());
    await page().getByText(/phone/i).first().waitFor();
    await expectValue(field('Name'), phoneReader().name);
  });

  it('says clearly when nobody matches', async () => {
    await ui.search('nobody-at-all@example.org');
    await page()
      .getByRole('heading', { name: /No reader found for/ })
      .waitFor();
    await app.screenshot('05-not-found');
  });
});

describe('edit, review and save', () => {
  it('shows exactly the changed fields, sends only them, and the stored record holds them', async () => {
    await ui.openSeedReader();
    await ui.editPhoneAndCity('9876501234', 'Pune');
    await app.screenshot('06-editing');
    await button('Review changes').click();
    const review = ui.review();
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
    await ui.waitForSaved();
    await app.screenshot('08-saved');

    const patch = app.sim.requests.find((r) => r.method === 'PATCH');
    expect(Object.keys(patch!.body as object).sort()).toEqual(['address', 'countryCode', 'phone']);
    const stored = app.sim.getUser(SEED_EXAMPLE_USER_ID)!;
    expect(stored.phone).toBe('9876501234');
    expect(stored.countryCode).toBe('+91');
    expect(stored.address.city).toBe('Pune');
    // The form now shows the record as the server returned it, including the phone.
    await expectValue(field('Phone number'), '9876501234');
  });
});

describe('failures keep every edit, and retry is one action', () => {
  async function attemptSave(phone: string, city: string): Promise<void> {
    await ui.openSeedReader();
    await ui.editPhoneAndCity(phone, city);
    await ui.reviewAndSend();
  }

  async function backToFormAndCheck(phone: string, city: string): Promise<void> {
    await button('Back to editing').click();
    await ui.expectPhoneAndCity(phone, city);
  }

  async function retrySucceeds(phone: string): Promise<void> {
    await button('Review changes').click();
    await ui
      .review()
      .getByRole('button', { name: /Send changes|Try again/ })
      .click();
    await ui.waitForSaved();
    expect(app.sim.getUser(SEED_EXAMPLE_USER_ID)!.phone).toBe(phone);
  }

  it('wrong secret: explains the credentials are rejected', async () => {
    // The secret was rotated on the dashboard after this connection was saved: ConsCent
    // refuses the one the console holds. (The console reads the keychain once per session,
    // issue #12, so the refusal is ConsCent's 401, not an edit of the keychain behind it.)
    app.sim.addFault({ path: '/client/update-user', fault: { kind: 'status', status: 401 }, times: 1 });
    await attemptSave('9000000011', 'Agra');
    await page()
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
    await page()
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
    await page()
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
    await page()
      .getByText(/did not answer within/i)
      .first()
      .waitFor({ timeout: 10_000 });
    await app.screenshot('12-error-timeout', { fullPage: false });
    await backToFormAndCheck('9000000014', 'Kochi');
    await retrySucceeds('9000000014');
  });

  it('offline: says ConsCent cannot be reached, then works once it is back', async () => {
    await ui.openSeedReader();
    await ui.editPhoneAndCity('9000000015', 'Surat');
    const port = app.sim.port;
    await app.sim.stop();
    await ui.reviewAndSend();
    await page()
      .getByText(/refused|cannot be reached|offline/i)
      .first()
      .waitFor();
    await app.screenshot('13-error-offline', { fullPage: false });
    await backToFormAndCheck('9000000015', 'Surat');
    await app.restartSimulator(port);
    await retrySucceeds('9000000015');
  });
});

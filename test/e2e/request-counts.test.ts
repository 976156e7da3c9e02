import keytar from 'keytar';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_CLIENT, DUPLICATE_EMAIL, DUPLICATE_EMAIL_USER_IDS, NO_PURCHASES_EMAIL, SEED_EXAMPLE_USER_ID } from '../../simulator';
import { countingKeytar, type CountingKeytar } from '../helpers/counting-keytar';
import { launchConsole, type ConsoleUnderTest } from './harness';
import { steps } from './ui-steps';

// Issue #12 through the real page, preload, main and keychain: each agent action costs
// the requests the issue allows, counted in the simulator's request log (counts, not
// times), and the hot path reads nothing from the keychain once the connection has been used (a save writes the history's signed tail once).

const DETAILS = '/user/user-and-subscription-details';
const PURCHASES = '/client/purchases/subscriptions';
let app: ConsoleUnderTest;
let keychain: CountingKeytar;
const page = (): Page => app.page;
const ui = steps(page);

beforeAll(async () => {
  keychain = countingKeytar(keytar);
  app = await launchConsole({ userCount: 60, seed: 12 }, { keytar: keychain });
  await page().evaluate(
    (connection) => (window as unknown as { conscent: { saveConnection(r: unknown): Promise<unknown> } }).conscent.saveConnection(connection),
    {
      connection: { name: 'Counts', environment: 'custom', baseUrl: app.sim.baseUrl, clientId: DEMO_CLIENT.clientId },
      credentials: { apiKey: DEMO_CLIENT.apiKey, apiSecret: DEMO_CLIENT.apiSecret },
    },
  );
  await page().reload();
  await ui.field('Find a reader').waitFor();
  // The connection's first use in this session reads its key and secret from the keychain.
  await ui.openSeedReader();
});
afterAll(() => app?.close());
beforeEach(() => {
  app.sim.clearFaults();
  app.sim.clearRequests();
  keychain.reset();
});

/** Each request as "METHOD path?selector", the selector being the query key that names the reader. */
const requests = () =>
  app.sim.requests.map((r) => `${r.method} ${r.path}?${['userId', 'email', 'phoneNumber'].filter((key) => key in r.query).join('&')}`);

describe('one round trip per agent action', () => {
  it('lookup by user id: one details request, and the reader opens from it', async () => {
    await ui.openSeedReader();
    expect(requests()).toEqual([`GET ${DETAILS}?userId`]);
    expect(keychain.calls).toEqual([]);
  });

  it('lookup by email, one reader: purchases and details for the email, and the reader opens with no further request', async () => {
    const email = app.sim.getUser(SEED_EXAMPLE_USER_ID)!.email;
    await ui.search(email);
    await page().getByRole('heading', { name: 'Shivam Dubey' }).waitFor();
    await page().getByText("As returned by ConsCent's lookup").waitFor();
    expect(requests().sort()).toEqual([`GET ${DETAILS}?email`, `GET ${PURCHASES}?email`].sort());
    expect(keychain.calls).toEqual([]);
  });

  it('lookup by email, no purchases: the "known" hint comes from the same two requests', async () => {
    await ui.search(NO_PURCHASES_EMAIL);
    await page()
      .getByText(/they have no purchases/)
      .waitFor();
    expect(requests().sort()).toEqual([`GET ${DETAILS}?email`, `GET ${PURCHASES}?email`].sort());
  });

  it('opening a reader from a list of several: one request', async () => {
    await ui.search(DUPLICATE_EMAIL);
    await page()
      .getByRole('heading', { name: /2 readers match/ })
      .waitFor();
    app.sim.clearRequests();
    await ui.button(new RegExp(DUPLICATE_EMAIL_USER_IDS[1])).click();
    await page().getByRole('heading', { name: 'Ananya R. Iyer' }).waitFor();
    expect(requests()).toEqual([`GET ${DETAILS}?userId`]);
  });

  it('a save: one PATCH, then the returned record is shown with nothing refetched', async () => {
    await ui.openSeedReader();
    app.sim.clearRequests();
    keychain.reset();
    // Not the name: the searches below find the reader by their heading.
    await ui.addressCity().fill('Mathura');
    await ui.reviewAndSend();
    await ui.waitForSaved();
    await page().getByText('As ConsCent returned it after the update.').waitFor();
    expect(requests()).toEqual(['PATCH /client/update-user?userId']);
    // No read of the key and secret; one write: the history's signed tail, kept in the
    // keychain once per saved change so a cut history shows (issue 18 item 3).
    expect(keychain.calls).toEqual(['setPassword']);
  });
});

describe('a newer search abandons the older one', () => {
  it("closes the older request's socket in main and shows only the newer answer", async () => {
    // The first details request would take a minute; the agent searches again meanwhile.
    app.sim.addFault({ path: DETAILS, fault: { kind: 'latency', ms: 60_000 }, times: 1 });
    await ui.search(DUPLICATE_EMAIL_USER_IDS[0]);
    await expect.poll(() => app.sim.requests.length).toBe(1);
    await ui.search(SEED_EXAMPLE_USER_ID);
    await page().getByRole('heading', { name: 'Shivam Dubey' }).waitFor();
    await expect.poll(() => app.sim.requests[0]?.closedByClient).toBe(true);
    expect(app.sim.requests[0]?.query.userId).toBe(DUPLICATE_EMAIL_USER_IDS[0]);
    // Not retried, and nothing else was asked: the abandoned request and the newer one.
    expect(requests()).toEqual([`GET ${DETAILS}?userId`, `GET ${DETAILS}?userId`]);
    expect(await page().getByRole('alert').count()).toBe(0);
  });
});

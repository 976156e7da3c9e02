import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SimUser } from '../../simulator';
import { DEMO_CLIENT } from '../../simulator';
import { launchConsole, type ConsoleUnderTest } from './harness';
import { steps } from './ui-steps';
import { expectValue } from './expect-value';

// Issue #8 item 1, end to end against the simulator in its default 'replace' mode (an
// address list in the PATCH body becomes the stored list): a list the console saw in a
// save's answer is edited whole, with its ids; a list it never saw is sent only after the
// agent confirms, and then the stored list is exactly what the review showed.

let app: ConsoleUnderTest;
let page: Page;
const ui = steps(() => page);

beforeAll(async () => {
  app = await launchConsole({ userCount: 200, seed: 11 });
  page = app.page;
  await ui.connectToSimulator(app.sim.baseUrl);
});
afterAll(() => app?.close());

/** A reader with two shipping addresses whose email finds only them. */
function readerWithTwoShippingAddresses(exclude: string[] = []): SimUser {
  const users = app.sim.listUsers();
  const reader = users.find(
    (u) =>
      u.shippingAddress.length >= 2 &&
      !exclude.includes(u.userId) &&
      users.filter((other) => other.email.toLowerCase() === u.email.toLowerCase()).length === 1,
  );
  if (!reader) throw new Error('the seeded simulator has no such reader');
  return reader;
}

async function openByLookup(query: string, name: string): Promise<void> {
  await ui.search(query);
  await page.getByRole('heading', { name, exact: true }).waitFor();
  await page.getByText("As returned by ConsCent's lookup").waitFor();
}

const entryCity = (list: 'Shipping' | 'Billing', n: number) => page.getByRole('textbox', { name: `${list} address ${n} City`, exact: true });

describe('a list known from a save in this session', () => {
  it('is where the form starts after a new lookup by email; editing one entry keeps the others and their ids', async () => {
    const reader = readerWithTwoShippingAddresses();
    const original = structuredClone(reader.shippingAddress);

    // A first save (of the name only): ConsCent's answer carries the whole record.
    await openByLookup(reader.userId, reader.name);
    await ui.field('Name').fill(`${reader.name} K.`);
    await ui.reviewAndSend();
    await ui.waitForSaved();

    // A new lookup by email: the lookup returns no lists; main has them from that save's
    // answer, which ConsCent returned in this session, so nothing needs confirming (issue 17).
    await openByLookup(reader.email, `${reader.name} K.`);
    await expectValue(entryCity('Shipping', 2), original[1]!.city);
    expect(await page.getByText(/from what ConsCent returned after a save in this session/).count()).toBeGreaterThan(0);
    expect(await page.locator('.address-entry .chip').count()).toBe(0);

    await entryCity('Shipping', 1).fill('Mandya');
    await ui.button('Review changes').click();
    expect(await ui.review().getByRole('checkbox').count()).toBe(0);
    expect(await ui.review().textContent()).toContain('Nothing else is changed.');
    app.sim.clearRequests();
    await ui.review().getByRole('button', { name: 'Send changes' }).click();
    await ui.waitForSaved();

    const stored = app.sim.getUser(reader.userId)!.shippingAddress;
    expect(stored).toEqual([{ ...original[0]!, city: 'Mandya' }, ...original.slice(1)]);
    const patch = app.sim.requests.find((request) => request.method === 'PATCH');
    expect((patch?.body as { shippingAddress: { _id?: string }[] }).shippingAddress.map((entry) => entry._id)).toEqual(
      original.map((entry) => entry._id),
    );
  });
});

describe('a list the console has not seen', () => {
  it('needs the agent to confirm, and then ConsCent stores exactly the list that was shown', async () => {
    const first = readerWithTwoShippingAddresses();
    const reader = readerWithTwoShippingAddresses([first.userId]);
    await openByLookup(reader.userId, reader.name);
    await ui.button('Add shipping address').click();
    await entryCity('Shipping', 1).fill('Mysuru');
    await page
      .getByText(/ConsCent may replace every shipping address this reader has with the 1 shipping address sent here/)
      .first()
      .waitFor();

    await ui.button('Review changes').click();
    const send = ui.review().getByRole('button', { name: 'Send changes' });
    expect(await send.isDisabled()).toBe(true);
    expect(await ui.review().textContent()).not.toContain('Nothing else is changed');
    const shown = await ui
      .review()
      .locator('tr[data-field="shippingAddress"] .change-after li, tr[data-field="shippingAddress"] .change-after .change-value')
      .allTextContents();
    expect(shown).toEqual(['1. Mysuru (new)']);

    await ui
      .review()
      .getByRole('checkbox', { name: /every shipping address this reader has may be replaced/ })
      .check();
    app.sim.clearRequests();
    await send.click();
    await ui.waitForSaved();

    const stored = app.sim.getUser(reader.userId)!.shippingAddress;
    expect(stored).toEqual([
      {
        name: '',
        apartment: '',
        area: '',
        pincode: '',
        landmark: '',
        city: 'Mysuru',
        state: '',
        country: '',
        _id: expect.stringMatching(/^[a-f0-9]{24}$/),
      },
    ]);
    // The saved entry is no longer "new": it has ConsCent's id now.
    expect(await page.locator('.address-entry .chip').count()).toBe(0);
  });
});

describe('a list known only from a save before the console was started again (issue 17)', () => {
  it('carries its age, and sending it needs the agent to accept that addresses added since elsewhere will be lost', async () => {
    const used = app.sim.listUsers().filter((u) => u.shippingAddress.some((entry) => ['Mandya', 'Mysuru'].includes(entry.city)));
    const reader = readerWithTwoShippingAddresses(used.map((u) => u.userId));
    const original = structuredClone(reader.shippingAddress);
    await openByLookup(reader.userId, reader.name);
    await ui.field('Name').fill(`${reader.name} R.`);
    await ui.reviewAndSend();
    await ui.waitForSaved();

    // The reader adds a Chennai address elsewhere (their account page, another computer).
    const auth = `Basic ${Buffer.from(`${DEMO_CLIENT.apiKey}:${DEMO_CLIENT.apiSecret}`).toString('base64')}`;
    const elsewhere = await fetch(`${app.sim.baseUrl}/client/update-user?userId=${reader.userId}`, {
      method: 'PATCH',
      headers: { authorization: auth, 'content-type': 'application/json' },
      body: JSON.stringify({ shippingAddress: [...original, { ...original[0]!, _id: undefined, city: 'Chennai' }] }),
    });
    expect(elsewhere.status).toBe(200);

    // The console starts again: only its history knows the list, as it was at that save.
    page = await app.restart();
    await ui.field('Find a reader').waitFor();
    await openByLookup(reader.email, `${reader.name} R.`);
    await expectValue(entryCity('Shipping', 2), original[1]!.city);
    await page
      .getByText(/This list is as of \d{1,2} \w{3} \d{4}, \d{2}:\d{2} \S+, from your save on this computer/)
      .first()
      .waitFor();

    await ui.button('Add shipping address').click();
    await entryCity('Shipping', original.length + 1).fill('Pune');
    await page
      .getByText(/shipping addresses added or changed elsewhere since \d{1,2} \w{3} \d{4}, \d{2}:\d{2} \S+ will be lost/)
      .first()
      .waitFor();
    await ui.button('Review changes').click();
    expect(await ui.review().textContent()).not.toContain('Nothing else is changed');
    const send = ui.review().getByRole('button', { name: 'Send changes' });
    expect(await send.isDisabled()).toBe(true);
    const confirm = ui
      .review()
      .getByRole('checkbox', { name: /shipping addresses added since \d{1,2} \w{3} \d{4}, \d{2}:\d{2} \S+ elsewhere will be lost/ });
    // The box sits beside its sentence, not on a line of its own (issue 22 item 8).
    const box = (await confirm.boundingBox())!;
    const words = (await ui.review().locator('.confirm-check span').first().boundingBox())!;
    expect(box.width).toBeLessThan(40);
    expect(words.x).toBeGreaterThan(box.x + box.width - 1);
    expect(words.y).toBeLessThan(box.y + box.height);
    await app.screenshot('review-confirm-list-known-only-from-history', { fullPage: false });

    await confirm.check();
    app.sim.clearRequests();
    await send.click();
    await ui.waitForSaved();
    // The agent accepted it: ConsCent stores exactly the list that was reviewed.
    expect(app.sim.getUser(reader.userId)!.shippingAddress.map((entry) => entry.city)).toEqual([...original.map((entry) => entry.city), 'Pune']);
  });
});

import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SimUser } from '../../simulator';
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

    // A new lookup by email: the lookup returns no lists; main has them from the change
    // history, which recorded the record that save returned (issue #10).
    await openByLookup(reader.email, `${reader.name} K.`);
    await expectValue(entryCity('Shipping', 2), original[1]!.city);
    expect(await page.getByText(/from your save on this computer/).count()).toBeGreaterThan(0);
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

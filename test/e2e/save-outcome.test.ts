import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED_EXAMPLE_USER_ID } from '../../simulator';
import { launchConsole, type ConsoleUnderTest } from './harness';
import { expectValue } from './expect-value';
import { steps } from './ui-steps';

// Issue 17 item 4, end to end: a 502 after the PATCH went out is "outcome unknown" in the
// review, in the form, on the reader screen and in History alike, with Refresh offered;
// nothing says the change was not saved, and History offers no revert of it.

let app: ConsoleUnderTest;
let page: Page;
const ui = steps(() => page);

beforeAll(async () => {
  app = await launchConsole({ userCount: 20, seed: 17 });
  page = app.page;
  await ui.connectToSimulator(app.sim.baseUrl);
});
afterAll(() => app?.close());

describe('a 502 after the change was sent', () => {
  it('is "outcome unknown" everywhere the agent looks, with Refresh offered', async () => {
    await ui.openSeedReader();
    await page.getByText('No change to this reader has been saved from this computer.').waitFor();
    await ui.field('Name').fill('Shivam Unconfirmed');
    app.sim.clearRequests();
    app.sim.addFault({ path: '/client/update-user', method: 'PATCH', fault: { kind: 'status', status: 502 }, times: 1 });
    await ui.reviewAndSend();

    const alert = ui.review().getByRole('alert');
    await alert.getByText(/ConsCent did not confirm the change: it may or may not have been saved\./).waitFor();
    expect(await alert.textContent()).not.toMatch(/not saved/);
    expect(app.sim.requests.filter((r) => r.method === 'PATCH')).toHaveLength(1);
    expect(await ui.review().getByRole('button', { name: 'Refresh reader' }).isEnabled()).toBe(true);

    await ui.review().getByRole('button', { name: 'Back to editing' }).click();
    const notice = page.getByRole('alert').filter({ hasText: 'ConsCent did not confirm the last attempt to send' });
    await notice.waitFor();
    expect(await notice.textContent()).not.toMatch(/was not saved|Review the changes to try again/);
    await expectValue(ui.field('Name'), 'Shivam Unconfirmed');
    await page.getByText(/Outcome unknown — ConsCent did not confirm it; check the reader/).waitFor();
    expect(await page.getByText('No change to this reader has been saved from this computer.').count()).toBe(0);

    // Refresh reads the reader as ConsCent holds it now, once the agent lets the edits go.
    await notice.getByRole('button', { name: 'Refresh reader' }).click();
    await page.getByRole('alertdialog', { name: 'Discard unsent changes?' }).getByRole('button', { name: 'Discard changes' }).click();
    await page.getByText("As returned by ConsCent's lookup").waitFor();
    expect(app.sim.requests.some((r) => r.method === 'GET' && r.path.includes('user-and-subscription-details'))).toBe(true);

    await ui.button('See all changes to this reader').click();
    const entry = page.locator('.history-entry').first();
    await entry.getByText(/Outcome unknown — ConsCent did not confirm it; check the reader/).waitFor();
    expect(await entry.getByRole('button', { name: 'Revert this change' }).count()).toBe(0);
    expect(await entry.textContent()).toContain(SEED_EXAMPLE_USER_ID);
  });
});

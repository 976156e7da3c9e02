import { describe, expect, it } from 'vitest';
import { SEED_EXAMPLE_USER_ID } from '../../simulator';
import { seriousViolations } from './axe-check';
import { connectedConsole } from './connected-console';
import { steps } from './ui-steps';

// Issue 22 item 5 in Chromium with the real main process: a reader looked up by id and
// saved is found again by part of their name, among the readers this computer has worked
// with (here its change history alone: the recent readers are cleared first). Finding
// sends nothing to ConsCent; opening the one found is the one request of a lookup by id.

const running = connectedConsole({ userCount: 40, seed: 11 });
const ui = steps(() => running.page);
const DETAILS = '/user/user-and-subscription-details';
/** Each request as "METHOD path?selector", the selector being the query key that names the reader. */
const requests = () =>
  running.app.sim.requests.map((r) => `${r.method} ${r.path}?${['userId', 'email', 'phoneNumber'].filter((key) => key in r.query).join('&')}`);

describe('finding a reader by name', () => {
  it('finds a reader saved earlier by part of their name, says it is not ConsCent’s search, and opens them by id', async () => {
    const page = running.page;
    await page.setViewportSize({ width: 1024, height: 640 });
    await ui.openSeedReader();
    await ui.field('Country code').fill('+91');
    await ui.field('Phone number').fill('9876501234');
    await ui.reviewAndSend();
    await ui.waitForSaved();
    await ui.button('Clear recent readers').click();
    await page.getByText('Recent readers cleared on this computer.').waitFor({ state: 'attached' });

    running.app.sim.clearRequests();
    await ui.field('Find a reader').fill('dubé');
    await page.getByText(/which is all ConsCent can be searched by/).waitFor();
    await ui.field('Find a reader').press('Enter');
    const heading = page.getByRole('heading', { name: 'Readers this computer has worked with matching “dubé”' });
    await heading.waitFor();
    const panel = page.locator('section', { has: heading });
    await expect.poll(() => panel.innerText()).toContain('ConsCent can be searched only by user id, email or phone number');
    const rows = panel.getByRole('row');
    expect(await rows.count()).toBe(2);
    expect(await rows.nth(1).innerText()).toMatch(new RegExp(`Shivam Dubey[\\s\\S]*${SEED_EXAMPLE_USER_ID}[\\s\\S]*Change history`));
    expect(requests()).toEqual([]);

    expect(await seriousViolations(page)).toEqual([]);
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
      if (scheme === 'dark') expect(await seriousViolations(page)).toEqual([]);
      await running.app.screenshot(`issue22-find-by-name-${scheme}-1024x640`, { fullPage: false });
    }
    await page.emulateMedia({ colorScheme: 'light', reducedMotion: null });

    await panel.getByRole('button', { name: `Open Shivam Dubey (${SEED_EXAMPLE_USER_ID})` }).click();
    await page.getByRole('heading', { name: 'Shivam Dubey' }).waitFor();
    await page.getByText('Edit details').first().waitFor();
    expect(requests()).toEqual([`GET ${DETAILS}?userId`]);
  });

  it('says what ConsCent can be searched by when no reader this computer knows matches', async () => {
    await running.page.setViewportSize({ width: 1024, height: 640 });
    running.app.sim.clearRequests();
    await ui.search('Nobody Here');
    const heading = running.page.getByRole('heading', { name: 'No reader this computer has worked with matches “Nobody Here”' });
    await heading.waitFor();
    expect(await running.page.locator('section', { has: heading }).innerText()).toContain(
      'ConsCent can be searched only by user id, email or phone number. Names, and parts of names or emails, are matched only against the readers this computer has worked with',
    );
    await running.app.screenshot('issue22-find-by-name-no-match-1024x640', { fullPage: false });
    expect(requests()).toEqual([]);
  });
});

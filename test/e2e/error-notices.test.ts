import { describe, expect, it } from 'vitest';
import { SEED_EXAMPLE_USER_ID } from '../../simulator';
import { seriousViolations } from './axe-check';
import { connectedConsole } from './connected-console';
import { steps } from './ui-steps';

// Issue 22 item 3, in Chromium against the simulator: a failed search says what happened,
// then once what to do, with the button that does it; the buttons work; axe finds nothing
// serious in either theme. Screenshots at the smallest window (open them and look).

const running = connectedConsole({ userCount: 20, seed: 11 });
const ui = steps(() => running.page);
const DETAILS = '/user/user-and-subscription-details';

const failedSearch = () => running.page.getByRole('alert').filter({ hasText: 'The search failed.' });

async function settle(): Promise<void> {
  await running.page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
}

describe('an error notice at 1024×640', () => {
  it('a refused API key: what happened, what to do once, and Open connection settings opens Connections', async () => {
    await running.page.setViewportSize({ width: 1024, height: 640 });
    running.app.sim.addFault({ path: DETAILS, fault: { kind: 'status', status: 401 } });
    await ui.search(SEED_EXAMPLE_USER_ID);
    const alert = failedSearch();
    await alert.waitFor({ timeout: 30_000 });
    const todo = await alert.locator('.notice-todo').innerText();
    expect(todo).toMatch(/^Check them in Connections/);
    expect((await alert.innerText()).split(todo)).toHaveLength(2);
    expect(await alert.getByRole('button').allInnerTexts()).toEqual(['Open connection settings', 'Try again']);

    for (const scheme of ['light', 'dark'] as const) {
      await running.page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
      await settle();
      expect(await seriousViolations(running.page)).toEqual([]);
      await running.app.screenshot(`issue22-error-notice-${scheme}-1024x640`, { fullPage: false });
    }
    await running.page.emulateMedia({ colorScheme: 'light', reducedMotion: null });

    await alert.getByRole('button', { name: 'Open connection settings' }).click();
    await running.page.getByRole('heading', { name: 'Connections' }).waitFor();
    running.app.sim.clearFaults();
    await ui.button('Readers').click();
  });

  it('Try again sends the same search once ConsCent answers again', async () => {
    running.app.sim.addFault({ path: DETAILS, fault: { kind: 'status', status: 503 } });
    await ui.search(SEED_EXAMPLE_USER_ID);
    const alert = failedSearch();
    await alert.waitFor({ timeout: 30_000 });
    expect(await alert.locator('.notice-todo').innerText()).toMatch(/^Try again in a few minutes/);
    await running.app.screenshot('issue22-error-notice-retry-1024x640', { fullPage: false });
    running.app.sim.clearFaults();
    await alert.getByRole('button', { name: 'Try again' }).click();
    await running.page.getByRole('heading', { name: 'Shivam Dubey' }).waitFor();
    expect(await failedSearch().count()).toBe(0);
  });
});

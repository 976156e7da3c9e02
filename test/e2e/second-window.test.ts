import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SEED_EXAMPLE_USER_ID } from '../../simulator';
import { seriousViolations } from './axe-check';
import { connectedConsole } from './connected-console';
import { SCREENSHOT_DIR } from './harness';
import { steps } from './ui-steps';

// Issue 22.4 in Chromium with the real main-process handlers: "Open in new window" asks
// main, main's own window set (main/window/console-windows.ts) opens a second console page
// and hands it the reader as a link, and both pages use the bridge. Each window keeps its
// own edits.

const running = connectedConsole({ userCount: 40, seed: 11 });
const ui = steps(() => running.page);

describe('a reader in a second window', () => {
  it('opens the reader in a new console window and leaves the edits in the first one as they were', async () => {
    await ui.openSeedReader();
    await ui.field('Phone number').fill('9876501234');
    const next = running.app.nextWindow();
    await ui.button('Open in new window').click();
    await running.page.getByText('Opened this reader in a new window.').waitFor();

    const second = await next;
    const there = steps(() => second);
    await second.getByRole('heading', { name: 'Shivam Dubey' }).waitFor();
    await expect.poll(() => there.field('Find a reader').inputValue()).toBe(SEED_EXAMPLE_USER_ID);
    await second.setViewportSize({ width: 1024, height: 640 });
    await second.screenshot({ path: join(SCREENSHOT_DIR, 'second-window-opened-1024x640.png') });
    // Opened as a link on the connection it is already on: nothing switched, nothing to say.
    expect(await second.getByText(/Switched to the connection/).count()).toBe(0);
    expect(await there.field('Phone number').inputValue()).toBe('');
    // The first window still has its unsent edit; the second can look up another reader on its own.
    expect(await ui.field('Phone number').inputValue()).toBe('9876501234');
    await there.search('nobody@example.invalid');
    await second.getByRole('heading', { name: /No reader found/ }).waitFor();
    expect(await running.page.getByRole('heading', { name: 'Shivam Dubey' }).isVisible()).toBe(true);

    for (const size of [
      { width: 1024, height: 640 },
      { width: 1366, height: 768 },
      { width: 1280, height: 860 },
    ]) {
      await running.page.setViewportSize(size);
      await running.page.screenshot({ path: join(SCREENSHOT_DIR, `second-window-reader-head-${size.width}x${size.height}.png`) });
    }
    expect(await seriousViolations(running.page)).toEqual([]);
    await second.close();
  });
});

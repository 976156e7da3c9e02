import { describe, expect, it } from 'vitest';
import { SEED_EXAMPLE_USER_ID } from '../../simulator';
import { connectedConsole } from './connected-console';
import { steps } from './ui-steps';

// Issue 22 item 6 in Chromium with the real main-process handlers: after a save, "Copy
// summary" reaches the system clipboard from the click, and the text is the change as the
// History holds it. (Chromium here has no permission handler; in Electron the window denies
// every permission, so navigator.clipboard.writeText is refused there and copyText falls
// back to the selection copy, which needs none: see renderer/src/ui/copy-text.ts.)

const running = connectedConsole({ userCount: 40, seed: 11 });
const ui = steps(() => running.page);

describe('Copy summary', () => {
  it('puts the saved change on the clipboard as plain text for the ticket', async () => {
    await ui.openSeedReader();
    await ui.field('Country code').fill('+91');
    await ui.field('Phone number').fill('9876501234');
    await ui.reviewAndSend();
    await ui.waitForSaved();
    const copy = ui.button('Copy summary');
    await expect.poll(() => copy.isEnabled()).toBe(true);
    await copy.click();
    await running.page.getByText('Summary copied: paste it into the ticket.').waitFor();

    await running.page.context().grantPermissions(['clipboard-read']);
    const text = await running.page.evaluate(() => navigator.clipboard.readText());
    const lines = text.split('\n');
    expect(lines[0]).toBe(`Reader: Shivam Dubey <shivamdubey+kljo@conscent.ai>, user id ${SEED_EXAMPLE_USER_ID}`);
    expect(lines[1]).toMatch(/^Changed on \d{1,2} \w{3} \d{4}, \d{2}:\d{2} \S+ by .+:$/);
    expect(lines).toContain('- Phone number: from (not known) to 9876501234');
  });
});

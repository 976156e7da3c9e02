import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempFolders } from '../helpers/temp-folders';
import { seriousViolations } from './axe-check';
import { connectedConsole } from './connected-console';
import { steps } from './ui-steps';

// Issue 22.7 in Chromium with the real main process: the Bulk screen says what CSV it
// expects, "Save sample CSV…" writes the sample where main's save dialog says, and that
// very file, chosen back, is checked with every row ready to send.

const running = connectedConsole({ userCount: 10, seed: 7 });
const ui = steps(() => running.page);
const folder = tempFolders('cc-e2e-bulk-sample-');

describe('the Bulk screen’s sample CSV', () => {
  it('explains the file, saves a sample through main, and the sample passes Check every row', async () => {
    const page = running.page;
    await ui.button('Bulk').click();
    const help = page.getByRole('region', { name: 'The CSV file' });
    await help.waitFor();
    expect(await help.innerText()).toMatch(/userId column and any of name, email, countryCode \(\+91\)/);
    expect(await seriousViolations(page)).toEqual([]);
    for (const [width, height] of [
      [1024, 640],
      [1366, 768],
      [1280, 860],
    ] as const) {
      await page.setViewportSize({ width, height });
      await running.app.screenshot(`issue22-bulk-help-${width}x${height}`, { fullPage: false });
    }

    const path = join(folder(), 'sample.csv');
    running.app.exportTo(path);
    await help.getByRole('button', { name: 'Save sample CSV…' }).click();
    await page.getByText(`The sample CSV was saved to ${path}.`).waitFor();

    running.app.csvFrom(path);
    await ui.button('Choose a CSV file…').click();
    await page.getByText(/sample\.csv: 5 rows/).waitFor();
    await ui.button('Check every row').click();
    await page.getByText('5 rows: 5 ready to send, 0 in error.').waitFor();
  });
});

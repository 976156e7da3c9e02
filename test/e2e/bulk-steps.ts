import { writeFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import type { ConsoleUnderTest } from './harness';

// The Bulk screen's steps (issue 14) as an agent takes them, by the labels they see;
// shared by the bulk journeys (bulk-corrections, bulk-production, secret-sweep).

export const CONFIRM_DIALOG = 'Send these corrections?';

/** A CSV file, the way a spreadsheet writes it (CRLF, a header row). */
export async function writeCsv(path: string, header: readonly string[], rows: readonly (readonly string[])[]): Promise<string> {
  await writeFile(path, `${[header, ...rows].map((cells) => cells.join(',')).join('\r\n')}\r\n`, 'utf8');
  return path;
}

export function bulkSteps(app: () => ConsoleUnderTest) {
  const page = (): Page => app().page;
  const button = (name: string | RegExp) => page().getByRole('button', { name });
  const runStatus = () => page().getByRole('region', { name: 'Bulk run' }).getByRole('status');

  return {
    button,
    runStatus,
    confirmDialog: () => page().getByRole('dialog', { name: CONFIRM_DIALOG }),
    resultsTable: () => page().getByRole('table', { name: /Results/ }),

    /** Bulk tab → Choose a CSV file… (main's open dialog answers `csv`) → the file's summary shown. */
    async choose(csv: string, rows: number): Promise<void> {
      await page().getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Bulk' }).click();
      app().csvFrom(csv);
      await button('Choose a CSV file…').click();
      await page()
        .getByText(new RegExp(`: ${rows} rows, columns `))
        .waitFor();
    },

    /** Check every row → the report's summary line. */
    async check(): Promise<string> {
      await button('Check every row').click();
      const summary = page().getByRole('region', { name: 'Validation report' }).getByRole('status');
      await summary.waitFor();
      return (await summary.textContent()) ?? '';
    },

    async setConcurrency(n: number): Promise<void> {
      await page().getByLabel('Requests at a time').fill(String(n));
    },

    /** Send… → the confirmation → Send N corrections; waits for the run panel. */
    async send(rows: number): Promise<void> {
      await button('Send…').click();
      await page()
        .getByRole('dialog', { name: CONFIRM_DIALOG })
        .getByRole('button', { name: `Send ${rows} corrections` })
        .click();
      await runStatus().waitFor();
    },

    /** Waits until the run's status line matches (e.g. /^Finished\./). */
    async until(pattern: RegExp): Promise<string> {
      await runStatus().filter({ hasText: pattern }).waitFor({ timeout: 30_000 });
      return (await runStatus().textContent()) ?? '';
    },

    /** "N of M done" from the run's status line. */
    async done(): Promise<number> {
      const match = /(\d+) of \d+ done/.exec((await runStatus().textContent()) ?? '');
      return Number(match?.[1] ?? -1);
    },
  };
}

/** Screenshots at the two window sizes the console is checked at. */
export async function shootBoth(app: ConsoleUnderTest, name: string): Promise<void> {
  // From the top: a full-page shot draws the sticky header where the page was scrolled to.
  await app.page.evaluate(() => window.scrollTo(0, 0));
  await app.page.setViewportSize({ width: 1280, height: 860 });
  await app.screenshot(`${name}-1280`);
  await app.page.setViewportSize({ width: 1024, height: 640 });
  await app.screenshot(`${name}-1024`);
  await app.page.setViewportSize({ width: 1280, height: 860 });
}

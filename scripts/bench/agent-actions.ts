import type { Page } from 'playwright-core';
import { DUPLICATE_EMAIL, DUPLICATE_EMAIL_USER_IDS, SEED_EXAMPLE_USER_ID } from '../../simulator';
import { MEASURES } from '../../common/user-timing-names';

// The agent's actions the bench times, each done through the UI as an agent does it, and
// each timed by the renderer's own User Timing measure (renderer/src/timing/user-timing.ts),
// read from the page once the answer is painted.

export type ActionName = 'lookup by id' | 'lookup by email' | 'open from a list' | 'save';

export interface Action {
  name: ActionName;
  measure: string;
  /** The bridge operation the action's answer comes from (its span on the page, main's stages). */
  operation: 'lookupReader' | 'openReader' | 'updateReader';
  /** Gets the page to where the timed step starts (not timed, requests not counted). */
  prepare(page: Page, run: number): Promise<void>;
  /** The timed step: what the agent does; ends when the measure is taken. */
  act(page: Page, run: number): Promise<void>;
}

const search = async (page: Page, query: string) => {
  await page.getByLabel('Find a reader', { exact: true }).fill(query);
  await page.getByLabel('Find a reader', { exact: true }).press('Enter');
};

export function agentActions(seedEmail: string): Action[] {
  return [
    {
      name: 'lookup by id',
      measure: MEASURES.searchToRecord,
      operation: 'lookupReader',
      prepare: async () => undefined,
      act: (page) => search(page, SEED_EXAMPLE_USER_ID),
    },
    {
      name: 'lookup by email',
      measure: MEASURES.searchToRecord,
      operation: 'lookupReader',
      prepare: async () => undefined,
      act: (page) => search(page, seedEmail),
    },
    {
      name: 'open from a list',
      measure: MEASURES.chooseToRecord,
      operation: 'openReader',
      async prepare(page) {
        await search(page, DUPLICATE_EMAIL);
        await page.getByRole('heading', { name: /2 readers match/ }).waitFor();
      },
      act: (page, run) => page.getByRole('button', { name: new RegExp(DUPLICATE_EMAIL_USER_IDS[run % 2]!) }).click(),
    },
    {
      name: 'save',
      measure: MEASURES.sendToResult,
      operation: 'updateReader',
      async prepare(page, run) {
        await search(page, SEED_EXAMPLE_USER_ID);
        await page.getByText("As returned by ConsCent's lookup").waitFor();
        await page.getByLabel('Name', { exact: true }).fill(`Bench reader ${run}`);
        await page.getByRole('button', { name: 'Review changes' }).click();
      },
      act: (page) => page.getByRole('dialog').getByRole('button', { name: 'Send changes' }).click(),
    },
  ];
}

/** How many entries of this measure the page holds now. */
export const measureCount = (page: Page, name: string) => page.evaluate((n) => performance.getEntriesByName(n, 'measure').length, name);

/** Waits for the measure's next entry (after `before` entries) and returns its duration. */
export async function nextMeasure(page: Page, name: string, before: number): Promise<number> {
  await page.waitForFunction(([n, count]) => performance.getEntriesByName(n as string, 'measure').length > (count as number), [
    name,
    before,
  ] as const);
  return page.evaluate((n) => performance.getEntriesByName(n, 'measure').at(-1)!.duration, name);
}

/** The page's own "page loaded → lookup box interactive" measure, after a fresh load. */
export async function startUpMeasure(page: Page, load: () => Promise<unknown>): Promise<number> {
  await load();
  return nextMeasure(page, MEASURES.pageToLookupInteractive, 0);
}

import type { Locator, Page } from 'playwright-core';
import type { BridgeError } from '../../common/result';
import { DEMO_CLIENT, SEED_EXAMPLE_USER_ID } from '../../simulator';
import { expectValues } from './expect-value';

// What an agent does, step by step, by the labels they see; shared by the end-to-end journeys.

export const REVIEW_DIALOG = 'Review changes before sending';

export interface ConnectionFields {
  name: string;
  baseUrl: string;
  clientId: string;
  apiKey: string;
  apiSecret: string;
}

export function steps(page: () => Page) {
  const field = (label: string) => page().getByLabel(label, { exact: true });
  const button = (name: string | RegExp) => page().getByRole('button', { name });
  // Address inputs are named after their group ("Address City"), via aria-labelledby.
  const addressCity = () => page().getByRole('textbox', { name: 'Address City', exact: true });
  const review = () => page().getByRole('dialog', { name: REVIEW_DIALOG });
  /** Fills the connection form (Custom environment), without saving. */
  const fillConnection = async (c: ConnectionFields): Promise<void> => {
    await field('Connection name').fill(c.name);
    await field('Environment').selectOption({ label: 'Custom' });
    await field('Base URL').fill(c.baseUrl);
    await field('Client ID').fill(c.clientId);
    await field('API key').fill(c.apiKey);
    await field('API secret').fill(c.apiSecret);
  };

  return {
    field,
    button,
    addressCity,
    review,

    async search(query: string): Promise<void> {
      await field('Find a reader').fill(query);
      await field('Find a reader').press('Enter');
    },

    /** Searches the seed page's reader and waits for the record as the lookup returned it. */
    async openSeedReader(): Promise<void> {
      await field('Find a reader').fill(SEED_EXAMPLE_USER_ID);
      await field('Find a reader').press('Enter');
      await page().getByRole('heading', { name: 'Shivam Dubey' }).waitFor();
      // After a save the record says "as ConsCent returned it after the update"; this
      // line only appears once the new lookup has replaced it.
      await page().getByText("As returned by ConsCent's lookup").waitFor();
    },

    fillConnection,

    /** On a first start: saves "Local simulator" (the demo client at `baseUrl`) and waits for the reader search. */
    async connectToSimulator(baseUrl: string): Promise<void> {
      await field('Connection name').waitFor();
      await fillConnection({ name: 'Local simulator', baseUrl, ...DEMO_CLIENT });
      await button('Save connection').click();
      await field('Find a reader').waitFor();
    },

    /** Asserts the connection form holds `expected` (retrying until it does, or failing with the difference). */
    expectConnectionForm(expected: ConnectionFields): Promise<void> {
      const fields = {
        name: field('Connection name'),
        baseUrl: field('Base URL'),
        clientId: field('Client ID'),
        apiKey: field('API key'),
        apiSecret: field('API secret'),
      };
      return expectValues(fields, { ...expected });
    },

    async editPhoneAndCity(phone: string, city: string): Promise<void> {
      await field('Country code').fill('+91');
      await field('Phone number').fill(phone);
      await addressCity().fill(city);
    },

    /** Asserts the form's phone number and address city (retrying until they are there). */
    expectPhoneAndCity(phone: string, city: string): Promise<void> {
      return expectValues({ phone: field('Phone number'), city: addressCity() }, { phone, city });
    },

    /** Opens the review and presses "Send changes". */
    async reviewAndSend(): Promise<Locator> {
      await button('Review changes').click();
      await review().getByRole('button', { name: 'Send changes' }).click();
      return review();
    },

    async waitForSaved(): Promise<void> {
      await page().getByText('User Details Updated Successfully.').first().waitFor();
    },

    /**
     * Connections → Edit <name> → new base URL → Save connection → Readers. A new origin
     * needs the key and secret again (stored ones stay with their origin): pass them.
     */
    async repointConnection(name: string, baseUrl: string, credentials?: { apiKey: string; apiSecret: string }): Promise<void> {
      await button('Connections').click();
      await button(`Edit ${name}`).click();
      await field('Base URL').fill(baseUrl);
      if (credentials) {
        await field('API key').fill(credentials.apiKey);
        await field('API secret').fill(credentials.apiSecret);
      }
      await button('Save connection').click();
      await page().getByText(`Connection “${name}” saved.`).waitFor();
      await button('Readers').click();
    },
  };
}

/** The errors among the IPC results from index `from` on (what the page was told). */
export function failuresSince(ipcResults: readonly unknown[], from: number): BridgeError[] {
  return ipcResults
    .slice(from)
    .filter((r): r is { ok: false; error: BridgeError } => typeof r === 'object' && r !== null && (r as { ok?: unknown }).ok === false)
    .map((r) => r.error);
}

/** Words that mean an error reached the agent raw instead of explained. */
export const RAW_ERROR_TEXT = /AxiosError|ECONN|EPROTO|ENOTFOUND|stack|\bat [\w.]+ \(|<html|<\/|nginx|\[object |undefined|null\b/i;

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Result } from '../../common/result';
import { DEMO_CLIENT, SEED_EXAMPLE_USER_ID } from '../../simulator';
import { launchConsole, type ConsoleUnderTest } from './harness';
import { steps } from './ui-steps';
import { expectValue } from './expect-value';

// Issue #8 items 2 and 4 in the real app (built renderer and preload in Chromium, real
// main handlers, real keychain, simulator): Test connection proves the Client ID, and a
// saved connection moved to another host (127.0.0.1 → localhost: another origin, same
// simulator) needs its key and secret typed again, in the form and in main.

let app: ConsoleUnderTest;
const page = (): Page => app.page;
const ui = steps(page);
const NAME = 'Local simulator';
const credentials = { apiKey: DEMO_CLIENT.apiKey, apiSecret: DEMO_CLIENT.apiSecret };

beforeAll(async () => {
  app = await launchConsole({ userCount: 20, seed: 5 });
});
afterAll(() => app?.close());

const settingsText = () => readFile(join(app.userDataDir, 'settings.json'), 'utf8');

describe('Test connection proves the Client ID', () => {
  it('fails a wrong Client ID with the Client ID field marked, and passes once it is corrected', async () => {
    await ui.field('Connection name').waitFor();
    await ui.fillConnection({ name: NAME, baseUrl: app.sim.baseUrl, clientId: 'no-such-client', ...credentials });
    await ui.button('Test connection').click();

    const alert = page().getByRole('alert').filter({ hasText: 'Connection test failed.' });
    await alert.getByText(/^Correct the Client ID marked below/).waitFor();
    expect(
      await page()
        .getByText(/Connection works/)
        .count(),
    ).toBe(0);
    const clientId = ui.field('Client ID');
    expect(await clientId.getAttribute('aria-invalid')).toBe('true');
    await page()
      .getByText(/did not accept this Client ID/)
      .first()
      .waitFor();
    await expectValue(clientId, 'no-such-client'); // nothing typed is lost
    await app.screenshot('trust-wrong-client-id');

    await clientId.fill(DEMO_CLIENT.clientId);
    await ui.button('Test connection').click();
    await page()
      .getByText(/Connection works\..*accepted the API key and secret, and the Client ID/)
      .waitFor();
    await ui.button('Save connection').click();
    await ui.field('Find a reader').waitFor();
  });
});

describe('a saved connection moved to another host', () => {
  it('needs the key and secret again before it is saved, and then works there', async () => {
    const movedUrl = app.sim.baseUrl.replace('127.0.0.1', 'localhost');
    expect(movedUrl).not.toBe(app.sim.baseUrl);
    await ui.button('Connections').click();
    await ui.button(`Edit ${NAME}`).click();
    await ui.field('Base URL').fill(movedUrl);
    const origin = new URL(movedUrl).origin;
    await page().getByText(`Required: the base URL now points at ${origin}.`, { exact: false }).first().waitFor();

    await ui.button('Save connection').click();
    await page().getByText(`Enter the API key for ${origin}`, { exact: false }).waitFor();
    expect(await ui.field('API key').getAttribute('aria-invalid')).toBe('true');
    expect(await ui.field('API secret').getAttribute('aria-invalid')).toBe('true');
    expect(await settingsText()).not.toContain(movedUrl);
    await app.screenshot('trust-host-changed');

    // Main refuses too, whatever a page might send: the stored secret never leaves for localhost.
    const before = app.sim.requests.length;
    const refused = await page().evaluate(
      async ({ baseUrl, clientId }) => {
        const bridge = (
          window as unknown as {
            conscent: {
              listConnections(): Promise<Result<{ connections: Array<{ id: string }> }>>;
              testConnection(r: unknown): Promise<Result<unknown>>;
            };
          }
        ).conscent;
        const listed = await bridge.listConnections();
        const id = listed.ok ? listed.value.connections[0]?.id : undefined;
        return bridge.testConnection({ id, connection: { name: 'x', environment: 'custom', baseUrl, clientId } });
      },
      { baseUrl: movedUrl, clientId: DEMO_CLIENT.clientId },
    );
    expect(refused).toMatchObject({
      ok: false,
      error: { kind: 'invalid-input', reason: 'credentials-elsewhere', boundOrigin: expect.any(String), targetOrigin: expect.any(String) },
    });
    expect(app.sim.requests.length).toBe(before);

    await ui.field('API key').fill(credentials.apiKey);
    await ui.field('API secret').fill(credentials.apiSecret);
    await ui.button('Save connection').click();
    await page().getByText(`Connection “${NAME}” saved.`, { exact: false }).waitFor();
    expect(await settingsText()).toContain(movedUrl);

    await ui.button('Readers').click();
    await ui.openSeedReader();
    expect(app.sim.requests.some((r) => r.query.userId === SEED_EXAMPLE_USER_ID)).toBe(true);
  });
});

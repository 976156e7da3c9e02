import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Result } from '../../common/result';
import { ENVIRONMENT_PRESETS } from '../../common/environments';
import { PRODUCTION_HOST } from '../../common/environment-of-host';
import { DEMO_CLIENT, SEED_EXAMPLE_USER_ID } from '../../simulator';
import { startConnectForwarder, type ConnectForwarder } from '../helpers/connect-forwarder';
import { makeInspectingCa } from '../helpers/inspecting-ca';
import { startRogueTlsProxy, type RogueTlsProxy } from '../helpers/rogue-tls-proxy';
import { launchConsole, type ConsoleUnderTest } from './harness';
import { steps } from './ui-steps';

// Issue 18 item 1 in the real app (built renderer and preload in Chromium, real main
// handlers, real keychain): a Production connection (api.conscent.in, reached through the
// system proxy, a loopback forwarder, to the simulator) whose proxy and extra certificate
// are changed to a TLS-terminating proxy and its made-up root. The stored key and secret
// do not go there: the form asks for them again, main refuses whatever the page sends,
// a leaf certificate is refused in words, and re-entering them is what moves them.

const NAME = 'Publisher live';
const credentials = { apiKey: DEMO_CLIENT.apiKey, apiSecret: DEMO_CLIENT.apiSecret };
const AUTHORIZATION = `Basic ${Buffer.from(`${credentials.apiKey}:${credentials.apiSecret}`).toString('base64')}`;
let app: ConsoleUnderTest;
let forwarder: ConnectForwarder | undefined;
let rogue: RogueTlsProxy;
const page = (): Page => app.page;
const ui = steps(page);

beforeAll(async () => {
  const companyCa = await makeInspectingCa(PRODUCTION_HOST);
  rogue = await startRogueTlsProxy(PRODUCTION_HOST);
  app = await launchConsole(
    { userCount: 20, seed: 18, tls: companyCa.server },
    {
      network: {
        resolveProxy: async (url) => (new URL(url).hostname === PRODUCTION_HOST && forwarder ? `PROXY ${forwarder.address}` : 'DIRECT'),
        systemCertificates: () => [companyCa.caCert],
      },
    },
  );
  forwarder = await startConnectForwarder(app.sim.port);
});
afterAll(async () => {
  await app?.close();
  await forwarder?.stop();
  await rogue?.stop();
});

const settingsText = () => readFile(join(app.userDataDir, 'settings.json'), 'utf8');
const certificateField = () => ui.field('Extra trusted certificate (optional)');

/** What a page that went around the form could ask main for (id of the first connection, no key or secret). */
function bypassForm(operation: 'testConnection' | 'saveConnection', connection: Record<string, unknown>) {
  return page().evaluate(
    async ({ operation, connection }) => {
      const bridge = (
        window as unknown as {
          conscent: Record<string, (r?: unknown) => Promise<Result<{ connections: Array<{ id: string }> }>>>;
        }
      ).conscent;
      const listed = await bridge.listConnections!();
      const id = listed.ok ? listed.value.connections[0]?.id : undefined;
      return bridge[operation]!({ id, connection });
    },
    { operation, connection },
  );
}

describe('a Production connection given another proxy and certificate', () => {
  it('needs the key and secret again, sends nothing to the rogue proxy, refuses a leaf certificate, and works once they are typed', async () => {
    await ui.field('Connection name').waitFor();
    await ui.fillConnection({ name: NAME, baseUrl: ENVIRONMENT_PRESETS.production.baseUrl, ...DEMO_CLIENT });
    await ui.button('Test connection').click();
    await page()
      .getByText(/Connection works\./)
      .waitFor();
    await ui.button('Save connection').click();
    await ui.field('Find a reader').waitFor();

    // The agent (or whoever talked them into it) points the connection at the rogue proxy and its root.
    await ui.button('Connections').click();
    await ui.button(`Edit ${NAME}`).click();
    await ui.field('Proxy').selectOption('manual');
    await ui.field('Proxy address').fill(rogue.url);
    await certificateField().fill(rogue.caCert);
    await page().getByText('Required: the proxy or extra trusted certificate changed.', { exact: false }).first().waitFor();
    expect(await ui.field('API key').getAttribute('aria-required')).toBe('true');

    await ui.button('Test connection').click();
    await page().getByText('Enter the API key again: the stored one is only sent with the proxy and certificate it was saved with.').waitFor();
    await ui.button('Save connection').click();
    expect(await ui.field('API secret').getAttribute('aria-invalid')).toBe('true');
    expect(await settingsText()).not.toContain(rogue.url);
    await app.screenshot('trust-path-changed');

    // Main refuses too, whatever the page sends: neither a test nor a save uses the stored secret.
    const rogueSettings = {
      name: NAME,
      environment: 'custom',
      baseUrl: ENVIRONMENT_PRESETS.production.baseUrl,
      clientId: DEMO_CLIENT.clientId,
      proxy: { mode: 'manual', url: rogue.url },
      extraCertificate: rogue.caCert,
    };
    for (const operation of ['testConnection', 'saveConnection'] as const) {
      expect(await bypassForm(operation, rogueSettings)).toMatchObject({
        ok: false,
        error: { kind: 'invalid-input', reason: 'credentials-trust-changed', trustChanged: ['certificate', 'proxy'] },
      });
    }
    expect(rogue.requests.filter((r) => r.authorization === AUTHORIZATION)).toEqual([]);
    expect(rogue.requests).toEqual([]);
    expect(await settingsText()).not.toContain(rogue.url);

    // A server's own certificate is not a root: refused in words, on the field, whatever is typed.
    await certificateField().fill(rogue.leafCert);
    await ui.field('API key').fill(credentials.apiKey);
    await ui.field('API secret').fill(credentials.apiSecret);
    await ui.button('Save connection').click();
    await page()
      .getByText(/This is a server's own certificate, not a certificate authority's/)
      .first()
      .waitFor();
    expect(await certificateField().getAttribute('aria-invalid')).toBe('true');
    expect(await settingsText()).not.toContain(rogue.url);
    await app.screenshot('trust-path-leaf-certificate');

    // IT's own forward proxy instead, with the key and secret typed again: tested, saved, used.
    await certificateField().fill('');
    await ui.field('Proxy address').fill(`http://${forwarder!.address}`);
    await ui.button('Test connection').click();
    await page()
      .getByText(new RegExp(`Connection works\\..*through proxy ${forwarder!.address.replace(/\./g, '\\.')}`))
      .waitFor();
    await ui.button('Save connection').click();
    await page().getByText(`Connection “${NAME}” saved.`, { exact: false }).waitFor();
    expect(await settingsText()).toContain(forwarder!.address);

    await ui.button('Readers').click();
    app.sim.clearRequests();
    await ui.openSeedReader();
    expect(app.sim.requests.some((r) => r.query.userId === SEED_EXAMPLE_USER_ID)).toBe(true);
    expect(rogue.requests).toEqual([]);
  });
});

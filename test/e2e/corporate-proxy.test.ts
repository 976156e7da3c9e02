import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CLIENT } from '../../simulator';
import { INSPECTING_CA_NAME, loopbackAlias, makeInspectingCa } from '../helpers/inspecting-ca';
import { startTinyproxy, type RunningProxy } from '../helpers/tinyproxy';
import { launchConsole, type ConsoleUnderTest } from './harness';
import { steps } from './ui-steps';
import { expectValue } from './expect-value';

// Issue 13 in the real app (built renderer and preload in Chromium, real main handlers,
// real keychain): a corporate network where the system's proxy settings send ConsCent's
// host through a proxy (tinyproxy) and a company CA, installed only in the "OS store",
// signed the server's certificate. Test connection works and says which way it went and
// who issued the certificate; the proxy saw only the CONNECT.

let app: ConsoleUnderTest;
let proxy: RunningProxy;
let baseUrl: string;
const page = (): Page => app.page;
const ui = steps(page);

beforeAll(async () => {
  const alias = await loopbackAlias();
  const ca = await makeInspectingCa(alias);
  proxy = await startTinyproxy();
  app = await launchConsole(
    { userCount: 20, seed: 13, tls: ca.server },
    { network: { resolveProxy: async () => `PROXY ${proxy.address}; DIRECT`, systemCertificates: () => [ca.caCert] } },
  );
  baseUrl = app.sim.baseUrl.replace('127.0.0.1', alias);
});
afterAll(async () => {
  await app?.close();
  await proxy?.stop();
});

describe('Test connection behind a corporate proxy', () => {
  it('goes through the system proxy and shows the route and the certificate issuer', async () => {
    await ui.field('Connection name').waitFor();
    await ui.fillConnection({
      name: 'Behind the proxy',
      baseUrl,
      clientId: DEMO_CLIENT.clientId,
      apiKey: DEMO_CLIENT.apiKey,
      apiSecret: DEMO_CLIENT.apiSecret,
    });
    await expectValue(ui.field('Proxy'), 'system');
    await ui.button('Test connection').click();
    const passed = page().getByText(/Connection works\./);
    await passed.waitFor();
    expect(await passed.textContent()).toContain(`Connected to ${new URL(baseUrl).host}, through proxy ${proxy.address}`);
    expect(await passed.textContent()).toContain(`Its certificate was issued by ${INSPECTING_CA_NAME}.`);
    await app.screenshot('corporate-proxy-test-connection');

    const log = await proxy.log();
    expect(log).toContain(`CONNECT ${new URL(baseUrl).host}`);
    expect(log).not.toContain(DEMO_CLIENT.apiSecret);
    expect(log).not.toContain(DEMO_CLIENT.apiKey);
  });
});

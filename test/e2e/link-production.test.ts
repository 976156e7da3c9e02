import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENVIRONMENT_PRESETS } from '../../common/environments';
import { PRODUCTION_HOST } from '../../common/environment-of-host';
import { DEMO_CLIENT, SEED_EXAMPLE_USER_ID } from '../../simulator';
import { startConnectForwarder, type ConnectForwarder } from '../helpers/connect-forwarder';
import { makeInspectingCa } from '../helpers/inspecting-ca';
import { launchConsole, type ConsoleUnderTest } from './harness';
import { expectValue } from './expect-value';
import { steps } from './ui-steps';

// Issue 18 item 5 (a), end to end: a conscent-console:// link handed to main as the OS
// would, naming a Production connection while another one is active, never switches to
// it until the agent confirms in the page; "Stay here" leaves everything as it was. The
// Production connection is ConsCent's real production host, taken to the simulator by a
// loopback forwarder (as in bulk-production.test.ts), so the confirmed lookup really runs.

const LIVE = 'Publisher live';
let app: ConsoleUnderTest;
let forwarder: ConnectForwarder | undefined;
const ui = steps(() => app.page);
const band = () => app.page.getByTestId('environment-band');
const question = () => app.page.getByRole('alertdialog', { name: `Switch to the Production connection “${LIVE}”?` });
const link = `conscent-console://reader?userId=${SEED_EXAMPLE_USER_ID}&connection=${encodeURIComponent(LIVE)}`;

beforeAll(async () => {
  const ca = await makeInspectingCa(PRODUCTION_HOST);
  app = await launchConsole(
    { userCount: 20, seed: 18, tls: ca.server },
    {
      network: {
        resolveProxy: async (url) => (new URL(url).hostname === PRODUCTION_HOST && forwarder ? `PROXY ${forwarder.address}` : 'DIRECT'),
        systemCertificates: () => [ca.caCert],
      },
    },
  );
  forwarder = await startConnectForwarder(app.sim.port);
});
afterAll(async () => {
  await app?.close();
  await forwarder?.stop();
});

describe('a link naming a Production connection', () => {
  it('asks in the page, naming the connection and its host; "Stay here" switches and sends nothing; confirming switches and opens the reader', async () => {
    // The first connection saved is the active one: a local one. Then the Production one.
    await ui.connectToSimulator(app.sim.baseUrl);
    await ui.button('Connections').click();
    await ui.button('Add connection').click();
    await ui.fillConnection({ name: LIVE, baseUrl: ENVIRONMENT_PRESETS.production.baseUrl, ...DEMO_CLIENT });
    await ui.button('Save connection').click();
    await app.page.getByText(`Connection “${LIVE}” saved.`).waitFor();
    await ui.button('Readers').click();
    await band().getByText(/LOCAL/).waitFor();
    const requestsBefore = app.sim.requests.length;
    const connectsBefore = forwarder?.connects.length;

    app.openLink(link);
    await question().waitFor();
    const text = (await question().textContent()) ?? '';
    expect(text).toContain(`to “${LIVE}”, a Production connection at ${PRODUCTION_HOST}`);
    expect(text).toContain(`user id ${SEED_EXAMPLE_USER_ID}`);
    await app.screenshot('link-production-question', { fullPage: false });
    await question().getByRole('button', { name: 'Stay here' }).click();
    await question().waitFor({ state: 'detached' });
    expect(await band().textContent()).toMatch(/LOCAL/);
    await expectValue(ui.field('Find a reader'), '');
    expect(app.sim.requests.length).toBe(requestsBefore);
    expect(forwarder?.connects.length).toBe(connectsBefore);

    app.openLink(link);
    await question().getByRole('button', { name: 'Switch to Production and open' }).click();
    await band()
      .getByText(/PRODUCTION/)
      .waitFor();
    await app.page.getByText(`Switched to the connection “${LIVE}” (Production) because the link asked for it.`).waitFor();
    await app.page.getByRole('heading', { name: 'Shivam Dubey' }).waitFor();
    await expectValue(ui.field('Find a reader'), SEED_EXAMPLE_USER_ID);
    expect(new Set(forwarder?.connects)).toEqual(new Set([`${PRODUCTION_HOST}:443`]));
  });
});

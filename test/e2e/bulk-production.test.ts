import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENVIRONMENT_PRESETS } from '../../common/environments';
import { PRODUCTION_HOST } from '../../common/environment-of-host';
import { DEMO_CLIENT } from '../../simulator';
import { startConnectForwarder, type ConnectForwarder } from '../helpers/connect-forwarder';
import { makeInspectingCa } from '../helpers/inspecting-ca';
import { bulkSteps, writeCsv } from './bulk-steps';
import { launchConsole, type ConsoleUnderTest } from './harness';
import { steps } from './ui-steps';

// A bulk run on a Production connection (issue 14), in Chromium: the connection's base URL
// is ConsCent's real production host, so the console treats it as Production by its host
// (common/environment-of-host.ts), while the system proxy (a loopback forwarder) takes
// every byte to the simulator, which serves a certificate for that host from a CA in the
// console's "system" store. Nothing is sent until the agent types the connection's name.

const NAME = 'Publisher live';
let app: ConsoleUnderTest;
let forwarder: ConnectForwarder | undefined;
let work: string;
const ui = steps(() => app.page);
const bulk = bulkSteps(() => app);

beforeAll(async () => {
  const ca = await makeInspectingCa(PRODUCTION_HOST);
  app = await launchConsole(
    { userCount: 20, seed: 15, tls: ca.server },
    {
      network: {
        resolveProxy: async (url) => (new URL(url).hostname === PRODUCTION_HOST && forwarder ? `PROXY ${forwarder.address}` : 'DIRECT'),
        systemCertificates: () => [ca.caCert],
      },
    },
  );
  forwarder = await startConnectForwarder(app.sim.port);
  work = await mkdtemp(join(tmpdir(), 'cc-e2e-bulk-prod-'));
});
afterAll(async () => {
  await app?.close();
  await forwarder?.stop();
  if (work) await rm(work, { recursive: true, force: true });
});

describe('bulk corrections on a Production connection', () => {
  it('sends nothing until the connection’s name is typed exactly, then sends every row', async () => {
    await ui.field('Connection name').waitFor();
    await ui.fillConnection({ name: NAME, baseUrl: ENVIRONMENT_PRESETS.production.baseUrl, ...DEMO_CLIENT });
    await ui.button('Test connection').click();
    await app.page.getByText(/Connection works\./).waitFor();
    await ui.button('Save connection').click();
    await ui.field('Find a reader').waitFor();
    await app.page
      .getByTestId('environment-band')
      .getByText(/PRODUCTION/)
      .waitFor();

    const users = app.sim
      .listUsers()
      .map((u) => u.userId)
      .slice(0, 3);
    const patches = () => app.sim.requests.filter((r) => r.method === 'PATCH');
    await bulk.choose(
      await writeCsv(
        join(work, 'live.csv'),
        ['userId', 'name'],
        users.map((id, i) => [id, `Live ${i + 1}`]),
      ),
      3,
    );
    expect(await bulk.check()).toBe('3 rows: 3 ready to send, 0 in error.');
    await bulk.button('Send…').click();

    const dialog = bulk.confirmDialog();
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain(`3 readers will be changed on ${NAME} (${PRODUCTION_HOST})`);
    const name = dialog.getByRole('textbox', { name: /Type its name/ });
    const confirm = dialog.getByRole('button', { name: 'Send 3 corrections' });
    expect(await confirm.isDisabled()).toBe(true);
    await name.fill(NAME.toLowerCase());
    expect(await confirm.isDisabled()).toBe(true);
    await name.fill(`${NAME} `.slice(0, -2));
    expect(await confirm.isDisabled()).toBe(true);
    await app.screenshot('bulk-5-production-confirm', { fullPage: false });
    expect(patches()).toHaveLength(0);

    await name.fill(NAME);
    await confirm.click();
    expect(await bulk.until(/^Finished\./)).toMatch(/3 of 3 done — 3 saved/);
    expect(
      patches()
        .map((p) => p.query.userId)
        .sort(),
    ).toEqual([...users].sort());
    users.forEach((id, i) => expect(app.sim.getUser(id)?.name).toBe(`Live ${i + 1}`));
    // The requests went to the production host's name (through the system proxy), never elsewhere.
    expect(new Set(forwarder?.connects)).toEqual(new Set([`${PRODUCTION_HOST}:443`]));
  });
});

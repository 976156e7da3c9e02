// Issue 18 item 1: a stored API key and secret go only by the trust path (extra trusted
// certificate, proxy) they were saved with, not just to their origin. The attacker is a
// real TLS-terminating proxy on loopback that answers CONNECT api.conscent.in:443 itself
// with a certificate for that host signed by a root it made up. The real connection goes
// the way IT set up: the system proxy (a loopback forwarder) to the simulator, whose
// certificate for api.conscent.in a company CA in the "OS store" signed. Real handlers,
// real settings file, history and bulk folders; the keychain is the in-memory store.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { BulkFile, BulkProgress } from '../../common/bulk-schemas';
import type { ConnectionFields, ConnectionSummary } from '../../common/connections-contract';
import { ENVIRONMENT_PRESETS } from '../../common/environments';
import { PRODUCTION_HOST } from '../../common/environment-of-host';
import { wireBridgeHandlers } from '../../main/bridge-services';
import { createConsCentClient } from '../../main/conscent/conscent-client';
import type { BridgeHandlers } from '../../main/ipc/register-bridge';
import type { NetworkEnvironment } from '../../main/network/network-environment';
import { createSettingsStore } from '../../main/settings/settings-store';
import { fieldMessages } from '../../renderer/src/errors/local-failure-words';
import { DEMO_CLIENT, SEED_EXAMPLE_USER_ID, startSimulator, type RunningSimulator } from '../../simulator';
import { failure, value } from '../helpers/bridge-result';
import { startConnectForwarder, type ConnectForwarder } from '../helpers/connect-forwarder';
import { wordsOf } from '../helpers/failure-words';
import { makeInspectingCa } from '../helpers/inspecting-ca';
import { createMemoryCredentialStore, type MemoryCredentialStore } from '../helpers/memory-credential-store';
import { writeBulkCsv } from '../helpers/bulk-console';
import { startRogueTlsProxy, type RogueTlsProxy } from '../helpers/rogue-tls-proxy';
import { silentLogger } from '../helpers/silent-logger';
import { appPaths } from '../../main/app-paths';

const good = { apiKey: DEMO_CLIENT.apiKey, apiSecret: DEMO_CLIENT.apiSecret };
const AUTHORIZATION = `Basic ${Buffer.from(`${good.apiKey}:${good.apiSecret}`).toString('base64')}`;
const NAME = 'Publisher live';

let sim: RunningSimulator;
let forwarder: ConnectForwarder;
let rogue: RogueTlsProxy;
let network: NetworkEnvironment;
let dir: string;
let credentials: MemoryCredentialStore;
let handlers: BridgeHandlers;
let csvPath: string;

beforeAll(async () => {
  const companyCa = await makeInspectingCa(PRODUCTION_HOST);
  sim = await startSimulator({ userCount: 6, seed: 18, tls: companyCa.server });
  [forwarder, rogue] = await Promise.all([startConnectForwarder(sim.port), startRogueTlsProxy(PRODUCTION_HOST)]);
  network = { resolveProxy: async () => `PROXY ${forwarder.address}`, systemCertificates: () => [companyCa.caCert] };
});
afterAll(() => Promise.all([sim?.stop(), forwarder?.stop(), rogue?.stop()]));
beforeEach(async () => {
  sim.clearRequests();
  rogue.requests.length = 0;
  rogue.connects.length = 0;
  dir = await mkdtemp(join(tmpdir(), 'cc-trust-path-'));
  credentials = createMemoryCredentialStore();
  handlers = startConsole();
});
afterEach(() => rm(dir, { recursive: true, force: true }));

/** The console as it starts: settings read from the file, the keychain as it is. */
function startConsole(): BridgeHandlers {
  const createClient = (access: Parameters<typeof createConsCentClient>[0]) => createConsCentClient(access, { timeoutMs: 4000, network });
  return wireBridgeHandlers({
    connections: createSettingsStore(join(dir, 'settings.json')),
    credentials,
    createClient,
    logger: silentLogger,
    paths: appPaths(dir, join(dir, 'logs')),
    chooseCsvFile: async () => csvPath,
  });
}

const production: ConnectionFields = {
  name: NAME,
  environment: 'production',
  baseUrl: ENVIRONMENT_PRESETS.production.baseUrl,
  clientId: DEMO_CLIENT.clientId,
};
const rogueProxy = () => ({ mode: 'manual' as const, url: rogue.url });
/** What an attacker needs: the connection through its proxy, trusting its root. */
const throughRogue = (): ConnectionFields => ({ ...production, proxy: rogueProxy(), extraCertificate: rogue.caCert });

async function savedConnection(): Promise<ConnectionSummary> {
  const saved = value(await handlers.saveConnection({ connection: production, credentials: good }));
  value(await handlers.lookupReader({ connectionId: saved.id, query: SEED_EXAMPLE_USER_ID }));
  expect(sim.requests.length).toBeGreaterThan(0); // the real way works
  return saved;
}

/** Nothing carrying the stored key and secret reached the rogue proxy (nor anything at all). */
function expectRogueReadNothing() {
  expect(rogue.carrying(AUTHORIZATION)).toEqual([]);
  expect(rogue.requests).toEqual([]);
}

/** A hand edit of settings.json while the console is closed, then a fresh start. */
async function editSettingsByHand(change: (connection: Record<string, unknown>) => void) {
  const file = join(dir, 'settings.json');
  const settings = JSON.parse(await readFile(file, 'utf8')) as { connections: Record<string, unknown>[] };
  for (const connection of settings.connections) change(connection);
  await writeFile(file, JSON.stringify(settings), 'utf8');
  handlers = startConsole();
}

describe('the stored secret follows the whole trust path', () => {
  it.each([
    ['the proxy and the certificate', () => throughRogue(), ['certificate', 'proxy']],
    ['only the certificate', () => ({ ...production, extraCertificate: rogue.caCert }), ['certificate']],
    ['only the proxy', () => ({ ...production, proxy: rogueProxy() }), ['proxy']],
  ])('an unsaved Test connection that changes %s asks for the key and secret again and sends nothing', async (_what, tested, changed) => {
    const saved = await savedConnection();
    const result = await handlers.testConnection({ id: saved.id, connection: tested() });
    expectRogueReadNothing();
    const error = failure(result);
    expect(error).toMatchObject({ kind: 'invalid-input', reason: 'credentials-trust-changed', trustChanged: changed });
    expect(fieldMessages(error)['credentials.apiKey']).toMatch(/Enter the API key again/);
    expect(fieldMessages(error)['credentials.apiSecret']).toMatch(/Enter the API secret again/);
    expect(wordsOf(error, 'test-connection')).toMatch(/Enter the API key and secret again/);
  });

  it('a saved edit to the rogue proxy and root needs the key and secret, changes nothing, and the next lookup goes the saved way', async () => {
    const saved = await savedConnection();
    const result = await handlers.saveConnection({ id: saved.id, connection: throughRogue() });
    sim.clearRequests();
    const lookup = await handlers.lookupReader({ connectionId: saved.id, query: SEED_EXAMPLE_USER_ID });
    expectRogueReadNothing();
    value(lookup);
    expect(sim.requests.length).toBeGreaterThan(0);
    const error = failure(result);
    expect(error).toMatchObject({ kind: 'invalid-input', reason: 'credentials-trust-changed' });
    expect(fieldMessages(error)['credentials.apiKey']).toMatch(/Enter the API key again/);
    expect(JSON.stringify(error)).not.toContain(good.apiSecret);
    expect(value(await handlers.listConnections()).connections[0]).not.toHaveProperty('proxy');
  });

  it('a settings file edited by hand to the rogue proxy and root does not take the stored secret there', async () => {
    const saved = await savedConnection();
    await editSettingsByHand((c) => Object.assign(c, { proxy: rogueProxy(), extraCertificate: rogue.caCert }));
    const result = await handlers.lookupReader({ connectionId: saved.id, query: SEED_EXAMPLE_USER_ID });
    expectRogueReadNothing();
    const error = failure(result);
    expect(error).toMatchObject({ kind: 'not-configured', reason: 'credentials-trust-changed', trustChanged: ['certificate', 'proxy'] });
    expect(wordsOf(error)).toMatch(/not the ones its API key and secret were saved with/);
    expect(wordsOf(error)).toMatch(/enter the API key and secret again/);
  });

  it('a bulk run on a connection edited by hand to the rogue proxy and root sends nothing there', async () => {
    const saved = await savedConnection();
    csvPath = await writeBulkCsv(
      join(dir, 'fix.csv'),
      sim
        .listUsers()
        .slice(0, 3)
        .map((u) => u.userId),
    );
    await editSettingsByHand((c) => Object.assign(c, { proxy: rogueProxy(), extraCertificate: rogue.caCert }));
    const file = value(await handlers.bulkChooseFile({})) as BulkFile;
    value(await handlers.bulkValidate({ runId: file.runId, connectionId: saved.id, mapping: file.suggested }));
    sim.clearRequests();
    let progress = value(
      await handlers.bulkStart({ runId: file.runId, mode: 'send', concurrency: 2, skipInvalid: false, confirmName: NAME }),
    ) as BulkProgress;
    while (!['finished', 'cancelled', 'halted'].includes(progress.state)) {
      progress = value(await handlers.bulkProgress({ runId: file.runId, seen: progress.seq })) as BulkProgress;
    }
    // The run stops on the first row, and says why.
    expect(progress).toMatchObject({ state: 'halted', saved: 0, haltedBy: { kind: 'not-configured', reason: 'credentials-trust-changed' } });
    expectRogueReadNothing();
    expect(sim.requests.filter((r) => r.method === 'PATCH')).toEqual([]);
  });

  it('re-entering the key and secret is what moves them to another trust path, bound in the keychain entry', async () => {
    const saved = await savedConnection();
    const direct = { ...production, proxy: { mode: 'none' as const } };
    value(await handlers.saveConnection({ id: saved.id, connection: direct, credentials: good }));
    expect(await credentials.get(saved.id)).toEqual({
      ...good,
      origin: 'https://api.conscent.in',
      trustPath: { certificate: null, proxy: { mode: 'none' } },
    });
    // A hand edit back to the System proxy is another trust path again.
    await editSettingsByHand((c) => delete c.proxy);
    expect(failure(await handlers.lookupReader({ connectionId: saved.id, query: SEED_EXAMPLE_USER_ID }))).toMatchObject({
      reason: 'credentials-trust-changed',
      trustChanged: ['proxy'],
    });
  });
});

describe('the rogue proxy is a real threat (so "it read nothing" above means something)', () => {
  it('reads the Authorization header of a key and secret typed in for it', async () => {
    await handlers.testConnection({ connection: throughRogue(), credentials: good });
    expect(rogue.carrying(AUTHORIZATION).length).toBeGreaterThan(0);
    expect(rogue.requests.every((r) => r.host === PRODUCTION_HOST)).toBe(true);
  });
});

describe('entries saved before trust paths were recorded', () => {
  it('keep working on the default trust path, which is then written into the entry', async () => {
    const saved = await savedConnection();
    await credentials.set(saved.id, good, 'https://api.conscent.in'); // origin only, as before
    handlers = startConsole();
    value(await handlers.lookupReader({ connectionId: saved.id, query: SEED_EXAMPLE_USER_ID }));
    expect(await credentials.get(saved.id)).toEqual({
      ...good,
      origin: 'https://api.conscent.in',
      trustPath: { certificate: null, proxy: { mode: 'system' } },
    });
  });

  it('ask for the secret again where the settings name an extra certificate or a manual proxy', async () => {
    const saved = await savedConnection();
    await credentials.set(saved.id, good, 'https://api.conscent.in');
    await editSettingsByHand((c) => Object.assign(c, { proxy: rogueProxy(), extraCertificate: rogue.caCert }));
    const error = failure(await handlers.lookupReader({ connectionId: saved.id, query: SEED_EXAMPLE_USER_ID }));
    expect(error).toMatchObject({ kind: 'not-configured', reason: 'credentials-trust-changed', trustChanged: ['certificate', 'proxy'] });
    expectRogueReadNothing();
    expect(await credentials.get(saved.id)).toEqual({ ...good, origin: 'https://api.conscent.in' });
  });
});

describe('the extra certificate must be a certificate authority’s', () => {
  it('refuses a server’s own (leaf) certificate on Test and on Save, with a plain message on the field', async () => {
    const leaf = { ...production, extraCertificate: rogue.leafCert };
    const refusals = [
      failure(await handlers.testConnection({ connection: leaf, credentials: good })),
      failure(await handlers.saveConnection({ connection: leaf, credentials: good })),
    ];
    for (const error of refusals) {
      expect(error).toMatchObject({ kind: 'invalid-input', reason: 'certificate-not-ca' });
      expect(fieldMessages(error)['connection.extraCertificate']).toMatch(/not a certificate authority's/);
      expect(wordsOf(error, 'save-connection')).toMatch(/root CA certificate/);
    }
    expect(value(await handlers.listConnections()).connections).toEqual([]);
    expectRogueReadNothing();
  });
});

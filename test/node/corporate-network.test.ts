import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createConsCentClient } from '../../main/conscent/conscent-client';
import type { ConnectionNetwork } from '../../main/conscent/transport';
import type { NetworkEnvironment } from '../../main/network/network-environment';
import { DEMO_CLIENT, SEED_EXAMPLE_USER_ID, startSimulator, type RunningSimulator } from '../../simulator';
import { apiFailure } from '../helpers/api-failure';
import { closedPort } from '../helpers/closed-port';
import { wordsOf } from '../helpers/failure-words';
import { INSPECTING_CA_NAME, loopbackAlias, makeInspectingCa, type InspectingCa } from '../helpers/inspecting-ca';
import { startTinyproxy, type RunningProxy } from '../helpers/tinyproxy';

// Issue 13: the client on a locked-down corporate network, against real servers on this
// machine's loopback only. A real forward proxy (tinyproxy, one plain and one that demands
// Basic credentials), the simulator served with a certificate a "company" CA signed (the
// TLS inspection case), and the Electron-only pieces (resolveProxy, the OS certificate
// store) injected as the functions start-app.ts passes in.

const credentials = { apiKey: DEMO_CLIENT.apiKey, apiSecret: DEMO_CLIENT.apiSecret };
const PROXY_USER = { username: 'agent7', password: 'proxy-pass-9f3' };

let alias: string;
let ca: InspectingCa;
let sim: RunningSimulator;
let baseUrl: string;
let proxy: RunningProxy;
let authProxy: RunningProxy;

beforeAll(async () => {
  alias = await loopbackAlias();
  ca = await makeInspectingCa(alias);
  [sim, proxy, authProxy] = await Promise.all([
    startSimulator({ userCount: 3, tls: ca.server }),
    startTinyproxy(),
    startTinyproxy({ basicAuth: PROXY_USER }),
  ]);
  // The same server by a name that is not loopback to the console, so a proxy may be used.
  baseUrl = sim.baseUrl.replace('127.0.0.1', alias);
});
afterAll(async () => {
  await Promise.all([sim?.stop(), proxy?.stop(), authProxy?.stop()]);
});
let savedTlsEnv: string | undefined;
beforeEach(() => {
  sim.clearRequests();
  savedTlsEnv = process.env.NODE_TLS_REJECT_UNAUTHORIZED;
});
afterEach(() => {
  if (savedTlsEnv === undefined) delete process.env.NODE_TLS_REJECT_UNAUTHORIZED;
  else process.env.NODE_TLS_REJECT_UNAUTHORIZED = savedTlsEnv;
});

/** What Electron would hand over: a PAC answer for every URL, and the OS store's roots. */
function system(pac: string, systemRoots: string[] = [ca.caCert]): NetworkEnvironment & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    resolveProxy: async (url) => {
      asked.push(url);
      return pac;
    },
    systemCertificates: () => systemRoots,
  };
}

function clientFor(network: NetworkEnvironment, choices: ConnectionNetwork = {}, url = baseUrl) {
  return createConsCentClient({ baseUrl: url, clientId: DEMO_CLIENT.clientId, credentials, network: choices }, { timeoutMs: 8_000, network });
}

/** CONNECT requests tinyproxy logged (its log level is also called CONNECT, hence the exact form). */
const connectsIn = (log: string) => (log.match(/Request \(file descriptor \d+\): CONNECT /g) ?? []).length;

describe('the system proxy (resolveProxy, PAC included)', () => {
  it('goes through the proxy the system names for the URL, by CONNECT, and says so', async () => {
    const network = system(`PROXY ${proxy.address}; DIRECT`);
    const client = clientFor(network);
    const before = connectsIn(await proxy.log());
    const { purchases } = await client.findPurchases({ pageSize: 1 });
    expect(purchases.length).toBeGreaterThan(0);
    expect(network.asked).toEqual([expect.stringMatching(new RegExp(`^https://${alias}:\\d+/api/v1/client/purchases/subscriptions`))]);
    expect(connectsIn(await proxy.log())).toBe(before + 1);
    expect(await proxy.log()).toContain(`CONNECT ${alias}:${new URL(baseUrl).port}`);
    expect(client.lastExchange?.()).toEqual({ route: { kind: 'proxy', proxy: proxy.address, scheme: 'http' }, tlsIssuer: INSPECTING_CA_NAME });
  });

  it('goes direct when the system says DIRECT: the proxy sees nothing', async () => {
    const before = await proxy.log();
    const client = clientFor(system('DIRECT'));
    await client.findPurchases({ pageSize: 1 });
    expect(await proxy.log()).toBe(before);
    expect(client.lastExchange?.()).toEqual({ route: { kind: 'direct' }, tlsIssuer: INSPECTING_CA_NAME });
    expect(sim.requests).toHaveLength(1);
  });

  it("the proxy's own log never holds the API key or secret, nor the reader's data: it sees only the CONNECT", async () => {
    await clientFor(system(`PROXY ${proxy.address}`)).updateUser(SEED_EXAMPLE_USER_ID, { name: 'Proxy Test Name' });
    const log = await proxy.log();
    expect(log).toContain('CONNECT');
    for (const secret of [
      credentials.apiKey,
      credentials.apiSecret,
      Buffer.from(`${credentials.apiKey}:${credentials.apiSecret}`).toString('base64'),
      'Proxy Test Name',
    ]) {
      expect(log).not.toContain(secret);
    }
  });

  it('a loopback base URL never goes through the proxy, whatever the system says', async () => {
    const before = await proxy.log();
    const network = system(`PROXY ${proxy.address}`);
    const client = clientFor(network, {}, sim.baseUrl);
    await client.findPurchases({ pageSize: 1 });
    expect(await proxy.log()).toBe(before);
    expect(network.asked).toEqual([]);
  });

  it('a connection set to "No proxy" or to a manual proxy overrides the system', async () => {
    const before = connectsIn(await proxy.log());
    const none = clientFor(system(`PROXY ${proxy.address}`), { proxy: { mode: 'none' } });
    await none.findPurchases({ pageSize: 1 });
    expect(none.lastExchange?.()?.route).toEqual({ kind: 'direct' });
    expect(connectsIn(await proxy.log())).toBe(before);

    const manual = clientFor(system('DIRECT'), { proxy: { mode: 'manual', url: proxy.url } });
    await manual.findPurchases({ pageSize: 1 });
    expect(manual.lastExchange?.()?.route).toEqual({ kind: 'proxy', proxy: proxy.address, scheme: 'http' });
    expect(connectsIn(await proxy.log())).toBe(before + 1);
  });
});

describe('a proxy that asks for credentials (407)', () => {
  it('without credentials: the proxy-auth kind, naming the proxy; nothing reaches ConsCent', async () => {
    const error = await apiFailure(clientFor(system(`PROXY ${authProxy.address}`)).findPurchases({ pageSize: 1 }));
    expect(error.facts).toMatchObject({ kind: 'network', reason: 'proxy-auth-required', proxy: authProxy.address });
    expect(wordsOf(error)).toMatch(/proxy .* asks for a user name and password.*Test connection/);
    expect(sim.requests).toEqual([]);
  });

  it('with the right credentials the request passes; with wrong ones it says they were refused', async () => {
    const network = system(`PROXY ${authProxy.address}`);
    const passes = clientFor(network, { proxyCredentials: PROXY_USER });
    expect((await passes.findPurchases({ pageSize: 1 })).purchases.length).toBeGreaterThan(0);
    const wrong = await apiFailure(clientFor(network, { proxyCredentials: { ...PROXY_USER, password: 'nope' } }).findPurchases({ pageSize: 1 }));
    expect(wrong.facts).toMatchObject({ reason: 'proxy-auth-rejected', proxy: authProxy.address });
  });

  it('stored credentials are sent only to the proxy they were stored for', async () => {
    // Kept by scheme and host:port (issue 18.5).
    const stored = new Map([[`http://${authProxy.address}`, PROXY_USER]]);
    const keychain = { get: async (proxyAddress: string) => stored.get(proxyAddress) ?? null };
    const through = (pac: string) => ({ ...system(pac), proxyCredentials: keychain });
    expect((await clientFor(through(`PROXY ${authProxy.address}`)).findPurchases({ pageSize: 1 })).purchases.length).toBeGreaterThan(0);
    stored.clear();
    stored.set('http://proxy.elsewhere:3128', PROXY_USER);
    // The same host:port under the other scheme is another proxy.
    stored.set(`https://${authProxy.address}`, PROXY_USER);
    const error = await apiFailure(clientFor(through(`PROXY ${authProxy.address}`)).findPurchases({ pageSize: 1 }));
    expect(error.facts.reason).toBe('proxy-auth-required');
  });
});

describe('a proxy that is down', () => {
  it('is its own error kind, naming the proxy and what to do', async () => {
    const down = `127.0.0.1:${await closedPort()}`;
    const error = await apiFailure(clientFor(system(`PROXY ${down}`)).findPurchases({ pageSize: 1 }));
    expect(error.facts).toMatchObject({ kind: 'network', reason: 'proxy-unreachable', proxy: down, code: 'ECONNREFUSED' });
    expect(wordsOf(error)).toMatch(new RegExp(`proxy ${down} could not be reached.*ask IT`));
  });

  it('a system that names only a SOCKS proxy is said to be unsupported, not silently bypassed', async () => {
    const error = await apiFailure(clientFor(system('SOCKS5 127.0.0.1:1080')).findPurchases({ pageSize: 1 }));
    expect(error.facts).toMatchObject({ reason: 'proxy-unsupported', proxy: 'SOCKS5 127.0.0.1:1080' });
    expect(wordsOf(error)).toMatch(/No proxy" or a manual proxy/);
  });
});

describe('TLS inspection: the certificate store', () => {
  it('a company CA only in the OS store is trusted, through the proxy and directly', async () => {
    await clientFor(system(`PROXY ${proxy.address}`)).findPurchases({ pageSize: 1 });
    await clientFor(system('DIRECT')).findPurchases({ pageSize: 1 });
    expect(sim.requests).toHaveLength(2);
  });

  it('without it, the unknown authority is named with what to do, and nothing is sent (by either route)', async () => {
    for (const pac of [`PROXY ${proxy.address}`, 'DIRECT']) {
      const error = await apiFailure(clientFor(system(pac, [])).findPurchases({ pageSize: 1 }));
      expect(error.facts).toMatchObject({ kind: 'network', reason: 'certificate', issuer: INSPECTING_CA_NAME });
      expect(wordsOf(error)).toMatch(
        new RegExp(`issued by "${INSPECTING_CA_NAME}".*ask IT to install the company certificate.*Extra trusted certificate`),
      );
    }
    expect(sim.requests).toEqual([]);
  });

  it('NODE_TLS_REJECT_UNAUTHORIZED=0 changes nothing, by either route', async () => {
    process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';
    for (const pac of [`PROXY ${proxy.address}`, 'DIRECT']) {
      const error = await apiFailure(clientFor(system(pac, [])).findPurchases({ pageSize: 1 }));
      expect(error.facts.reason).toBe('certificate');
    }
    expect(sim.requests).toEqual([]);
  });

  it("a connection's extra trusted certificate is trusted for that connection only", async () => {
    const withExtra = clientFor(system(`PROXY ${proxy.address}`, []), { extraCertificate: ca.caCert });
    expect(withExtra.lastExchange?.()).toBeUndefined();
    await withExtra.findPurchases({ pageSize: 1 });
    expect(withExtra.lastExchange?.()?.tlsIssuer).toBe(INSPECTING_CA_NAME);
    const other = await apiFailure(clientFor(system('DIRECT', [])).findPurchases({ pageSize: 1 }));
    expect(other.facts.reason).toBe('certificate');
  });
});

import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectionSummary, TestConnectionResult } from '../../common/connections-contract';
import type { Result } from '../../common/result';
import { KEYCHAIN_SERVICE } from '../../common/product';
import { createAppBridgeHandlers } from '../../main/app-services';
import type { BridgeHandlers } from '../../main/ipc/register-bridge';
import { DEMO_CLIENT, startSimulator, type RunningSimulator } from '../../simulator';
import { wordsOf } from '../helpers/failure-words';
import { INSPECTING_CA_NAME, loopbackAlias, makeInspectingCa } from '../helpers/inspecting-ca';
import { memoryKeytar } from '../helpers/stand-in-electron';
import { startTinyproxy, type RunningProxy } from '../helpers/tinyproxy';

// Issue 13: a proxy that asks for credentials, through the app's real services. The agent
// is asked once (Test connection fails with its own kind), the credentials typed then go
// to the keychain beside the API key and secret (never settings.json), and from then on
// every request through that proxy carries them without asking again.

const PROXY_USER = { username: 'agent7', password: 'proxy-pass-9f3' };

let dir: string;
let sim: RunningSimulator;
let proxy: RunningProxy;
let handlers: BridgeHandlers;
let keytar: ReturnType<typeof memoryKeytar>;
let baseUrl: string;
let caCert: string;

beforeAll(async () => {
  const alias = await loopbackAlias();
  const ca = await makeInspectingCa(alias);
  [sim, proxy] = await Promise.all([startSimulator({ userCount: 3, tls: ca.server }), startTinyproxy({ basicAuth: PROXY_USER })]);
  baseUrl = sim.baseUrl.replace('127.0.0.1', alias);
  caCert = ca.caCert;
  dir = await mkdtemp(join(tmpdir(), 'conscent-proxy-creds-'));
  keytar = memoryKeytar();
  handlers = createAppBridgeHandlers({
    userDataDir: join(dir, 'userData'),
    logDir: join(dir, 'logs'),
    keytar,
    requestTimeoutMs: 8_000,
    network: { resolveProxy: async () => `PROXY ${proxy.address}`, systemCertificates: () => [ca.caCert] },
  });
});
afterAll(async () => {
  await Promise.all([sim?.stop(), proxy?.stop()]);
  if (dir) await rm(dir, { recursive: true, force: true });
});

const call = <T>(name: keyof BridgeHandlers, request: unknown) => (handlers[name] as (r: unknown) => Promise<Result<T>>)(request);
const connection = () => ({ name: 'Behind the proxy', environment: 'custom', baseUrl, clientId: DEMO_CLIENT.clientId });
const credentials = { apiKey: DEMO_CLIENT.apiKey, apiSecret: DEMO_CLIENT.apiSecret };

describe('proxy credentials (407)', () => {
  it('are asked for once, kept in the keychain for that proxy, and used from then on', async () => {
    const saved = await call<ConnectionSummary>('saveConnection', { connection: connection(), credentials });
    if (!saved.ok) throw new Error(JSON.stringify(saved.error));

    const asked = await call<TestConnectionResult>('testConnection', { id: saved.value.id, connection: connection() });
    expect(asked).toMatchObject({ ok: false, error: { kind: 'network', reason: 'proxy-auth-required', proxy: proxy.address } });
    if (!asked.ok) expect(wordsOf(asked.error, 'test-connection')).toMatch(/asks for a user name and password/);

    const typed = await call<TestConnectionResult>('testConnection', { id: saved.value.id, connection: connection(), proxyCredentials: PROXY_USER });
    expect(typed).toEqual({
      ok: true,
      value: { host: new URL(baseUrl).host, route: { kind: 'proxy', proxy: proxy.address, scheme: 'http' }, tlsIssuer: INSPECTING_CA_NAME },
    });

    // In the keychain, beside the connection's API key and secret, under the proxy's name.
    const stored = await keytar.getPassword(KEYCHAIN_SERVICE, `proxy:http://${proxy.address}`);
    expect(JSON.parse(stored ?? 'null')).toEqual(PROXY_USER);
    expect(await keytar.getPassword(KEYCHAIN_SERVICE, saved.value.id)).not.toBeNull();
    // Never in the settings file.
    const settings = await readFile(join(dir, 'userData', 'settings.json'), 'utf8');
    expect(settings).not.toContain(PROXY_USER.password);
    expect(settings).not.toContain(PROXY_USER.username);

    // Not asked again: a lookup through the same proxy carries them.
    const lookup = await call('lookupReader', { connectionId: saved.value.id, query: 'nobody-at-all@example.com' });
    expect(lookup.ok).toBe(true);
    // The connections list still counts one connection: the proxy entry is not one.
    const listed = await call<{ connections: ConnectionSummary[] }>('listConnections', undefined);
    expect(listed.ok && listed.value.connections.map((c) => c.id)).toEqual([saved.value.id]);
  });

  it('wrong ones typed in are refused in words that say so, and are not kept', async () => {
    const before = await keytar.getPassword(KEYCHAIN_SERVICE, `proxy:http://${proxy.address}`);
    const wrong = await call<TestConnectionResult>('testConnection', {
      connection: connection(),
      credentials,
      proxyCredentials: { ...PROXY_USER, password: 'not-it' },
    });
    expect(wrong).toMatchObject({ ok: false, error: { reason: 'proxy-auth-rejected', proxy: proxy.address } });
    expect(await keytar.getPassword(KEYCHAIN_SERVICE, `proxy:http://${proxy.address}`)).toBe(before);
  });
});

// Issue 18.5: proxy credentials were kept by host:port only, so ones typed for an https://
// proxy went in clear to an http:// proxy on the same host and port.
describe('proxy credentials are kept per scheme', () => {
  it('ones typed for https://host:port, or kept before the scheme counted, are never sent to http://host:port: the proxy asks again', async () => {
    const fresh = memoryKeytar();
    const aside = await mkdtemp(join(tmpdir(), 'conscent-proxy-scheme-'));
    try {
      const own = createAppBridgeHandlers({
        userDataDir: join(aside, 'userData'),
        logDir: join(aside, 'logs'),
        keytar: fresh,
        requestTimeoutMs: 8_000,
        network: { resolveProxy: async () => `PROXY ${proxy.address}`, systemCertificates: () => [caCert] },
      });
      // As kept for an https:// proxy at this host:port, and as an older console kept them (no scheme).
      await fresh.setPassword(KEYCHAIN_SERVICE, `proxy:https://${proxy.address}`, JSON.stringify(PROXY_USER));
      await fresh.setPassword(KEYCHAIN_SERVICE, `proxy:${proxy.address}`, JSON.stringify(PROXY_USER));
      const saved = await own.saveConnection({ connection: connection(), credentials });
      if (!saved.ok) throw new Error(JSON.stringify(saved.error));

      // The http:// proxy gets no credentials at all: it answers 407 and the agent is asked.
      const lookup = await own.lookupReader({ connectionId: saved.value.id, query: 'nobody-at-all@example.com' });
      expect(lookup).toMatchObject({ ok: false, error: { kind: 'network', reason: 'proxy-auth-required', proxy: proxy.address } });

      // Typed for this http:// proxy, they are kept for it alone, and the scheme-less entry goes.
      const typed = await own.testConnection({ id: saved.value.id, connection: connection(), proxyCredentials: PROXY_USER });
      expect(typed.ok).toBe(true);
      expect(JSON.parse((await fresh.getPassword(KEYCHAIN_SERVICE, `proxy:http://${proxy.address}`)) ?? 'null')).toEqual(PROXY_USER);
      expect(await fresh.getPassword(KEYCHAIN_SERVICE, `proxy:${proxy.address}`)).toBeNull();
      expect(JSON.parse((await fresh.getPassword(KEYCHAIN_SERVICE, `proxy:https://${proxy.address}`)) ?? 'null')).toEqual(PROXY_USER);
      expect((await own.lookupReader({ connectionId: saved.value.id, query: 'nobody-at-all@example.com' })).ok).toBe(true);
    } finally {
      await rm(aside, { recursive: true, force: true });
    }
  });
});

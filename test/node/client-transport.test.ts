import http from 'node:http';
import { rejectionWords, wordsOf } from '../helpers/failure-words';
import { ConfigError } from '../../main/errors/config-error';
import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import tls from 'node:tls';
import { generate } from 'selfsigned';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MAX_API_MESSAGE_CHARS, NO_SUCCESS_MESSAGE, createConsCentClient } from '../../main/conscent/conscent-client';
import { requestUrl } from '../../main/conscent/transport';
import { routeFor } from '../../main/network/proxy-route';
import { DEMO_CLIENT, SEED_EXAMPLE_USER_ID, startSimulator, type RunningSimulator } from '../../simulator';
import { apiFailure } from '../helpers/api-failure';

// How the client reaches ConsCent (issue 8, item 5): no proxy for this computer's own
// servers, certificate checks the process environment cannot turn off, request URLs
// that stay under the base URL, and ConsCent's success message cleaned before display.
// Real servers on loopback only: the simulator, a tiny proxy, a TLS 1.1 server.

const credentials = { apiKey: DEMO_CLIENT.apiKey, apiSecret: DEMO_CLIENT.apiSecret };
const clientFor = (baseUrl: string) => createConsCentClient({ baseUrl, clientId: DEMO_CLIENT.clientId, credentials }, { timeoutMs: 3_000 });

type Seen = { method: string; url: string; authorization?: string };

/** A forward proxy that forwards nothing: it records what it was asked and answers 502. */
async function startRecordingProxy(): Promise<{ url: string; seen: Seen[]; stop: () => Promise<void> }> {
  const seen: Seen[] = [];
  const server = http.createServer((req, res) => {
    seen.push({ method: req.method ?? '', url: req.url ?? '', authorization: req.headers.authorization });
    res.writeHead(502).end();
  });
  server.on('connect', (req: http.IncomingMessage, socket: Socket) => {
    seen.push({ method: 'CONNECT', url: req.url ?? '', authorization: req.headers.authorization });
    socket.end('HTTP/1.1 502 Bad Gateway\r\n\r\n');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, seen, stop: () => new Promise((resolve) => server.close(() => resolve())) };
}

const PROXY_VARIABLES = ['HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy', 'NO_PROXY', 'no_proxy', 'NODE_TLS_REJECT_UNAUTHORIZED'];
let savedEnv: Record<string, string | undefined>;
const savedTls = { minVersion: tls.DEFAULT_MIN_VERSION, ciphers: tls.DEFAULT_CIPHERS };
beforeEach(() => {
  savedEnv = Object.fromEntries(PROXY_VARIABLES.map((name) => [name, process.env[name]]));
  for (const name of PROXY_VARIABLES) delete process.env[name];
});
afterEach(() => {
  for (const [name, value] of Object.entries(savedEnv)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  tls.DEFAULT_MIN_VERSION = savedTls.minVersion;
  tls.DEFAULT_CIPHERS = savedTls.ciphers;
});

let sim: RunningSimulator;
let tlsSim: RunningSimulator;
beforeAll(async () => {
  [sim, tlsSim] = await Promise.all([startSimulator({ userCount: 3 }), startSimulator({ userCount: 3, tls: true })]);
});
afterAll(async () => {
  await Promise.all([sim?.stop(), tlsSim?.stop()]);
});
beforeEach(() => {
  sim.clearRequests();
  tlsSim.clearRequests();
});

describe('proxies', () => {
  it('a loopback base URL never goes through HTTP_PROXY: the Basic credentials reach only the server on this computer', async () => {
    const proxy = await startRecordingProxy();
    try {
      process.env.HTTP_PROXY = proxy.url;
      process.env.http_proxy = proxy.url;
      const { purchases } = await clientFor(sim.baseUrl).findPurchases({ pageSize: 1 });
      expect(purchases.length).toBeGreaterThan(0);
      expect(proxy.seen).toEqual([]);
      expect(sim.requests).toHaveLength(1);
    } finally {
      await proxy.stop();
    }
  });

  it('HTTPS_PROXY in the environment no longer decides (issue 13): the system proxy, through resolveProxy, does', async () => {
    const proxy = await startRecordingProxy();
    try {
      process.env.HTTPS_PROXY = proxy.url;
      process.env.https_proxy = proxy.url;
      const direct = createConsCentClient(
        { baseUrl: 'https://api.conscent.example/api/v1', clientId: DEMO_CLIENT.clientId, credentials },
        { timeoutMs: 3_000, network: { resolveProxy: async () => 'DIRECT', systemCertificates: () => [] } },
      );
      const error = await apiFailure(direct.findPurchases({ pageSize: 1 }));
      expect(error.facts.reason).toBe('host-not-found');
      expect(proxy.seen).toEqual([]);
      const proxied = createConsCentClient(
        { baseUrl: 'https://api.conscent.example/api/v1', clientId: DEMO_CLIENT.clientId, credentials },
        { timeoutMs: 3_000, network: { resolveProxy: async () => `PROXY ${new URL(proxy.url).host}`, systemCertificates: () => [] } },
      );
      expect((await apiFailure(proxied.findPurchases({ pageSize: 1 }))).facts).toMatchObject({ reason: 'proxy-refused', status: 502 });
      // Every attempt is a bare CONNECT: no credentials for the proxy to see.
      expect(proxy.seen.length).toBeGreaterThan(0);
      for (const seen of proxy.seen) expect(seen).toEqual({ method: 'CONNECT', url: 'api.conscent.example:443', authorization: undefined });
    } finally {
      await proxy.stop();
    }
  });

  it('the decision is one function of the URL and the setting: none for loopback, whatever the system or the connection says', async () => {
    const network = { resolveProxy: async () => 'PROXY proxy.corp:8080', systemCertificates: () => [] };
    for (const url of ['http://127.0.0.1:4010/api/v1', 'http://localhost/api', 'https://[::1]:8443/api', 'http://127.8.9.10/']) {
      expect(await routeFor(new URL(url), undefined, network), url).toEqual({ kind: 'direct' });
      expect(await routeFor(new URL(url), { mode: 'manual', url: 'http://proxy.corp:8080' }, network), url).toEqual({ kind: 'direct' });
    }
    expect(await routeFor(new URL('https://api.conscent.in/api/v1'), undefined, network)).toMatchObject({ kind: 'proxy', label: 'proxy.corp:8080' });
    expect(await routeFor(new URL('https://api.conscent.in/api/v1'), { mode: 'none' }, network)).toEqual({ kind: 'direct' });
  });
});

describe('TLS', () => {
  it('a self-signed server is refused even with NODE_TLS_REJECT_UNAUTHORIZED=0, and nothing reaches it', async () => {
    process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';
    const error = await apiFailure(clientFor(tlsSim.baseUrl).findPurchases({ pageSize: 1 }));
    expect(error.kind).toBe('network');
    expect(wordsOf(error)).toMatch(/certificate could not be verified \(it presented a self-signed certificate/);
    expect(tlsSim.requests).toHaveLength(0);
  });

  it('a TLS 1.1 server is refused even when the process defaults allow TLS 1.0 and every cipher', async () => {
    const pems = await generate([{ name: 'commonName', value: '127.0.0.1' }], {
      keyType: 'rsa',
      keySize: 2048,
      algorithm: 'sha256',
      extensions: [{ name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] }],
    });
    const requests: string[] = [];
    const handshakeErrors: string[] = [];
    const server = https.createServer(
      { key: pems.private, cert: pems.cert, minVersion: 'TLSv1', maxVersion: 'TLSv1.1', ciphers: 'DEFAULT@SECLEVEL=0' },
      (req, res) => {
        requests.push(`${req.method} ${req.url} ${req.headers.authorization ? 'with credentials' : ''}`);
        res.writeHead(500).end();
      },
    );
    server.on('tlsClientError', (error: NodeJS.ErrnoException) => handshakeErrors.push(`${error.code} ${error.message}`));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      // What --tls-min-v1.0, --tls-cipher-list and the env variable would do to a client
      // that relied on the process defaults.
      tls.DEFAULT_MIN_VERSION = 'TLSv1';
      tls.DEFAULT_CIPHERS = 'DEFAULT@SECLEVEL=0';
      process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';
      const { port } = server.address() as AddressInfo;
      const error = await apiFailure(clientFor(`https://127.0.0.1:${port}/api/v1`).findPurchases({ pageSize: 1 }));
      expect(error.kind).toBe('network');
      expect(requests).toEqual([]);
      expect(handshakeErrors.join('\n')).toMatch(/UNSUPPORTED_PROTOCOL|unsupported protocol/i);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('request URLs stay under the base URL', () => {
  it.each(['?', '#', '?#'])('a stored base URL ending in a bare %s is refused before anything is sent (it used to move the PATCH)', async (tail) => {
    const words = await rejectionWords(clientFor(`${sim.baseUrl}${tail}`).updateUser(SEED_EXAMPLE_USER_ID, { name: 'Moved Elsewhere' }));
    expect(words).toMatch(/base URL cannot be used.*so nothing was sent\. Correct the base URL in Connections\./);
    expect(sim.requests).toEqual([]);
  });

  it('builds the path under the base, with or without its trailing slash', () => {
    expect(requestUrl('https://api.conscent.in/api/v1', '/client/update-user').href).toBe('https://api.conscent.in/api/v1/client/update-user');
    expect(requestUrl('https://api.conscent.in/api/v1/', '/client/update-user').href).toBe('https://api.conscent.in/api/v1/client/update-user');
    expect(requestUrl('http://127.0.0.1:4010', '/user/x').href).toBe('http://127.0.0.1:4010/user/x');
  });

  it.each(['../client/update-user', '%2e%2e/admin', 'https://evil.example/x', '/client/update-user?userId=x', 'a#b'])(
    'refuses an endpoint path that would leave the base or carry its own query: %s',
    (path) => {
      expect(() => requestUrl('https://api.conscent.in/api/v1', path)).toThrow(ConfigError);
      expect(() => requestUrl('https://api.conscent.in/api/v1', path)).toThrow(expect.objectContaining({ reason: 'unusable-base-url' }));
    },
  );
});

describe("ConsCent's success message", () => {
  async function updateAnswering(message: unknown): Promise<string> {
    const server = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ message, userData: { userId: SEED_EXAMPLE_USER_ID } }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      return (await clientFor(`http://127.0.0.1:${port}/api/v1`).updateUser(SEED_EXAMPLE_USER_ID, { name: 'A B' })).message;
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  }

  it('is stripped of control and direction characters, has the secret blanked and is cut to its cap', async () => {
    const shown = await updateAnswering(`Saved\u001b[2J\r\nfor \u202eyou ${credentials.apiSecret} ${'x'.repeat(5_000)}`);
    expect(shown).toMatch(/^Saved \[2J for you \[redacted\] x+$/);
    expect(shown.length).toBeLessThanOrEqual(MAX_API_MESSAGE_CHARS);
    expect(shown).not.toContain(credentials.apiSecret);
  });

  it('an empty or blank message is said to be missing instead of showing nothing', async () => {
    expect(await updateAnswering('')).toBe(NO_SUCCESS_MESSAGE);
    expect(await updateAnswering('\u0000\u0007 \n')).toBe(NO_SUCCESS_MESSAGE);
  });
});

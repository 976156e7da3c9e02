import https from 'node:https';
import { wordsOf } from '../helpers/failure-words';
import axios from 'axios';
import { generate } from 'selfsigned';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../../main/conscent/api-error';
import { classifyTransportFailure } from '../../main/conscent/classify-failure';
import { createConsCentClient } from '../../main/conscent/conscent-client';
import { DEMO_CLIENT, startSimulator, type RunningSimulator } from '../../simulator';
import { parseCliArgs } from '../../simulator/cli-args';

// The simulator's HTTPS mode, and the console's client refusing certificates it cannot
// verify. Every error classified here is the real one Node raises for that situation,
// so the codes classify-failure.ts relies on are checked against what Node really gives.

const connectionTo = (baseUrl: string) => ({ baseUrl, clientId: DEMO_CLIENT.clientId, credentials: DEMO_CLIENT });

/** What axios (as the console's client uses it) throws for a request with this agent. */
async function axiosFailure(url: string, agent?: https.Agent): Promise<unknown> {
  try {
    await axios.get(url, { httpsAgent: agent, timeout: 5_000 });
  } catch (error) {
    return error;
  }
  throw new Error(`${url} answered; a failure was expected`);
}

function codeOf(error: unknown): string | undefined {
  return axios.isAxiosError(error) ? error.code : undefined;
}

/** Trusts exactly `ca`, like a machine whose IT installed that authority. */
const trusting = (ca: string) => new https.Agent({ ca, keepAlive: false });

let tlsSim: RunningSimulator;
let plainSim: RunningSimulator;
beforeAll(async () => {
  [tlsSim, plainSim] = await Promise.all([startSimulator({ userCount: 3, tls: true }), startSimulator({ userCount: 3 })]);
});
afterAll(async () => {
  await Promise.all([tlsSim?.stop(), plainSim?.stop()]);
});

describe('the simulator over HTTPS', () => {
  it('listens on https:// with a certificate for its own address', async () => {
    expect(tlsSim.baseUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/api\/v1$/);
    expect(tlsSim.certificate).toMatch(/^-----BEGIN CERTIFICATE-----/);
    expect(plainSim.certificate).toBeUndefined();
    // A client that trusts this certificate gets a real answer: the server itself works,
    // so a refusal below is about trust, not a broken server.
    const response = await axios.get(`${tlsSim.baseUrl}/client/purchases/subscriptions?pageSize=1`, {
      httpsAgent: trusting(tlsSim.certificate!),
      auth: { username: DEMO_CLIENT.apiKey, password: DEMO_CLIENT.apiSecret },
    });
    expect(response.status).toBe(200);
  });

  it('has a --tls command-line flag', () => {
    const parsed = parseCliArgs(['--tls', '--port', '0']);
    expect(parsed).toMatchObject({ kind: 'run', options: { tls: true, port: 0 } });
    expect(parseCliArgs(['--port', '0'])).toMatchObject({ kind: 'run', options: { tls: undefined } });
  });

  it('serves an HTML page with the status asked for (html:200 is a sign-in page)', async () => {
    plainSim.addFault({ fault: { kind: 'html', status: 200 }, times: 1 });
    const response = await fetch(`${plainSim.baseUrl}/user/user-and-subscription-details`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await response.text()).toMatch(/Sign in to the network/);
    expect(parseCliArgs(['--fault', '*=html:200'])).toMatchObject({ options: { faults: [{ fault: { kind: 'html', status: 200 } }] } });
    expect(parseCliArgs(['--fault', '*=html:201'])).toMatchObject({ kind: 'error' });
  });
});

describe("the console's client refuses what it cannot verify", () => {
  it('a self-signed certificate: network error about the certificate, and nothing reaches the server', async () => {
    tlsSim.clearRequests();
    const client = createConsCentClient(connectionTo(tlsSim.baseUrl), { timeoutMs: 5_000 });
    const error = await client.findPurchases({ pageSize: 1 }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).kind).toBe('network');
    expect(wordsOf(error as ApiError)).toMatch(/certificate could not be verified \(it presented a self-signed certificate/);
    expect(wordsOf(error as ApiError)).toMatch(/so nothing was sent/);
    // The handshake failed first: no request, so no Basic auth header, ever left.
    expect(tlsSim.requests).toHaveLength(0);
  });

  it('Node names it DEPTH_ZERO_SELF_SIGNED_CERT', async () => {
    const error = await axiosFailure(`${tlsSim.baseUrl}/client/purchases/subscriptions`);
    expect(codeOf(error)).toBe('DEPTH_ZERO_SELF_SIGNED_CERT');
  });

  it('a certificate for another name (trusted, but not for 127.0.0.1): ERR_TLS_CERT_ALTNAME_INVALID', async () => {
    const pems = await generate([{ name: 'commonName', value: 'api.example.test' }], {
      keyType: 'ec',
      algorithm: 'sha256',
      extensions: [{ name: 'subjectAltName', altNames: [{ type: 2, value: 'api.example.test' }] }],
    });
    const sim = await startSimulator({ userCount: 1, tls: { key: pems.private, cert: pems.cert } });
    try {
      const error = await axiosFailure(`${sim.baseUrl}/client/purchases/subscriptions`, trusting(pems.cert));
      expect(codeOf(error)).toBe('ERR_TLS_CERT_ALTNAME_INVALID');
      const classified = classifyTransportFailure(error, '127.0.0.1', 5_000);
      expect(classified.kind).toBe('network');
      expect(wordsOf(classified)).toMatch(/belongs to a different server name/);
    } finally {
      await sim.stop();
    }
  });

  it('an expired certificate: CERT_HAS_EXPIRED, and the agent is told to check the date too', async () => {
    const day = 86_400_000;
    const pems = await generate([{ name: 'commonName', value: '127.0.0.1' }], {
      keyType: 'ec',
      algorithm: 'sha256',
      notBeforeDate: new Date(Date.now() - 30 * day),
      notAfterDate: new Date(Date.now() - day),
      extensions: [{ name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] }],
    });
    const sim = await startSimulator({ userCount: 1, tls: { key: pems.private, cert: pems.cert } });
    try {
      const error = await axiosFailure(`${sim.baseUrl}/client/purchases/subscriptions`, trusting(pems.cert));
      expect(codeOf(error)).toBe('CERT_HAS_EXPIRED');
      expect(wordsOf(classifyTransportFailure(error, '127.0.0.1', 5_000))).toMatch(/has expired \(or this computer's date is wrong\)/);
    } finally {
      await sim.stop();
    }
  });

  it('a certificate from an unknown authority: UNABLE_TO_VERIFY_LEAF_SIGNATURE, or SELF_SIGNED_CERT_IN_CHAIN when the chain is sent', async () => {
    const ca = await generate([{ name: 'commonName', value: 'Office proxy CA' }], {
      keyType: 'ec',
      algorithm: 'sha256',
      extensions: [
        { name: 'basicConstraints', cA: true },
        { name: 'keyUsage', keyCertSign: true, cRLSign: true },
      ],
    });
    const leaf = await generate([{ name: 'commonName', value: '127.0.0.1' }], {
      keyType: 'ec',
      algorithm: 'sha256',
      ca: { key: ca.private, cert: ca.cert },
      extensions: [{ name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] }],
    });
    for (const [cert, code, cause] of [
      [leaf.cert, 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', /issued by an authority this computer does not know/],
      [`${leaf.cert.trim()}\n${ca.cert}`, 'SELF_SIGNED_CERT_IN_CHAIN', /chain ends in an authority this computer does not trust/],
    ] as const) {
      const sim = await startSimulator({ userCount: 1, tls: { key: leaf.private, cert } });
      try {
        const error = await axiosFailure(`${sim.baseUrl}/client/purchases/subscriptions`);
        expect(codeOf(error)).toBe(code);
        expect(wordsOf(classifyTransportFailure(error, '127.0.0.1', 5_000))).toMatch(cause);
      } finally {
        await sim.stop();
      }
    }
  });

  it('https:// to a plain-HTTP port: EPROTO "wrong version number", told as "not HTTPS", not as a certificate problem', async () => {
    const url = plainSim.baseUrl.replace(/^http:/, 'https:');
    const error = await axiosFailure(`${url}/client/purchases/subscriptions`);
    expect(codeOf(error)).toBe('EPROTO');
    const classified = classifyTransportFailure(error, new URL(url).host, 5_000);
    expect(classified.kind).toBe('network');
    expect(wordsOf(classified)).toMatch(/did not answer with HTTPS on that port/);
    expect(wordsOf(classified)).not.toMatch(/certificate/);
  });

  it('http:// to the HTTPS port: the server hangs up, told as a dropped connection', async () => {
    const url = tlsSim.baseUrl.replace(/^https:/, 'http:');
    const client = createConsCentClient(connectionTo(url), { timeoutMs: 5_000 });
    const error = (await client.findPurchases({ pageSize: 1 }).catch((e: unknown) => e)) as ApiError;
    expect(error.kind).toBe('network');
    expect(wordsOf(error)).toMatch(/dropped before ConsCent answered/);
  });
});

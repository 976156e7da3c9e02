import { lookup } from 'node:dns/promises';
import { hostname } from 'node:os';
import { generate } from 'selfsigned';
import { isLoopbackHost } from '../../common/environments';

// A TLS-inspection setup for tests (issue 13): a company root CA, and a server certificate
// it signed, as a proxy that inspects TLS would present. The CA is trusted only where a
// test puts it (the injected "system" list, or a connection's extra certificate).

export const INSPECTING_CA_NAME = 'Example Corp Inspection Root';

export interface InspectingCa {
  caCert: string;
  /** Key and certificate for a server named `host` (and 127.0.0.1), signed by the CA. */
  server: { key: string; cert: string };
}

export async function makeInspectingCa(host: string, name = INSPECTING_CA_NAME): Promise<InspectingCa> {
  const ca = await generate(
    [
      { name: 'commonName', value: name },
      { name: 'organizationName', value: 'Example Corp' },
    ],
    {
      keyType: 'ec',
      algorithm: 'sha256',
      extensions: [
        { name: 'basicConstraints', cA: true, critical: true },
        { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
      ],
    },
  );
  const leaf = await generate([{ name: 'commonName', value: host }], {
    keyType: 'ec',
    algorithm: 'sha256',
    ca: { key: ca.private, cert: ca.cert },
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: host },
          { type: 7, ip: '127.0.0.1' },
        ],
      },
    ],
  });
  return { caCert: ca.cert, server: { key: leaf.private, cert: leaf.cert } };
}

/**
 * A name for this computer that is not a loopback name to the console (so its requests may
 * go through a proxy) but resolves to loopback only (so every test byte stays on this
 * machine): the machine's own host name, as /etc/hosts maps it. Fails loudly otherwise.
 */
export async function loopbackAlias(): Promise<string> {
  const name = hostname().toLowerCase();
  const addresses = await lookup(name, { all: true }).catch(() => []);
  if (isLoopbackHost(name) || addresses.length === 0 || !addresses.every((a) => a.address.startsWith('127.') || a.address === '::1')) {
    throw new Error(
      `The proxy tests need this computer's host name (${name}) to resolve to 127.0.0.1 only (see /etc/hosts); it resolves to ${addresses.map((a) => a.address).join(', ') || 'nothing'}.`,
    );
  }
  return name;
}

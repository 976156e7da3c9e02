import { isIP } from 'node:net';

// The simulator's HTTPS certificate. A fresh self-signed one by default: no client that
// trusts only the usual authorities accepts it, which is exactly what a test of "the
// console refuses a certificate it cannot verify" needs. It names the host it is made
// for (and localhost), so a client that does trust it sees no name mismatch.

export interface TlsMaterial {
  key: string;
  cert: string;
}

export async function selfSignedFor(host: string): Promise<TlsMaterial> {
  // Loaded only when HTTPS is asked for: plain-HTTP runs never pay for it.
  const { generate } = await import('selfsigned');
  const bare = host.replace(/^\[|\]$/g, '');
  const altNames = [
    { type: 2 as const, value: 'localhost' },
    ...(isIP(bare) ? [{ type: 7 as const, ip: bare }] : bare !== 'localhost' ? [{ type: 2 as const, value: bare }] : []),
  ];
  const pems = await generate([{ name: 'commonName', value: 'ConsCent simulator (self-signed)' }], {
    // EC keys are made in milliseconds; RSA-2048 would add a noticeable pause per start.
    keyType: 'ec',
    algorithm: 'sha256',
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames },
    ],
  });
  return { key: pems.private, cert: pems.cert };
}

export async function tlsMaterial(tls: true | TlsMaterial, host: string): Promise<TlsMaterial> {
  return tls === true ? selfSignedFor(host) : tls;
}

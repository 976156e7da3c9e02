import { X509Certificate } from 'node:crypto';
import type { PeerCertificate } from 'node:tls';
import { CERTIFICATE_UNREADABLE, type CertificateInfo } from '../../common/network-settings';
import { InputError } from '../errors/input-error';

// Names of certificates as an agent or IT reads them: the common name, else the
// organisation. Used for the extra trusted certificate of a connection (checked and
// described here, in main, where crypto can parse it) and for the issuer Test connection
// reports and a refused certificate is blamed on.

/** "CN=Corp Root CA\nO=Corp" (X509Certificate's form) → "Corp Root CA". */
export function nameOfDistinguishedName(dn: string): string {
  const parts = new Map<string, string>();
  for (const line of dn.split('\n')) {
    const at = line.indexOf('=');
    if (at > 0) parts.set(line.slice(0, at).trim(), line.slice(at + 1).trim());
  }
  return parts.get('CN') ?? parts.get('O') ?? parts.get('OU') ?? dn.replace(/\n/g, ', ');
}

/** The issuer of a peer certificate as tls gives it (an object of fields). */
export function issuerOfPeer(cert: PeerCertificate | undefined | null): string | undefined {
  const issuer = cert?.issuer as Partial<Record<string, string | string[]>> | undefined;
  if (!issuer) return undefined;
  const pick = (key: string) => {
    const value = issuer[key];
    return Array.isArray(value) ? value[0] : value;
  };
  return pick('CN') ?? pick('O') ?? pick('OU');
}

/**
 * Parses the PEM a connection's "extra trusted certificate" holds; an invalid one is a
 * field error on the form (the agent pasted something else), never a silent skip.
 */
export function describeCertificate(pem: string): CertificateInfo {
  const cert = parseCertificate(pem);
  return {
    subject: nameOfDistinguishedName(cert.subject),
    issuer: nameOfDistinguishedName(cert.issuer),
    validTo: new Date(cert.validTo).toISOString(),
  };
}

function parseCertificate(pem: string): X509Certificate {
  try {
    return new X509Certificate(pem);
  } catch {
    throw new InputError({ fields: { 'connection.extraCertificate': CERTIFICATE_UNREADABLE } });
  }
}

/**
 * Refuses an extra certificate that is not a certificate authority's (basicConstraints
 * CA:true). The console adds it to the authorities it trusts, so it must be the company
 * root that signs an inspecting proxy's certificates: a server's own certificate pasted
 * there would be trusted for whatever names it carries, and is almost always a mistake.
 */
export function checkCaCertificate(pem: string): void {
  if (!parseCertificate(pem).ca) throw new InputError({ reason: 'certificate-not-ca' });
}

/**
 * The SHA-256 fingerprint ("AB:CD:…") stored credentials are bound to. A certificate that
 * cannot be read (only a hand-edited settings file has one) gets a value no saved binding
 * can have, so it never matches.
 */
export function certificateFingerprint(pem: string): string {
  try {
    return new X509Certificate(pem).fingerprint256;
  } catch {
    return 'unreadable';
  }
}

/** The same, for showing a stored certificate: undefined rather than an error when it cannot be read. */
export function certificateInfoOrNone(pem: string | undefined): CertificateInfo | undefined {
  if (!pem) return undefined;
  try {
    return describeCertificate(pem);
  } catch {
    return undefined;
  }
}

import type { ConnectionFields } from '../../common/connections-contract';
import type { TRUST_PATH_PARTS } from '../../common/result';
import { certificateFingerprint } from '../network/certificate-info';
import type { TrustPath } from './credential-input';

// The origin alone does not say who can read what is sent there: an extra trusted
// certificate and a proxy chosen together let a TLS-terminating proxy present a
// certificate for ConsCent's own host and read the Authorization header (issue 18). So
// stored credentials are bound to the trust path too, and these helpers say what that is
// for a connection and what differs between two of them.

export type TrustPathPart = (typeof TRUST_PATH_PARTS)[number];

/** The trust path a connection's requests take: its extra certificate's fingerprint and its proxy setting. */
export function trustPathOf(connection: Pick<ConnectionFields, 'proxy' | 'extraCertificate'>): TrustPath {
  return {
    certificate: connection.extraCertificate ? certificateFingerprint(connection.extraCertificate) : null,
    // Absent means System, as everywhere else (common/network-settings.ts).
    proxy: connection.proxy ?? { mode: 'system' },
  };
}

function proxyKey(path: TrustPath): string {
  return path.proxy.mode === 'manual' ? `manual ${path.proxy.url}` : path.proxy.mode;
}

/** Which parts differ; empty when `target` is the trust path `bound` allows. */
export function trustChanges(bound: TrustPath, target: TrustPath): TrustPathPart[] {
  const changed: TrustPathPart[] = [];
  if (bound.certificate !== target.certificate) changed.push('certificate');
  if (proxyKey(bound) !== proxyKey(target)) changed.push('proxy');
  return changed;
}

/**
 * What an entry saved before trust paths were recorded may be used with: no extra
 * certificate and no manual proxy, i.e. only the authorities and the proxy the operating
 * system (IT) chose, which neither the page nor the settings file can change.
 */
export function isDefaultTrustPath(path: TrustPath): boolean {
  return path.certificate === null && path.proxy.mode !== 'manual';
}

/** The parts of `target` that keep an older entry from being used (see isDefaultTrustPath). */
export function nonDefaultParts(target: TrustPath): TrustPathPart[] {
  const parts: TrustPathPart[] = [];
  if (target.certificate !== null) parts.push('certificate');
  if (target.proxy.mode === 'manual') parts.push('proxy');
  return parts;
}

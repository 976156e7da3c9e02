import type { ConnectionFields } from '../../common/connections-contract';
import type { ProxyCredentials, RouteReport } from '../../common/network-settings';
import type { ConnectionNetwork } from '../conscent/transport';
import type { ProxyCredentialStore } from '../credentials/proxy-credential-store';
import { certificateInfoOrNone, checkCaCertificate } from '../network/certificate-info';
import { proxyKeyOf } from '../network/proxy-route';

// A connection's network choices (issue 13) as the connection use-cases need them: the
// client's view of them, the extra certificate checked before it is saved or tried, what
// the renderer is shown of it, and the proxy credentials kept once a test passed.

/** What the client needs of a connection's settings (and of proxy credentials just typed). */
export function networkOf(connection: Pick<ConnectionFields, 'proxy' | 'extraCertificate'>, proxyCredentials?: ProxyCredentials): ConnectionNetwork {
  return {
    ...(connection.proxy ? { proxy: connection.proxy } : {}),
    ...(connection.extraCertificate ? { extraCertificate: connection.extraCertificate } : {}),
    ...(proxyCredentials ? { proxyCredentials } : {}),
  };
}

/** Refuses, as a field error on the form, an extra certificate that crypto cannot read or that is not a CA's. */
export function checkExtraCertificate(connection: Pick<ConnectionFields, 'extraCertificate'>): void {
  if (connection.extraCertificate) checkCaCertificate(connection.extraCertificate);
}

/** The summary's description of the extra certificate (subject, issuer, expiry). */
export function certificateSummary(connection: Pick<ConnectionFields, 'extraCertificate'>) {
  const info = certificateInfoOrNone(connection.extraCertificate);
  return info ? { extraCertificateInfo: info } : {};
}

/**
 * After a test passed through a proxy with credentials the agent typed, they are kept
 * for that proxy: asked for once. Typed credentials for a test that went direct are not
 * kept (no proxy asked for them).
 */
export async function keepProxyCredentials(
  store: ProxyCredentialStore | undefined,
  route: RouteReport | undefined,
  typed: ProxyCredentials | undefined,
): Promise<void> {
  if (!store || !typed || route?.kind !== 'proxy') return;
  await store.set(proxyKeyOf(route), typed);
}

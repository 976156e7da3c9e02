import { rootCertificates } from 'node:tls';
import type { NetworkEnvironment } from './network-environment';

// The authorities a ConsCent server's certificate may chain to: Node's bundled roots
// (what it trusts by default), the operating system's store (where IT installs a TLS-
// inspecting proxy's root), and a connection's own extra certificate. Passing `ca`
// replaces Node's default list, so the bundled roots are listed explicitly.

let systemCache: { source: NetworkEnvironment['systemCertificates']; list: readonly string[] } | undefined;

/** Reading the OS store costs tens of milliseconds: once per process (per source, for tests). */
function systemList(network: NetworkEnvironment): readonly string[] {
  if (systemCache?.source !== network.systemCertificates) {
    systemCache = { source: network.systemCertificates, list: network.systemCertificates() };
  }
  return systemCache.list;
}

export function trustedCertificates(network: NetworkEnvironment, extraPem?: string): string[] {
  const all = new Set<string>([...rootCertificates, ...systemList(network)]);
  if (extraPem) all.add(extraPem);
  return [...all];
}

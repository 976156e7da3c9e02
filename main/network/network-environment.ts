import tls from 'node:tls';
import type { ProxyCredentials } from '../../common/network-settings';

// What the console learns from the operating system about the network, passed in as
// functions: Electron's session.resolveProxy (PAC scripts and WPAD included) and the OS
// certificate store. main/start-app.ts hands over the real ones; tests hand over their
// own, so every other part of the HTTP client runs, and is tested, in plain Node.

export interface NetworkEnvironment {
  /**
   * The system's proxy for a URL, in PAC result form ("DIRECT", "PROXY host:port; DIRECT").
   * Absent: no system proxy is known (plain Node), so "System" means direct.
   */
  resolveProxy?: (url: string) => Promise<string>;
  /** The operating system's trusted root certificates (PEM), added to Node's bundled ones. */
  systemCertificates: () => readonly string[];
  /** Proxy user names and passwords the agent entered, by proxy (host:port): the keychain's, in the app. */
  proxyCredentials?: { get(proxy: string): Promise<ProxyCredentials | null> };
}

type GetCACertificates = (type: 'system' | 'bundled' | 'default' | 'extra') => string[];

/**
 * The OS certificate store through Node's own reader (tls.getCACertificates('system'),
 * Node 22.15+/23.5+, so in Electron 45's Node). Feature-detected: on a Node without it (the
 * Node 20 the tests run on) the list is empty, and a test injects its own "system" list.
 */
export function osCertificates(): readonly string[] {
  const get = (tls as unknown as { getCACertificates?: GetCACertificates }).getCACertificates;
  if (typeof get !== 'function') return [];
  try {
    return get('system');
  } catch {
    // A store that cannot be read leaves Node's bundled roots, and says so in words when a
    // certificate then cannot be verified (the issuer is named, with what to do).
    return [];
  }
}

/** Plain Node: no system proxy, the OS store when this Node can read it. */
export const NODE_NETWORK: NetworkEnvironment = { systemCertificates: osCertificates };

import { isLoopbackHost } from '../../common/environments';
import type { ProxySetting, RouteReport } from '../../common/network-settings';
import { ApiError } from '../conscent/api-error';
import type { NetworkEnvironment } from './network-environment';

// Which way one request to ConsCent goes: straight to its host, or through an HTTP(S)
// proxy by CONNECT (so TLS stays end to end and the proxy never sees the credentials).

export type Route = { kind: 'direct' } | { kind: 'proxy'; url: URL; label: string; scheme: 'http' | 'https' };

const DIRECT: Route = { kind: 'direct' };

function proxyRoute(url: URL): Route {
  return { kind: 'proxy', url, label: url.host, scheme: url.protocol === 'https:' ? 'https' : 'http' };
}

/**
 * What proxy credentials are kept under: scheme and host:port (issue 18.5). Ones typed for
 * an https:// proxy must never go in clear to an http:// proxy on the same host and port.
 */
export const proxyKeyOf = (route: { scheme: 'http' | 'https'; label: string } | { scheme: 'http' | 'https'; proxy: string }): string =>
  `${route.scheme}://${'label' in route ? route.label : route.proxy}`;

/**
 * The first entry of a PAC answer this client can use (Chromium's syntax: "PROXY h:p;
 * HTTPS h:p; DIRECT"). Only the first usable entry is taken: fail-over to the next one is
 * Chromium's, not ours, and a second proxy that answers differently would hide the first
 * one's trouble. SOCKS entries are skipped; only SOCKS is an error that says so.
 */
export function parsePacResult(pac: string, host: string): Route {
  const entries = pac
    .split(';')
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (entries.length === 0) return DIRECT;
  for (const entry of entries) {
    const [type = '', address = ''] = entry.split(/\s+/, 2);
    const kind = type.toUpperCase();
    if (kind === 'DIRECT') return DIRECT;
    if ((kind === 'PROXY' || kind === 'HTTP' || kind === 'HTTPS') && address) {
      try {
        return proxyRoute(new URL(`${kind === 'HTTPS' ? 'https' : 'http'}://${address}`));
      } catch {
        continue;
      }
    }
  }
  throw new ApiError({ kind: 'network', reason: 'proxy-unsupported', host, proxy: entries[0] ?? '' });
}

/**
 * The route for a request to `url` under the connection's proxy setting. A loopback host
 * (the simulator, a local stand-in) never goes through a proxy: that would hand the proxy
 * the request, in clear for http. Neither do environment variables decide any more:
 * "System" asks the OS (Electron's resolveProxy reads PAC, WPAD and the desktop's or the
 * environment's settings as Chromium does).
 */
export async function routeFor(url: URL, setting: ProxySetting | undefined, network: NetworkEnvironment): Promise<Route> {
  if (isLoopbackHost(url.hostname)) return DIRECT;
  const mode = setting ?? { mode: 'system' as const };
  if (mode.mode === 'none') return DIRECT;
  if (mode.mode === 'manual') return proxyRoute(new URL(mode.url));
  if (!network.resolveProxy) return DIRECT;
  let pac: string;
  try {
    pac = await network.resolveProxy(url.href);
  } catch {
    // The system could not say (a PAC script that fails to load): Chromium goes direct too.
    return DIRECT;
  }
  return parsePacResult(pac, url.host);
}

export function reportOf(route: Route): RouteReport {
  return route.kind === 'direct' ? { kind: 'direct' } : { kind: 'proxy', proxy: route.label, scheme: route.scheme };
}

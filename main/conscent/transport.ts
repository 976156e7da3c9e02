import https from 'node:https';
import type { AxiosProxyConfig } from 'axios';
import { isLoopbackHost } from '../../common/environments';
import { ConfigError } from '../errors/config-error';

// How the client reaches ConsCent: which proxy, which TLS rules, which exact URL. Kept
// apart from the client so each rule is one small function with its own test.

/**
 * The proxy for a request to `url`, as axios' `proxy` option: `false` for none,
 * `undefined` to let axios apply HTTP(S)_PROXY / NO_PROXY from the environment (it
 * tunnels https through CONNECT, so TLS stays end to end). A loopback server (the
 * simulator, a local stand-in) is on this computer: sending its request to a proxy
 * would hand the proxy the Basic credentials, in clear for http. This is the one place
 * that decides; system-proxy support is meant to plug in here.
 */
export function proxyFor(url: URL): AxiosProxyConfig | false | undefined {
  return isLoopbackHost(url.hostname) ? false : undefined;
}

/**
 * Certificate checks stated here rather than inherited from the process, so that
 * NODE_TLS_REJECT_UNAUTHORIZED=0 or a lowered default TLS version (a flag, a stray env
 * variable) cannot turn them off for ConsCent's credentials.
 */
export function createHttpsAgent(): https.Agent {
  return new https.Agent({ rejectUnauthorized: true, minVersion: 'TLSv1.2', keepAlive: true });
}

/**
 * The absolute URL for an endpoint path under the connection's base URL. Built with the
 * URL parser, then checked to be under the base (same origin, base path as a prefix):
 * a base URL ending in a bare "?" or "#" (accepted before such URLs were refused) would
 * otherwise move the request to another path. Throws a ConfigError, never a raw error.
 */
export function requestUrl(baseUrl: string, path: string): URL {
  const wrongBase = new ConfigError({ kind: 'not-configured', reason: 'unusable-base-url' });
  let base: URL;
  try {
    base = new URL(baseUrl);
  } catch {
    throw wrongBase;
  }
  const basePath = base.pathname.endsWith('/') ? base.pathname : `${base.pathname}/`;
  // Resolved against the raw base (with a slash added), so whatever the raw text does
  // to the resolution shows up in the check below instead of being smoothed over.
  let url: URL;
  try {
    url = new URL(path.replace(/^\/+/, ''), `${baseUrl.replace(/\/+$/, '')}/`);
  } catch {
    throw wrongBase;
  }
  const under = url.origin === base.origin && url.pathname.startsWith(basePath) && url.pathname.length > basePath.length;
  if (!under || url.search || url.hash || url.username || url.password) throw wrongBase;
  return url;
}

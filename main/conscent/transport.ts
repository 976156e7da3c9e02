import type http from 'node:http';
import https from 'node:https';
import type { ConnectionOptions } from 'node:tls';
import type { ProxyCredentials, ProxySetting, RouteReport } from '../../common/network-settings';
import { ConfigError } from '../errors/config-error';
import { issuerOfPeer } from '../network/certificate-info';
import type { NetworkEnvironment } from '../network/network-environment';
import { peekIssuer } from '../network/peek-issuer';
import { proxyKeyOf, reportOf, routeFor, type Route } from '../network/proxy-route';
import { trustedCertificates } from '../network/trusted-certificates';
import { TunnelAgent, basicProxyAuthorization } from '../network/tunnel-agent';
import type { ApiError } from './api-error';

// How the client reaches ConsCent: which route (direct, or which proxy), which TLS rules,
// which exact URL. Kept apart from the client so each rule is one small function with its
// own test. Axios' own proxy handling is off: the route decided here is the only one.

/** A connection's network choices (settings) and the proxy credentials it may use (keychain). */
export interface ConnectionNetwork {
  proxy?: ProxySetting | undefined;
  /** Extra trusted certificate (PEM), beside Node's and the OS's roots. */
  extraCertificate?: string | undefined;
  /**
   * Proxy user name and password just typed (Test connection after a 407): sent to
   * whichever proxy the route uses. Otherwise the ones stored for that proxy are sent.
   */
  proxyCredentials?: ProxyCredentials | undefined;
}

/** What one successful exchange went through: shown by Test connection. */
export interface ExchangeFacts {
  route: RouteReport;
  /** Who issued the server's certificate (https only). */
  tlsIssuer?: string;
}

/**
 * Certificate checks stated here rather than inherited from the process, so that
 * NODE_TLS_REJECT_UNAUTHORIZED=0 or a lowered default TLS version (a flag, a stray env
 * variable) cannot turn them off for ConsCent's credentials. `ca` is the whole trusted
 * list: Node's roots, the OS store's, the connection's extra certificate.
 */
export function tlsRules(network: NetworkEnvironment, extraCertificate?: string): ConnectionOptions {
  return { ca: trustedCertificates(network, extraCertificate), rejectUnauthorized: true, minVersion: 'TLSv1.2' };
}

type Agents = { httpsAgent?: http.Agent; httpAgent?: http.Agent };

// Agents are kept per network environment and per route/trust/credentials, so clients
// made per operation still reuse open connections (keep-alive), as one shared agent did.
const AGENTS = new WeakMap<NetworkEnvironment, Map<string, http.Agent>>();
const MAX_AGENTS = 16;

function agentFor(network: NetworkEnvironment, key: string, make: () => http.Agent): http.Agent {
  let agents = AGENTS.get(network);
  if (!agents) AGENTS.set(network, (agents = new Map()));
  const found = agents.get(key);
  if (found) return found;
  if (agents.size >= MAX_AGENTS) {
    const [oldestKey, oldest] = agents.entries().next().value as [string, http.Agent];
    agents.delete(oldestKey);
    oldest.destroy();
  }
  const made = make();
  agents.set(key, made);
  return made;
}

export interface Transport {
  /** The route for a request to `url` and the agents that take it there. */
  prepare(url: URL): Promise<{ route: Route; agents: Agents }>;
  /** What the exchange went through, read from the response's socket. */
  factsOf(route: Route, socket: unknown): ExchangeFacts;
  /** A failure with the facts only a second look can add (who issued a refused certificate). */
  explain(failure: ApiError, url: URL, route: Route): Promise<ApiError>;
}

export function createTransport(network: NetworkEnvironment, choices: ConnectionNetwork = {}): Transport {
  const tls = () => tlsRules(network, choices.extraCertificate);
  /** Proxy credentials go only to the proxy they were entered for (stored by its scheme and host:port). */
  const authorizationFor = async (route: Route): Promise<string | undefined> => {
    if (route.kind !== 'proxy') return undefined;
    const creds = choices.proxyCredentials ?? (await network.proxyCredentials?.get(proxyKeyOf(route))) ?? undefined;
    return creds ? basicProxyAuthorization(creds.username, creds.password) : undefined;
  };
  return {
    async prepare(url) {
      const route = await routeFor(url, choices.proxy, network);
      const extra = choices.extraCertificate ?? '';
      if (route.kind === 'direct') {
        if (url.protocol !== 'https:') return { route, agents: {} };
        const httpsAgent = agentFor(network, `direct\n${extra}`, () => new https.Agent({ ...tls(), keepAlive: true }));
        return { route, agents: { httpsAgent } };
      }
      const proxyAuthorization = await authorizationFor(route);
      const agent = agentFor(
        network,
        `${route.url.href}\n${extra}\n${proxyAuthorization ?? ''}`,
        () => new TunnelAgent(route.url, { tls: tls(), ...(proxyAuthorization ? { proxyAuthorization } : {}) }),
      );
      return { route, agents: { httpsAgent: agent, httpAgent: agent } };
    },
    factsOf(route, socket) {
      const peer = (socket as { getPeerCertificate?: () => unknown } | null | undefined)?.getPeerCertificate?.();
      const tlsIssuer = issuerOfPeer(peer as Parameters<typeof issuerOfPeer>[0]);
      return { route: reportOf(route), ...(tlsIssuer ? { tlsIssuer } : {}) };
    },
    async explain(failure, url, route) {
      if (failure.kind !== 'network' || failure.facts.reason !== 'certificate') return failure;
      const issuer = await peekIssuer(url, route, await authorizationFor(route).catch(() => undefined));
      return issuer ? failure.with('network', { issuer }) : failure;
    },
  };
}

/**
 * The absolute URL for an endpoint path under the connection's base URL. Built with the
 * URL parser, then checked to be under the base (same origin, base path as a prefix):
 * a base URL ending in a bare "?" or "#" (accepted before such URLs were refused) would
 * otherwise move the request to another path. Throws a ConfigError, never a raw error.
 */
export function requestUrl(baseUrl: string, path: string): URL {
  const wrongBase = new ConfigError({ reason: 'unusable-base-url' });
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

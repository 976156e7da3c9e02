import type { ClientRequest } from 'node:http';
import type { Socket } from 'node:net';
import type { ConnectionOptions } from 'node:tls';
import { HttpsProxyAgent } from 'https-proxy-agent';

type AgentConnectOpts = Parameters<HttpsProxyAgent<string>['connect']>[1];

// https-proxy-agent opens the CONNECT tunnel; this subclass adds the two things the
// console needs of it. (1) The TLS options for ConsCent's own handshake: the library
// builds it from the request's options only, where NODE_TLS_REJECT_UNAUTHORIZED=0 or a
// missing `ca` would decide; here they are stated for every tunnel. (2) A proxy that says
// no to CONNECT becomes an error with the proxy's status, instead of the library's replay
// of the proxy's answer as if ConsCent had sent it (a 407 would read as ConsCent's).

/** The proxy leg of a request failed: nothing reached ConsCent. */
export class ProxyLegError extends Error {
  override readonly name = 'ProxyLegError';
  constructor(
    readonly code: 'ERR_PROXY_UNREACHABLE' | 'ERR_PROXY_AUTH_REQUIRED' | 'ERR_PROXY_AUTH_REJECTED' | 'ERR_PROXY_REFUSED',
    /** host:port of the proxy. */
    readonly proxy: string,
    readonly facts: { status?: number; socketCode?: string } = {},
  ) {
    super(`proxy ${proxy}: ${code}`);
  }
}

export interface TunnelOptions {
  /** TLS rules for the handshake with ConsCent (and with an https:// proxy). */
  tls: ConnectionOptions;
  /** "Basic …" for Proxy-Authorization, when the agent gave proxy credentials for this proxy. */
  proxyAuthorization?: string;
}

export class TunnelAgent extends HttpsProxyAgent<string> {
  private readonly label: string;
  private readonly tlsOptions: ConnectionOptions;
  private readonly sendsCredentials: boolean;

  constructor(proxy: URL, options: TunnelOptions) {
    super(proxy.href, {
      ...options.tls,
      keepAlive: true,
      headers: options.proxyAuthorization ? { 'Proxy-Authorization': options.proxyAuthorization } : {},
    });
    this.label = proxy.host;
    this.tlsOptions = options.tls;
    this.sendsCredentials = options.proxyAuthorization !== undefined;
  }

  override async connect(req: ClientRequest, opts: AgentConnectOpts): Promise<Socket> {
    let status: number | undefined;
    req.once('proxyConnect', (answer: { statusCode: number }) => (status = answer.statusCode));
    let socket: Socket;
    try {
      // Ours last, so neither the request nor the process environment can lower them.
      socket = await super.connect(req, { ...opts, ...this.tlsOptions } as AgentConnectOpts);
    } catch (error) {
      const socketCode = (error as { code?: unknown }).code;
      throw new ProxyLegError('ERR_PROXY_UNREACHABLE', this.label, typeof socketCode === 'string' ? { socketCode } : {});
    }
    if (status === undefined || status === 200) return socket;
    // The library's stand-in socket replays the proxy's answer; it is dropped unread.
    socket.destroy();
    // 407 is the standard answer; some proxies (tinyproxy) say 401 to credentials they refuse.
    if (status === 407 || status === 401)
      throw new ProxyLegError(this.sendsCredentials ? 'ERR_PROXY_AUTH_REJECTED' : 'ERR_PROXY_AUTH_REQUIRED', this.label, { status });
    throw new ProxyLegError('ERR_PROXY_REFUSED', this.label, { status });
  }
}

export function basicProxyAuthorization(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`;
}

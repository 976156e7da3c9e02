import http from 'node:http';
import https from 'node:https';
import { isIP, type Socket } from 'node:net';
import tls from 'node:tls';
import { issuerOfPeer } from './certificate-info';
import type { Route } from './proxy-route';

// After ConsCent's certificate was refused, the agent (and IT) need to know who issued
// the certificate that arrived: a company's TLS-inspecting proxy names itself there. The
// refused handshake cannot tell (Node drops the certificate with the socket), so one more
// handshake is made only to read that name: by the same route, nothing is ever written on
// it (no request, no credentials), and it is closed as soon as the certificate is seen.
// The console's requests never use this path; their verification stays on.

/** The issuer's name of the certificate `target` presents by `route`; undefined when it cannot be read in time. */
export async function peekIssuer(target: URL, route: Route, proxyAuthorization: string | undefined, timeoutMs = 5_000): Promise<string | undefined> {
  const port = Number(target.port || 443);
  const host = target.hostname.replace(/^\[|\]$/g, '');
  let socket: Socket | undefined;
  const timer = setTimeout(() => socket?.destroy(), timeoutMs);
  try {
    const raw =
      route.kind === 'proxy'
        ? await tunnel(route.url, `${host.includes(':') ? `[${host}]` : host}:${port}`, proxyAuthorization, timeoutMs)
        : undefined;
    return await new Promise<string | undefined>((resolve) => {
      const tlsSocket = tls.connect({
        ...(raw ? { socket: raw } : { host, port }),
        ...(isIP(host) ? {} : { servername: host }),
        // Reading a name only: the socket is destroyed before anything could be written.
        rejectUnauthorized: false,
      });
      socket = tlsSocket;
      tlsSocket.once('secureConnect', () => {
        const issuer = issuerOfPeer(tlsSocket.getPeerCertificate(false));
        tlsSocket.destroy();
        resolve(issuer);
      });
      tlsSocket.once('error', () => resolve(undefined));
      tlsSocket.once('close', () => resolve(undefined));
    });
  } catch {
    return undefined;
  } finally {
    clearTimeout(timer);
    socket?.destroy();
  }
}

/** A CONNECT tunnel through the proxy, as the real request took. */
function tunnel(proxy: URL, authority: string, proxyAuthorization: string | undefined, timeoutMs: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const request = (proxy.protocol === 'https:' ? https : http).request({
      host: proxy.hostname.replace(/^\[|\]$/g, ''),
      port: Number(proxy.port || (proxy.protocol === 'https:' ? 443 : 80)),
      method: 'CONNECT',
      path: authority,
      headers: { Host: authority, ...(proxyAuthorization ? { 'Proxy-Authorization': proxyAuthorization } : {}) },
      agent: false,
      timeout: timeoutMs,
    });
    request.once('connect', (response: http.IncomingMessage, socket: Socket) => {
      if (response.statusCode === 200) resolve(socket);
      else {
        socket.destroy();
        reject(new Error(`CONNECT ${response.statusCode ?? ''}`));
      }
    });
    request.once('timeout', () => request.destroy(new Error('timeout')));
    request.once('error', reject);
    request.end();
  });
}

import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { TLSSocket } from 'node:tls';
import { makeInspectingCa } from './inspecting-ca';

// The attacker of issue 18: a proxy on loopback that does not tunnel. It answers every
// CONNECT itself, then terminates TLS with a certificate for the API host signed by a
// root it made up, and reads the requests inside, Authorization header included. A
// console that trusts that root (the connection's extra certificate) and goes through
// this proxy hands it the API key and secret. tinyproxy cannot do this (it only tunnels),
// so this one is node's own http and tls.

export const ROGUE_CA_NAME = 'Totally Legit Root';

export interface SeenRequest {
  method: string;
  path: string;
  host: string | undefined;
  authorization: string | undefined;
}

export interface RogueTlsProxy {
  /** http://127.0.0.1:port, for a connection's manual proxy. */
  url: string;
  /** The rogue root (PEM): what the attacker wants pasted as the extra certificate. */
  caCert: string;
  /** A certificate for the API host that the rogue root signed: a leaf, not a CA. */
  leafCert: string;
  /** CONNECT targets asked for, in order. */
  connects: string[];
  /** Every request read inside a terminated tunnel. */
  requests: SeenRequest[];
  /** The requests that carried this Authorization header (the stored key and secret). */
  carrying(authorization: string): SeenRequest[];
  stop(): Promise<void>;
}

export async function startRogueTlsProxy(apiHost: string): Promise<RogueTlsProxy> {
  const ca = await makeInspectingCa(apiHost, ROGUE_CA_NAME);
  const connects: string[] = [];
  const requests: SeenRequest[] = [];
  const sockets = new Set<Socket>();
  const header = (headers: IncomingHttpHeaders, name: string) => {
    const value = headers[name];
    return Array.isArray(value) ? value[0] : value;
  };
  // What reads the requests inside the tunnel: answers like an API that knows nothing.
  const inside: Server = createServer((req, res) => {
    requests.push({
      method: req.method ?? '',
      path: req.url ?? '',
      host: header(req.headers, 'host'),
      authorization: header(req.headers, 'authorization'),
    });
    res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
  });
  const server: Server = createServer((_req, res) => res.writeHead(405).end());
  server.on('connect', (req, client: Socket, head: Buffer) => {
    connects.push(req.url ?? '');
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => client.destroy());
    client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
    if (head.length > 0) client.unshift(head);
    const secure = new TLSSocket(client, { isServer: true, key: ca.server.key, cert: ca.server.cert });
    secure.on('error', () => client.destroy());
    inside.emit('connection', secure);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    caCert: ca.caCert,
    leafCert: ca.server.cert,
    connects,
    requests,
    carrying: (authorization) => requests.filter((r) => r.authorization === authorization),
    async stop() {
      sockets.forEach((socket) => socket.destroy());
      await Promise.all([
        new Promise<void>((resolve) => server.close(() => resolve())),
        new Promise<void>((resolve) => inside.close(() => resolve())),
      ]);
    },
  };
}

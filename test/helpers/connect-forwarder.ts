import { createServer, type Server } from 'node:http';
import { connect, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

// A system proxy, as the console's network sees one, that sends every CONNECT to one
// loopback port whatever host it names. With it a connection can point at ConsCent's real
// Production host (https://api.conscent.in, so the console treats it as Production) while
// every byte goes to the simulator on 127.0.0.1: the name is never looked up. The
// simulator serves a certificate for that host signed by a CA the test puts in the
// console's "system" store (test/helpers/inspecting-ca.ts).

export interface ConnectForwarder {
  /** host:port, for a PAC answer ("PROXY <address>"). */
  address: string;
  /** The hosts the console asked for, in order. */
  connects: string[];
  stop(): Promise<void>;
}

export async function startConnectForwarder(targetPort: number): Promise<ConnectForwarder> {
  const connects: string[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((_req, res) => res.writeHead(405).end());
  server.on('connect', (req, client: Socket, head: Buffer) => {
    connects.push(req.url ?? '');
    const upstream = connect(targetPort, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => (client.destroy(), upstream.destroy()));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    address: `127.0.0.1:${port}`,
    connects,
    async stop() {
      sockets.forEach((socket) => socket.destroy());
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

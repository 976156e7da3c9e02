import { createServer, type Server } from 'node:http';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { APP_ORIGIN, createAppProtocolHandler } from '../../main/window/app-protocol';
import { productionCsp } from '../../main/window/content-security-policy';

/**
 * Serves the built renderer over loopback HTTP through the app's own app:// handler, so
 * Chromium gets exactly the files and headers (CSP included) the packaged app serves.
 */
export async function serveRenderer(rootDir: string): Promise<{ pageUrl: string; close(): Promise<void> }> {
  const handle = createAppProtocolHandler({ rootDir, csp: productionCsp() });
  const server: Server = createServer((req, res) => {
    void handle({ url: `${APP_ORIGIN}${req.url ?? '/'}`, method: req.method ?? 'GET' }).then((response) => {
      res.writeHead(response.status, Object.fromEntries(response.headers));
      if (response.body) Readable.fromWeb(response.body as WebReadableStream<Uint8Array>).pipe(res);
      else res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('renderer server has no port');
  return {
    pageUrl: `http://127.0.0.1:${address.port}/index.html`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

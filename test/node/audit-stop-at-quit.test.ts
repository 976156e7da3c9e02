import { mkdir, writeFile } from 'node:fs/promises';
import { createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createAppServices } from '../../main/app-services';
import { memoryKeytar } from '../helpers/stand-in-electron';
import { tempFolders } from '../helpers/temp-folders';

// Issue 20: main's quit path (start-app.ts, on 'will-quit') stops the app's services, and
// with them the audit forwarder: what waits gets its short chance, then its socket is
// closed and no timer of its own is left. Checked with the app's own wiring
// (createAppServices) and the settings file's `audit` section, against a TCP collector
// on loopback, by the handles Node still holds after the stop.

const newDir = tempFolders('conscent-audit-quit-');
let sink: { server: Server; port: number; sockets: Set<Socket>; bytes: () => string } | undefined;
afterEach(async () => {
  for (const socket of sink?.sockets ?? []) socket.destroy();
  await new Promise((resolve) => (sink ? sink.server.close(resolve) : resolve(undefined)));
  sink = undefined;
});

async function startSink() {
  const sockets = new Set<Socket>();
  let received = '';
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('data', (data) => (received += data.toString('utf8')));
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  sink = { server, port, sockets, bytes: () => received };
  return sink;
}

async function servicesForwardingTo(port: number) {
  const dir = newDir();
  const userDataDir = join(dir, 'userData');
  await mkdir(userDataDir, { recursive: true });
  await writeFile(
    join(userDataDir, 'settings.json'),
    JSON.stringify({ version: 2, connections: [], activeConnectionId: null, audit: { host: '127.0.0.1', port, tls: false } }),
  );
  return createAppServices({ userDataDir, logDir: join(dir, 'logs'), keytar: memoryKeytar() });
}

/** Sockets and timers Node holds now, by kind (vitest's own are there before and after). */
const handles = () => {
  const counts: Record<string, number> = {};
  for (const kind of process.getActiveResourcesInfo()) counts[kind] = (counts[kind] ?? 0) + 1;
  return { sockets: counts['TCPSocketWrap'] ?? 0, timers: counts['Timeout'] ?? 0 };
};

/** None left of the forwarder's own (a timer of vitest's may have ended meanwhile). */
function expectNoMoreHandles(before: ReturnType<typeof handles>) {
  const after = handles();
  expect(after.sockets).toBe(before.sockets);
  expect(after.timers).toBeLessThanOrEqual(before.timers);
}

describe('stopping the app’s services at quit', () => {
  it('stops the forwarder: its connection to the collector is closed and it leaves no socket or timer behind', async () => {
    const collector = await startSink();
    const before = handles();
    const services = await servicesForwardingTo(collector.port);
    const sent = (await services.handlers.sendTeamLogTestEvent({})) as { ok: boolean; value: { configured: boolean; delivered?: boolean } };
    expect(sent).toMatchObject({ ok: true, value: { configured: true, delivered: true } });
    expect(collector.bytes()).toContain('"kind":"test"');
    expect(collector.sockets.size).toBe(1);

    await services.stop();
    await expect.poll(() => collector.sockets.size).toBe(0);
    expectNoMoreHandles(before);
  });

  it('with the collector unreachable, stopping ends the reconnect wait at once: no socket or timer behind', async () => {
    const collector = await startSink();
    const port = collector.port;
    await new Promise((resolve) => collector.server.close(resolve));
    sink = undefined;
    const before = handles();
    const services = await servicesForwardingTo(port);
    const sent = (await services.handlers.sendTeamLogTestEvent({})) as { ok: boolean; value: { delivered?: boolean } };
    expect(sent).toMatchObject({ ok: true, value: { delivered: false } });
    const status = (await services.handlers.getTeamLogStatus()) as { value: { status?: { state: string } } };
    expect(status.value.status?.state).toBe('unreachable');

    await services.stop();
    expectNoMoreHandles(before);
  });
});

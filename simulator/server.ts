import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { checkAuth } from './auth';
import { answerWithFault, faultStatus } from './fault-answers';
import { FaultBook } from './fault-rules';
import { readBody, sendMessage } from './http-io';
import { resolveOptions, type FaultRule, type RecordedRequest, type SimClient, type SimulatorOptions } from './options';
import type { SimUser } from './records';
import { RequestLog, bodyForLog } from './request-log';
import type { RouteHandler } from './route-context';
import { handlePurchases } from './route-purchases';
import { handleUpdateUser } from './route-update-user';
import { handleUserDetails } from './route-user-details';
import { createTokenBucket } from './rate-limit';
import { buildSeedData } from './seed-data';
import { SimStore } from './store';
import { tlsMaterial } from './tls';

export interface RunningSimulator {
  /** e.g. http://127.0.0.1:43123/api/v1 (https:// with `tls`) — what a connection's base URL is set to. */
  readonly baseUrl: string;
  /** With `tls`: the certificate served (PEM), for a client that chooses to trust it. */
  readonly certificate: string | undefined;
  readonly port: number;
  readonly clients: readonly SimClient[];
  /** Closes the server and every open, slow or hanging connection. */
  stop(): Promise<void>;
  addFault(rule: FaultRule): void;
  clearFaults(): void;
  /** Copies: changing them does not change the simulator's data. */
  getUser(userId: string): SimUser | undefined;
  listUsers(): SimUser[];
  /** The last 5,000 requests, oldest first, without credentials. */
  readonly requests: ReadonlyArray<RecordedRequest>;
  clearRequests(): void;
}

const ROUTES: Record<string, Record<string, RouteHandler>> = {
  '/client/update-user': { PATCH: handleUpdateUser },
  '/user/user-and-subscription-details': { GET: handleUserDetails },
  '/client/purchases/subscriptions': { GET: handlePurchases },
};

/** The path below the base path, or undefined when the request is outside it. */
function relativePath(pathname: string, basePath: string): string | undefined {
  if (basePath === '') return pathname;
  if (pathname === basePath) return '/';
  return pathname.startsWith(`${basePath}/`) ? pathname.slice(basePath.length) : undefined;
}

const urlHost = (host: string) => (host.includes(':') ? `[${host}]` : host);

export async function startSimulator(input: SimulatorOptions = {}): Promise<RunningSimulator> {
  const options = resolveOptions(input);
  const store = new SimStore(
    buildSeedData({ userCount: options.userCount, seed: options.seed, clientIds: options.clients.map((c) => c.clientId) }),
    options.addressListMode,
  );
  const faults = new FaultBook();
  options.faults.forEach((rule) => faults.add(rule));
  const log = new RequestLog();
  const bucket = options.rate ? createTokenBucket(options.rate) : undefined;
  const pendingDelays = new Set<() => void>();
  let stopping = false;

  const delay = (ms: number) =>
    new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        pendingDelays.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      pendingDelays.add(done);
    });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://simulator.invalid');
    const method = (req.method ?? 'GET').toUpperCase();
    const path = relativePath(url.pathname, options.basePath);
    const auth = checkAuth(req, options.clients);
    const read = await readBody(req, options.maxBodyBytes);

    const entry = log.start({
      method,
      path: path ?? url.pathname,
      query: Object.fromEntries(url.searchParams),
      body: read.kind === 'ok' ? bodyForLog(read.text) : undefined,
      authSent: auth.kind !== 'none',
      authorized: auth.kind === 'valid',
    });
    res.on('finish', () => {
      entry.status = res.statusCode;
    });
    res.on('close', () => {
      if (!res.writableFinished && !stopping && entry.fault !== 'drop') entry.closedByClient = true;
      options.onRequest?.({ ...entry });
    });
    if (read.kind === 'aborted') return;

    const waitSeconds = bucket?.take() ?? null;
    if (waitSeconds !== null) {
      entry.rateLimited = true;
      return sendMessage(res, 429, 'Too many requests', { 'Retry-After': String(waitSeconds) });
    }
    const chosen = faults.choose(method, path);
    if (chosen.latency) {
      entry.fault = 'latency';
      await delay(chosen.latency.ms);
      if (stopping || res.destroyed) return;
    }
    if (chosen.answer) {
      entry.fault = chosen.answer.kind;
      entry.status = faultStatus(chosen.answer);
      await answerWithFault(res, chosen.answer, (total) => {
        entry.bytesSent = total;
      });
      return;
    }

    if (read.kind === 'too-large') {
      return sendMessage(res, 413, `Request body is larger than ${options.maxBodyBytes} bytes`, { Connection: 'close' });
    }
    const routePath = path !== undefined && path.length > 1 ? path.replace(/\/$/, '') : path;
    const route = routePath === undefined ? undefined : ROUTES[routePath];
    if (!route) return sendMessage(res, 404, `Cannot ${method} ${url.pathname}`);
    const handler = route[method];
    if (!handler) {
      return sendMessage(res, 405, `Method ${method} is not allowed here`, { Allow: Object.keys(route).join(', ') });
    }
    handler({ req, res, query: url.searchParams, body: read.text, auth, store, options });
  }

  const listener = (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res).catch((error: unknown) => {
      const reason = error instanceof Error ? error.message : 'unknown error';
      sendMessage(res, 500, `Simulator error: ${reason}`);
    });
  };
  const tls = options.tls === false ? undefined : await tlsMaterial(options.tls, options.host);
  // https.Server is an http.Server underneath (same request API, closeAllConnections).
  const server: Server = tls ? createHttpsServer({ key: tls.key, cert: tls.cert }, listener) : createServer(listener);

  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(new Error(`The simulator could not listen on ${options.host}:${options.port}: ${error.code ?? error.message}`)),
    );
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `${tls ? 'https' : 'http'}://${urlHost(options.host)}:${port}${options.basePath}`,
    certificate: tls?.cert,
    port,
    clients: options.clients.map((client) => ({ ...client })),
    async stop() {
      if (stopping) return;
      stopping = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const finish of [...pendingDelays]) finish();
      // Also ends keep-alive, hanging and half-streamed connections, which close() waits for.
      server.closeAllConnections();
      await closed;
    },
    addFault: (rule) => faults.add(rule),
    clearFaults: () => faults.clear(),
    getUser: (userId) => {
      const user = store.getUser(userId);
      return user && structuredClone(user);
    },
    listUsers: () => structuredClone(store.listUsers()),
    get requests() {
      return log.snapshot();
    },
    clearRequests: () => log.clear(),
  };
}

import { wordsOf } from '../helpers/failure-words';
import { closedPort } from '../helpers/closed-port';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import fc from 'fast-check';
import { afterAll, beforeAll, expect } from 'vitest';
import type { z } from 'zod';
import { BRIDGE_CHANNELS, REQUEST_SCHEMAS, type OperationName } from '../../common/contract';
import { takesNoRequest } from '../../common/channels';
import { isLoopbackHost } from '../../common/environments';
import { BridgeError, ERROR_KINDS } from '../../common/result';
import { ApiError } from '../../main/conscent/api-error';
import { createConsCentClient, type ConsCentClient } from '../../main/conscent/conscent-client';
import { createMemoryCredentialStore, type MemoryCredentialStore } from '../helpers/memory-credential-store';
import { wireBridgeHandlers } from '../../main/bridge-services';
import { registerBridge } from '../../main/ipc/register-bridge';
import { createFileLogger, MAX_LINE_BYTES } from '../../main/logging/logger';
import { createSettingsStore, type SettingsStore } from '../../main/settings/settings-store';
import { DEMO_CLIENT, startSimulator, type RunningSimulator } from '../../simulator';
import { FakeIpcMain } from '../helpers/fake-ipc-main';
import { garbage, mutated, validPayloads, type FuzzContext } from './fuzz-arbitraries';
import { bulkPayloads } from './fuzz-bulk-arbitraries';
import { historyPayloads } from './fuzz-history-arbitraries';
import { appPaths } from '../../main/app-paths';

// The bridge fuzz (fuzz-bridge*.test.ts): each operation is fed NUM_RUNS generated payloads
// through the real registerBridge and handlers, the real settings store, the real client,
// the real support log and a real simulator. For each payload: the call resolves with a
// well-formed Result; a payload the contract's schema rejects is answered `invalid-input`
// with no HTTP request made; a valid one never ends in an internal failure; the result
// never echoes a secret; no prototype is polluted; errors stay small. Per operation:
// memory stays bounded and the log stays within its cap. FUZZ_RUNS and FUZZ_SEED override
// the defaults; FUZZ_REPORT_DIR=dir writes the figures as JSON.

/** The operations that reach no ConsCent: connections, the team log's status and test event, and opening a window. */
export const CONNECTION_OPERATIONS = [
  'listConnections',
  'listSavedConnections',
  'saveConnection',
  'deleteConnection',
  'selectConnection',
  'getTeamLogStatus',
  'sendTeamLogTestEvent',
  'openReaderWindow',
  'getPolicy',
  'savePresetCredentials',
] as const satisfies OperationName[];
export const READER_OPERATIONS = [
  'testConnection',
  'lookupReader',
  'openReader',
  'updateReader',
  'listRecentReaders',
  'clearRecentReaders',
  'findLocalReaders',
] as const satisfies OperationName[];
export const BULK_OPERATIONS = [
  'bulkChooseFile',
  'bulkValidate',
  'bulkStart',
  'bulkControl',
  'bulkProgress',
  'bulkResults',
  'bulkExport',
  'bulkInterrupted',
  'bulkSaveSample',
] as const satisfies OperationName[];
export const HISTORY_OPERATIONS = [
  'listHistory',
  'exportHistory',
  'prepareRevert',
  'getHistorySettings',
  'saveHistorySettings',
  'clearHistory',
] as const satisfies OperationName[];

export const NUM_RUNS = Number(process.env.FUZZ_RUNS ?? 10_000);
export const SEED = Number(process.env.FUZZ_SEED ?? 0x5eed_c0de);
const APP = 'app://console/index.html';
const MAX_ERROR_JSON = 8 * 1024;
const MAX_HEAP_GROWTH = 64 * 1024 * 1024;
const LOG_MAX_BYTES = 64 * 1024;
const LOG_KEEP = 2;
const FIXTURE_IDS = ['fuzz-sim', 'fuzz-no-credentials', 'fuzz-refused'];

export interface OpStats {
  payloads: number;
  valid: number;
  invalid: number;
  httpRequests: number;
  failures: number;
  outcomes: Record<string, number>;
  ms: number;
  heapGrowthMB: number;
}

/** Starts the simulator for a test file and prints (and optionally writes) its figures at the end. */
export function useFuzzEnvironment(label: string): {
  context: () => FuzzContext;
  sim: () => RunningSimulator;
  report: Partial<Record<OperationName, OpStats>>;
} {
  let sim: RunningSimulator | undefined;
  let ctx: FuzzContext | undefined;
  const report: Partial<Record<OperationName, OpStats>> = {};
  beforeAll(async () => {
    sim = await startSimulator({ userCount: 20, seed: 17 });
    const users = sim.listUsers();
    ctx = {
      simBaseUrl: sim.baseUrl,
      refusedBaseUrl: `http://127.0.0.1:${await closedPort()}/api/v1`,
      connectionIds: FIXTURE_IDS,
      knownUserIds: users.slice(0, 8).map((u) => u.userId),
      knownEmails: users.slice(0, 5).flatMap((u) => (u.email ? [u.email] : [])),
      knownPhones: users.slice(0, 5).flatMap((u) => (u.phone ? [`${u.countryCode ?? ''} ${u.phone}`.trim()] : [])),
      apiKey: DEMO_CLIENT.apiKey,
      apiSecret: DEMO_CLIENT.apiSecret,
    };
  });
  afterAll(async () => {
    await sim?.stop();
    const rows = Object.entries(report).map(([op, s]) => ({ op, ...s, outcomes: JSON.stringify(s.outcomes) }));
    if (rows.length === 0) return;
    console.log(`bridge fuzz (${label}), seed ${SEED}, ${NUM_RUNS} payloads per operation`);
    console.table(rows);
    const dir = process.env.FUZZ_REPORT_DIR;
    if (dir) writeFileSync(join(dir, `fuzz-${label}.json`), `${JSON.stringify({ seed: SEED, numRuns: NUM_RUNS, report }, null, 2)}\n`);
  });
  return {
    context: () => ctx ?? failSetup(),
    sim: () => sim ?? failSetup(),
    report,
  };
}

function failSetup(): never {
  throw new Error('the fuzz environment is not set up');
}

/** Runs the whole fuzz of one operation and asserts the per-operation bounds. */
export async function fuzzOperation(op: OperationName, sim: RunningSimulator, ctx: FuzzContext): Promise<OpStats> {
  const bridge = createBridge(ctx);
  try {
    return await fuzzWith(bridge, op, sim, ctx);
  } finally {
    rmSync(bridge.dir, { recursive: true, force: true });
  }
}

async function fuzzWith(bridge: Bridge, op: OperationName, sim: RunningSimulator, ctx: FuzzContext): Promise<OpStats> {
  await bridge.keepFixtures();
  const schema = REQUEST_SCHEMAS[op] as z.ZodType | null;
  const stats: OpStats = { payloads: 0, valid: 0, invalid: 0, httpRequests: 0, failures: 0, outcomes: {}, ms: 0, heapGrowthMB: 0 };
  const shape = prototypeShape();
  const mutates = op === 'saveConnection' || op === 'deleteConnection';
  gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const started = performance.now();

  const details = await fc.check(
    fc.asyncProperty(arbitraryFor(op, ctx), async (payload) => {
      const valid = schema === null || schema.safeParse(payload).success;
      if (mutates) await bridge.keepFixtures();
      sim.clearRequests();
      bridge.resetCounters();

      const result = await bridge.ipc.invoke(BRIDGE_CHANNELS[op], payload, APP);

      const http = sim.requests.length + bridge.outsideCalls();
      const { ok, kind } = checkResult(result);
      if (!valid) {
        assert(kind === 'invalid-input', `an invalid payload is answered invalid-input, not ${kind}`);
        assert(http === 0, `an invalid payload makes no HTTP request (made ${http})`);
      } else {
        // An internal bug (a TypeError, an unhandled case) surfaces as unexpected-response.
        assert(kind !== 'unexpected-response', 'a valid payload never ends in an internal failure');
      }
      if (takesNoRequest(op)) assert(ok, `${op} ignores its payload and answers`);
      const secret = fuzzSecretIn(payload);
      if (secret) assert(!JSON.stringify(result).includes(secret), 'the result never echoes the secret');
      assert(prototypeShape() === shape, 'no prototype gained or lost a property');
      assert(({} as Record<string, unknown>).polluted === undefined, 'Object.prototype is not polluted');

      stats.payloads += 1;
      stats[valid ? 'valid' : 'invalid'] += 1;
      stats.httpRequests += http;
      stats.outcomes[kind] = (stats.outcomes[kind] ?? 0) + 1;
    }),
    { numRuns: NUM_RUNS, seed: SEED, endOnFailure: true },
  );

  stats.ms = Math.round(performance.now() - started);
  gc?.();
  const growth = process.memoryUsage().heapUsed - heapBefore;
  stats.heapGrowthMB = Math.round((growth / 1024 / 1024) * 10) / 10;
  stats.failures = details.failed ? 1 : 0;
  if (details.failed) {
    // Cut: a counterexample can hold a megabyte string.
    const message = fc.defaultReportMessage(details) ?? 'property failed';
    throw new Error(message.length > 4000 ? `${message.slice(0, 4000)}… [cut]` : message);
  }

  expect(stats.payloads).toBe(NUM_RUNS);
  if (!takesNoRequest(op)) {
    expect(stats.valid).toBeGreaterThan(NUM_RUNS / 50);
    expect(stats.invalid).toBeGreaterThan(NUM_RUNS / 2);
  }
  expect(growth).toBeLessThan(MAX_HEAP_GROWTH);
  // The support log was written for every failed payload and still stayed within its cap.
  const logFiles = existsSync(bridge.logDir) ? readdirSync(bridge.logDir) : [];
  const logBytes = logFiles.reduce((sum, name) => sum + statSync(join(bridge.logDir, name)).size, 0);
  expect(logFiles.length).toBeLessThanOrEqual(LOG_KEEP);
  expect(logBytes).toBeLessThanOrEqual(LOG_KEEP * (LOG_MAX_BYTES + MAX_LINE_BYTES));
  return stats;
}

type Bridge = ReturnType<typeof createBridge>;

/** One bridge as the app wires it, with fixtures that are put back when saves and deletes wear them away. */
function createBridge(ctx: FuzzContext) {
  // tmpfs when there is one: the settings store fsyncs every save, which on a disk
  // would dominate the run time without testing anything more.
  const dir = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'cc-fuzz-'));
  let generation = 0;
  let store = createSettingsStore(join(dir, `settings-${generation}.json`));
  const connections: SettingsStore = {
    load: () => store.load(),
    upsert: (connection) => store.upsert(connection),
    remove: (id) => store.remove(id),
    setActive: (id) => store.setActive(id),
    setHistoryPreferences: (preferences) => store.setHistoryPreferences(preferences),
  };
  let credentials = createMemoryCredentialStore();
  const credentialsProxy: MemoryCredentialStore = {
    failWith: (reason) => credentials.failWith(reason),
    get: (id) => credentials.get(id),
    set: (id, creds) => credentials.set(id, creds),
    delete: (id) => credentials.delete(id),
    listConnectionIds: () => credentials.listConnectionIds(),
  };
  let outsideCalls = 0;
  const ipc = new FakeIpcMain();
  const logDir = join(dir, 'logs');
  registerBridge(
    ipc,
    wireBridgeHandlers({
      connections,
      credentials: credentialsProxy,
      createClient: (connection) =>
        isLoopbackHost(new URL(connection.baseUrl).hostname)
          ? createConsCentClient(connection, { timeoutMs: 3000, retryRuntime: { sleep: async () => undefined } })
          : // Never leave this machine: count the attempt and fail as an unreachable host would.
            offlineClient(() => (outsideCalls += 1)),
      logger: createFileLogger({ dir: logDir, maxBytes: LOG_MAX_BYTES, keepFiles: LOG_KEEP }),
      // A real change history: every update is recorded, exports are written.
      paths: appPaths(dir, logDir),
      chooseExportPath: async () => join(dir, 'export.csv'),
      // The open dialog is cancelled: a bulk file never comes from a payload.
      chooseCsvFile: async () => null,
    }),
    ipc.trust((url) => url === APP),
  );
  const base = { environment: 'custom' as const, clientId: DEMO_CLIENT.clientId };
  const fixtures = [
    { ...base, id: 'fuzz-sim', name: 'Simulator', baseUrl: ctx.simBaseUrl },
    { ...base, id: 'fuzz-no-credentials', name: 'No credentials', baseUrl: ctx.simBaseUrl },
    { ...base, id: 'fuzz-refused', name: 'Refused', baseUrl: ctx.refusedBaseUrl },
  ];
  const creds = { apiKey: ctx.apiKey, apiSecret: ctx.apiSecret };

  return {
    ipc,
    dir,
    logDir,
    outsideCalls: () => outsideCalls,
    resetCounters: () => void (outsideCalls = 0),
    async keepFixtures(): Promise<void> {
      let { settings } = await store.load();
      if (settings.connections.length >= 40) {
        generation += 1;
        store = createSettingsStore(join(dir, `settings-${generation}.json`));
        credentials = createMemoryCredentialStore();
        settings = (await store.load()).settings;
      }
      for (const fixture of fixtures) {
        const stored = settings.connections.find((p) => p.id === fixture.id);
        if (!stored || stored.baseUrl !== fixture.baseUrl) await store.upsert(fixture);
      }
      if ((await credentials.get('fuzz-sim')) === null) await credentials.set('fuzz-sim', creds);
      if ((await credentials.get('fuzz-refused')) === null) await credentials.set('fuzz-refused', creds);
      if ((await credentials.get('fuzz-no-credentials')) !== null) await credentials.delete('fuzz-no-credentials');
    },
  };
}

function offlineClient(count: () => void): ConsCentClient {
  const unreachable = async (): Promise<never> => {
    count();
    // Fuzz test: no traffic leaves this machine.
    throw new ApiError({ kind: 'network', reason: 'host-not-found', host: 'fuzz.invalid' });
  };
  return { updateUser: unreachable, getUserAndSubscriptions: unreachable, findPurchases: unreachable };
}

function arbitraryFor(op: OperationName, ctx: FuzzContext): fc.Arbitrary<unknown> {
  if (op === 'listConnections' || op === 'listSavedConnections' || op === 'getTeamLogStatus' || op === 'getPolicy') return garbage; // WITHOUT_REQUEST: anything sent is ignored
  const recent = fc.record({ connectionId: fc.constantFrom(...ctx.connectionIds) });
  const valid = {
    ...validPayloads(ctx),
    ...historyPayloads(ctx),
    ...bulkPayloads(ctx),
    listRecentReaders: recent,
    clearRecentReaders: recent,
    findLocalReaders: fc.record({
      connectionId: fc.constantFrom(...ctx.connectionIds),
      text: fc.oneof(fc.constantFrom('shivam', 'Dubey', 'jose', 'example.com'), fc.string({ minLength: 2, maxLength: 100 })),
    }),
    sendTeamLogTestEvent: fc.constant({}),
    openReaderWindow: fc.record({ userId: fc.stringMatching(/^[a-f0-9]{24}$/), connection: fc.constantFrom('Sandbox', 'Production (EU)') }),
    // No policy here: every id is answered no-such-connection, the credentials never stored.
    savePresetCredentials: fc.record({
      id: fc.constantFrom(...ctx.connectionIds),
      credentials: fc.constant({ apiKey: 'fuzz-key', apiSecret: 'fuzz-secret' }),
    }),
    getPolicy: garbage,
  }[op];
  // Valid payloads that reach HTTP are a small share; invalid ones are the bulk.
  const validWeight = op === 'saveConnection' || op === 'deleteConnection' || op === 'selectConnection' ? 3 : 1;
  return fc.oneof({ arbitrary: valid, weight: validWeight }, { arbitrary: mutated(valid), weight: 7 }, { arbitrary: garbage, weight: 3 });
}

const prototypeShape = () =>
  [Object.prototype, Array.prototype, Function.prototype, String.prototype].map((proto) => Reflect.ownKeys(proto).length).join(',');

/** Plain checks, not expect(): this runs 80,000 times and expect() costs more than the handler. */
function assert(condition: boolean, what: string): asserts condition {
  if (!condition) throw new Error(what);
}

const KINDS: ReadonlySet<string> = new Set(ERROR_KINDS);

function checkResult(result: unknown): { ok: boolean; kind: string } {
  assert(typeof result === 'object' && result !== null, 'the result is an object');
  const r = result as { ok?: unknown; value?: unknown; error?: unknown };
  const keys = Object.keys(r).sort().join(',');
  if (r.ok === true) {
    assert(keys === 'ok,value', `an ok result holds ok and value only, not ${keys}`);
    return { ok: true, kind: 'ok' };
  }
  assert(r.ok === false && keys === 'error,ok', `a failed result holds ok: false and error only, not ${keys}`);
  const parsed = BridgeError.safeParse(r.error);
  assert(parsed.success, 'the error is a BridgeError');
  const error = parsed.data;
  assert(KINDS.has(error.kind), `known error kind ${error.kind}`);
  assert(wordsOf(error, 'lookup').length > 0 || ['no-answer', 'update-in-flight'].includes(error.kind), 'the error can be put in words');
  const size = JSON.stringify(error).length;
  assert(size <= MAX_ERROR_JSON, `the error is small (${size} characters)`);
  return { ok: false, kind: error.kind };
}

/** The fuzz secret a payload carries, so the result can be checked for echoes. */
function fuzzSecretIn(payload: unknown): string | undefined {
  const creds = (payload as { credentials?: { apiSecret?: unknown } } | null)?.credentials;
  const secret = creds && typeof creds === 'object' ? creds.apiSecret : undefined;
  return typeof secret === 'string' && secret.startsWith('sk-fuzz-') ? secret : undefined;
}

const gc = exposeGc();

function exposeGc(): (() => void) | undefined {
  try {
    setFlagsFromString('--expose-gc');
    return runInNewContext('gc') as () => void;
  } catch {
    return undefined;
  }
}

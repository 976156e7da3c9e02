import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fieldErrors, type Result } from '../../common/result';
import { wireBridgeHandlers } from '../../main/bridge-services';
import { createConsCentClient } from '../../main/conscent/conscent-client';
import type { BridgeHandlers } from '../../main/ipc/register-bridge';
import { createFileLogger } from '../../main/logging/logger';
import { createSettingsStore } from '../../main/settings/settings-store';
import { DEMO_CLIENT, SEED_EXAMPLE_USER_ID, startSimulator, type RunningSimulator } from '../../simulator';
import { value } from '../helpers/bridge-result';
import { createMemoryCredentialStore } from '../helpers/memory-credential-store';
import { appPaths } from '../../main/app-paths';

// Issue 18.5: lookups keyed by ids the page sends must treat every id as data. Before the
// fix, listRecentReaders({ connectionId: 'constructor' }) read Object.prototype.constructor
// and answered an internal fault ("console-fault"). Every name Object.prototype owns goes
// through the real bridge handlers, for every operation that takes a connection id, with
// and without a connection of that id (a hand-edited settings.json can hold any valid id).

/** Valid connection ids that name something on Object.prototype. */
const PROTOTYPE_IDS = ['constructor', 'tostring', 'valueof', 'hasownproperty', 'isprototypeof', 'propertyisenumerable', 'tolocalestring'];
/** Refused by the contract's schema (not lowercase letters, digits and dashes): invalid-input, never a fault. */
const REFUSED_IDS = ['__proto__', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__', 'prototype.x'];

let sim: RunningSimulator;
let dir: string;
let handlers: BridgeHandlers;
const ids = [...PROTOTYPE_IDS];

beforeAll(async () => {
  sim = await startSimulator({ userCount: 5, seed: 6 });
  dir = await mkdtemp(join(tmpdir(), 'cc-page-ids-'));
  handlers = wireBridgeHandlers({
    connections: createSettingsStore(join(dir, 'settings.json')),
    credentials: createMemoryCredentialStore(),
    createClient: (connection) => createConsCentClient(connection, { timeoutMs: 5000 }),
    logger: createFileLogger({ dir: join(dir, 'logs') }),
    paths: appPaths(dir, join(dir, 'logs')),
    newId: () => ids.shift() ?? 'spare',
  });
});
afterAll(async () => {
  await sim?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const noFault = (result: Result<unknown>) => {
  if (!result.ok) expect(result.error).not.toMatchObject({ reason: 'console-fault' });
  return result;
};

function callsFor(id: string): Array<[string, () => Promise<Result<unknown>>]> {
  return [
    ['listRecentReaders', () => handlers.listRecentReaders({ connectionId: id })],
    ['clearRecentReaders', () => handlers.clearRecentReaders({ connectionId: id })],
    ['lookupReader', () => handlers.lookupReader({ connectionId: id, query: SEED_EXAMPLE_USER_ID })],
    ['openReader', () => handlers.openReader({ connectionId: id, userId: SEED_EXAMPLE_USER_ID })],
    ['updateReader', () => handlers.updateReader({ connectionId: id, userId: SEED_EXAMPLE_USER_ID, changes: { name: 'Ids Are Data' } })],
    ['listHistory', () => handlers.listHistory({ filter: { connectionId: id }, page: { offset: 0, limit: 10 } })],
    ['selectConnection', () => handlers.selectConnection({ id })],
    ['deleteConnection', () => handlers.deleteConnection({ id })],
  ];
}

describe('ids the page sends are data, whatever they spell', () => {
  it.each(PROTOTYPE_IDS)('with no connection "%s": every operation answers plainly, no internal fault', async (id) => {
    for (const [name, call] of callsFor(id)) {
      const result = noFault(await call());
      if (name === 'listRecentReaders' || name === 'clearRecentReaders') expect(value(result)).toEqual({ readers: [] });
      if (name === 'listHistory') expect(value(result)).toMatchObject({ total: 0 });
      if (name === 'lookupReader' || name === 'openReader' || name === 'updateReader' || name === 'selectConnection') {
        expect(result).toMatchObject({ ok: false, error: { kind: 'not-configured', reason: 'no-such-connection' } });
      }
    }
  });

  it.each(REFUSED_IDS)('"%s" is refused as invalid input by every operation, never a fault', async (id) => {
    for (const [, call] of callsFor(id)) expect(await call()).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
  });

  it('connections whose ids are "constructor", "tostring"…: lookups, recent readers, history and delete all work', async () => {
    const connection = { environment: 'custom', baseUrl: sim.baseUrl, clientId: DEMO_CLIENT.clientId } as const;
    const credentials = { apiKey: DEMO_CLIENT.apiKey, apiSecret: DEMO_CLIENT.apiSecret };
    for (const id of PROTOTYPE_IDS) {
      const saved = value(await handlers.saveConnection({ connection: { ...connection, name: `Desk ${id}` }, credentials }));
      expect(saved.id).toBe(id);
      value(await handlers.selectConnection({ id }));
      value(await handlers.lookupReader({ connectionId: id, query: SEED_EXAMPLE_USER_ID }));
      value(await handlers.updateReader({ connectionId: id, userId: SEED_EXAMPLE_USER_ID, changes: { name: `Ids ${id}` } }));
      expect(value(await handlers.listRecentReaders({ connectionId: id })).readers.map((r) => r.userId)).toEqual([SEED_EXAMPLE_USER_ID]);
      expect(value(await handlers.listHistory({ filter: { connectionId: id }, page: { offset: 0, limit: 10 } })).total).toBe(1);
    }
    for (const id of PROTOTYPE_IDS) {
      value(await handlers.clearRecentReaders({ connectionId: id }));
      value(await handlers.deleteConnection({ id }));
    }
    expect(value(await handlers.listConnections()).connections).toEqual([]);
  }, 60_000);
});

it('a refused field named after a prototype member keeps its own message', () => {
  const schema = z.record(z.string(), z.number());
  const parsed = schema.safeParse(JSON.parse('{"constructor":"x","__proto__":"y","toString":"z"}'));
  expect(parsed.success).toBe(false);
  const fields = fieldErrors((parsed as { error: z.ZodError }).error);
  // (zod itself never reports a "__proto__" key.)
  expect(Object.keys(fields).sort()).toEqual(['constructor', 'toString']);
  expect(fields.constructor).toEqual(expect.any(String));
});

import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { wireBridgeHandlers } from '../../main/bridge-services';
import { createConsCentClient } from '../../main/conscent/conscent-client';
import { createSettingsStore } from '../../main/settings/settings-store';
import { value } from '../helpers/bridge-result';
import { createMemoryCredentialStore } from '../helpers/memory-credential-store';
import { silentLogger } from '../helpers/silent-logger';
import { recoveryWords } from '../../renderer/src/errors/local-failure-words';
import { appPaths } from '../../main/app-paths';

// Issue 18.5: a settings file from an older version with one connection today's rules
// refuse (here a base URL with a raw "?", accepted before such URLs were refused) moved the
// whole file aside: every connection was gone and every keychain secret orphaned.

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

const secret = (n: number) => ({ apiKey: `key-${n}`, apiSecret: `secret-${n}`, origin: 'https://api.conscent.in' });

it('keeps every good connection, names the refused one, keeps the old file and every keychain secret', async () => {
  dir = await mkdtemp(join(tmpdir(), 'cc-settings-salvage-'));
  const path = join(dir, 'settings.json');
  const old = JSON.stringify({
    version: 1,
    activeProfileId: 'desk-b',
    profiles: [
      { id: 'desk-a', name: 'Desk A', environment: 'production', baseUrl: 'https://api.conscent.in/api/v1', clientId: 'client-a' },
      { id: 'old-one', name: 'Old query URL', environment: 'custom', baseUrl: 'https://api.example.com/api/v1?', clientId: 'client-o' },
      { id: 'desk-b', name: 'Desk B', environment: 'sandbox', baseUrl: 'https://sandbox-api.conscent.in/api/v1', clientId: 'client-b' },
    ],
  });
  await writeFile(path, old);
  const credentials = createMemoryCredentialStore({ 'desk-a': secret(1), 'old-one': secret(2), 'desk-b': secret(3) });
  const handlers = wireBridgeHandlers({
    connections: createSettingsStore(path),
    credentials,
    createClient: (connection) => createConsCentClient(connection, { timeoutMs: 1000 }),
    logger: silentLogger,
    paths: appPaths(dir, join(dir, 'logs')),
  });

  const state = value(await handlers.listConnections());
  expect(state.connections.map((c) => [c.name, c.hasCredentials])).toEqual([
    ['Desk A', true],
    ['Desk B', true],
  ]);
  expect(state.activeConnectionId).toBe('desk-b');
  expect(state.recovered).toEqual({
    reason: 'connections-refused',
    movedTo: expect.stringMatching(/settings\.json\..+\.bad$/),
    refused: [{ name: 'Old query URL', id: 'old-one' }],
  });
  // The file as it was, byte for byte; the refused connection's secret is still in the keychain.
  expect(await readFile(state.recovered!.movedTo, 'utf8')).toBe(old);
  expect(await credentials.get('old-one')).toMatchObject({ apiKey: 'key-2' });
  // What the agent reads names the connection and says where its secret is.
  const words = recoveryWords(state.recovered!);
  expect(words).toContain('"Old query URL" (id old-one)');
  expect(words).toContain('every other connection was kept');
  expect(words).toMatch(/still in the system keychain/);

  // The next save writes the kept connections as version 2; nothing else is lost.
  value(await handlers.selectConnection({ id: 'desk-a' }));
  const rewritten = JSON.parse(await readFile(path, 'utf8')) as { version: number; connections: Array<{ id: string }> };
  expect(rewritten.version).toBe(2);
  expect(rewritten.connections.map((c) => c.id)).toEqual(['desk-a', 'desk-b']);
});

it('a file where no connection survives is still moved aside whole, as before', async () => {
  dir = await mkdtemp(join(tmpdir(), 'cc-settings-salvage-'));
  const path = join(dir, 'settings.json');
  await writeFile(path, JSON.stringify({ version: 2, activeConnectionId: null, connections: [{ id: 'Bad Id', name: 'X' }] }));
  const state = await createSettingsStore(path).load();
  expect(state.settings.connections).toEqual([]);
  expect(state.recovered).toMatchObject({ reason: 'not-understood' });
});

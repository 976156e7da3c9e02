import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { readOpenText } from '../helpers/sealed-lines';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ReaderView } from '../../common/readers-contract';
import type { ReaderService } from '../../main/readers/reader-service';
import { createRecentReaders, withRecentReaders } from '../../main/readers/recent-readers';
import { silentLogger } from '../helpers/silent-logger';
import { tempFolders } from '../helpers/temp-folders';
import { appPaths } from '../../main/app-paths';

const tempDir = tempFolders('cc-recent-');

// Recent readers (issue #11): the last 20 opened per connection, in the app's data folder,
// private to the agent, surviving a restart, cleared on request.

const id = (n: number) => n.toString(16).padStart(24, '0');
let clock = 0;
const now = () => new Date(Date.UTC(2026, 0, 1, 0, 0, clock++));

async function tempFile(): Promise<string> {
  return join(tempDir(), 'recent-readers.json');
}

describe('recent readers', () => {
  it('keeps the last 20 per connection, newest first, a reopened reader moving to the top', async () => {
    const recent = createRecentReaders(await tempFile(), now);
    for (let n = 1; n <= 22; n++) await recent.note('prod', { userId: id(n), name: `Reader ${n}` });
    await recent.note('prod', { userId: id(10), name: 'Reader 10', email: 'ten@example.com' });
    await recent.note('sandbox', { userId: id(99) });
    const { readers: prod } = await recent.list('prod');
    expect(prod).toHaveLength(20);
    expect(prod.map((r) => r.userId)).toEqual([10, 22, 21, 20, 19, 18, 17, 16, 15, 14, 13, 12, 11, 9, 8, 7, 6, 5, 4, 3].map(id));
    expect(prod[0]).toMatchObject({ name: 'Reader 10', email: 'ten@example.com' });
    expect((await recent.list('sandbox')).readers.map((r) => r.userId)).toEqual([id(99)]);
  });

  it('lives in a file only the agent can read, and is there after a restart', async () => {
    const path = await tempFile();
    await createRecentReaders(path, now).note('prod', { userId: id(1), name: 'Asha' });
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    // Sealed with the data key: the reader's name is not in the file, only in what it opens to.
    expect(await readFile(path, 'utf8')).not.toContain('Asha');
    expect(JSON.parse(await readOpenText(path, path, 'recent-readers'))).toMatchObject({
      version: 1,
      connections: { prod: [{ userId: id(1), name: 'Asha' }] },
    });
    expect((await createRecentReaders(path, now).list('prod')).readers.map((r) => r.name)).toEqual(['Asha']);
  });

  it('Clear forgets one connection and keeps the others', async () => {
    const path = await tempFile();
    const recent = createRecentReaders(path, now);
    await recent.note('prod', { userId: id(1) });
    await recent.note('sandbox', { userId: id(2) });
    await recent.clear('prod');
    expect(await recent.list('prod')).toEqual({ readers: [] });
    expect((await createRecentReaders(path, now).list('sandbox')).readers).toHaveLength(1);
  });

  // Issue 17.6: a damaged file used to read as empty and be overwritten at the next lookup.
  it.each([
    ['garbage', 'not-json', '\u0000\u0001garbage{{{'],
    ['truncated', 'not-json', '{"version":1,"connections":{"prod":[{"userId":"00000000000000000000000a","name":"As'],
    ['wrong shape', 'not-understood', '{"version":1,"connections":{"prod":[{"userId":"not an id"}]}}'],
    ['empty', 'empty', ''],
  ])('a %s file is moved aside, kept byte for byte, reported, and not written over', async (_what, reason, text) => {
    const path = await tempFile();
    await writeFile(path, text);
    const recent = createRecentReaders(path, now);
    const listed = await recent.list('prod');
    expect(listed.readers).toEqual([]);
    expect(listed.recovered).toEqual({ reason, movedTo: expect.stringMatching(/recent-readers\.json\..+\.bad$/) });
    expect(await readFile(listed.recovered!.movedTo, 'utf8')).toBe(text);
    await recent.note('prod', { userId: id(3) });
    // The next reader opened starts a new file; the old one stays where the agent was told.
    expect((await createRecentReaders(path, now).list('prod')).readers.map((r) => r.userId)).toEqual([id(3)]);
    expect(await readFile(listed.recovered!.movedTo, 'utf8')).toBe(text);
    expect((await readdir(dirname(path))).filter((name) => name.endsWith('.bad'))).toHaveLength(1);
  });

  // Issue 18.5: connection ids come from the page.
  it.each(['constructor', '__proto__', 'tostring', 'hasownproperty', 'valueof'])(
    'a connection called %s is a connection like any other',
    async (name) => {
      const path = await tempFile();
      const recent = createRecentReaders(path, now);
      expect(await recent.list(name)).toEqual({ readers: [] });
      await recent.note(name, { userId: id(4) });
      expect((await recent.list(name)).readers.map((r) => r.userId)).toEqual([id(4)]);
      expect((await createRecentReaders(path, now).list(name)).readers.map((r) => r.userId)).toEqual([id(4)]);
      expect(await createRecentReaders(path, now).list('other')).toEqual({ readers: [] });
      await recent.clear(name);
      expect(await recent.list(name)).toEqual({ readers: [] });
    },
  );
});

describe('readers opened are noted', () => {
  const view = (userId: string, name: string): ReaderView => ({ userId, name, known: [], source: 'lookup' });
  const readers: ReaderService = {
    lookup: async (_c, query) => ({
      understoodAs: query,
      queryKind: 'email',
      matches:
        query === 'one@example.com'
          ? [{ userId: id(7), name: 'One', email: 'one@example.com', purchases: 1 }]
          : [
              { userId: id(8), purchases: 1 },
              { userId: id(9), purchases: 1 },
            ],
    }),
    open: async (_c, userId) => view(userId, 'Opened by id'),
    update: async () => {
      throw new Error('not used');
    },
  };

  it('by user id and by a lookup with one match; a lookup with several notes nobody', async () => {
    const recent = createRecentReaders(null, now);
    const noting = withRecentReaders(readers, recent, silentLogger);
    await noting.lookup('prod', 'shared@example.com');
    expect(await recent.list('prod')).toEqual({ readers: [] });
    await noting.lookup('prod', 'one@example.com');
    await noting.open('prod', id(8));
    expect((await recent.list('prod')).readers.map((r) => [r.userId, r.name])).toEqual([
      [id(8), 'Opened by id'],
      [id(7), 'One'],
    ]);
  });

  it('a reader still opens when the list cannot be written', async () => {
    const noting = withRecentReaders(readers, createRecentReaders('/proc/no-such-dir/recent.json', now), silentLogger);
    await expect(noting.open('prod', id(1))).resolves.toMatchObject({ userId: id(1) });
  });
});

describe('a deleted connection', () => {
  // Issue 18.4: its readers' names and emails stayed in recent-readers.json for good.
  it('takes its recent readers with it, on disk too, and leaves the other connections their own', async () => {
    const { mkdtemp: tempDir, rm } = await import('node:fs/promises');
    const { wireBridgeHandlers } = await import('../../main/bridge-services');
    const { createSettingsStore } = await import('../../main/settings/settings-store');
    const { createMemoryCredentialStore } = await import('../helpers/memory-credential-store');
    const { startSimulator, DEMO_CLIENT, SEED_EXAMPLE_USER_ID } = await import('../../simulator');
    const { createConsCentClient } = await import('../../main/conscent/conscent-client');
    const { value } = await import('../helpers/bridge-result');
    const sim = await startSimulator({ userCount: 3, seed: 2 });
    const dir = await tempDir(join(tmpdir(), 'cc-recent-delete-'));
    try {
      const file = appPaths(dir, join(dir, 'logs')).recentReaders;
      const handlers = wireBridgeHandlers({
        connections: createSettingsStore(join(dir, 'settings.json')),
        credentials: createMemoryCredentialStore(),
        createClient: (connection) => createConsCentClient(connection, { timeoutMs: 5000 }),
        logger: silentLogger,
        paths: appPaths(dir, join(dir, 'logs')),
      });
      const fields = { environment: 'custom', baseUrl: sim.baseUrl, clientId: DEMO_CLIENT.clientId } as const;
      const credentials = { apiKey: DEMO_CLIENT.apiKey, apiSecret: DEMO_CLIENT.apiSecret };
      const gone = value(await handlers.saveConnection({ connection: { ...fields, name: 'Gone' }, credentials }));
      const kept = value(await handlers.saveConnection({ connection: { ...fields, name: 'Kept' }, credentials }));
      for (const { id } of [gone, kept]) value(await handlers.openReader({ connectionId: id, userId: SEED_EXAMPLE_USER_ID }));
      value(await handlers.deleteConnection({ id: gone.id }));
      expect(value(await handlers.listRecentReaders({ connectionId: gone.id }))).toEqual({ readers: [] });
      expect(value(await handlers.listRecentReaders({ connectionId: kept.id })).readers).toHaveLength(1);
      const onDisk = JSON.parse(await readOpenText(file, file, 'recent-readers')) as { connections: Record<string, unknown> };
      expect(Object.keys(onDisk.connections)).toEqual([kept.id]);
    } finally {
      await sim.stop();
      await rm(dir, { recursive: true, force: true });
    }
  });
});

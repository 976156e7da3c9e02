import { recoveryWords } from '../../renderer/src/errors/local-failure-words';
import { rejectionWords } from '../helpers/failure-words';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { MAX_SETTINGS_BYTES, createSettingsStore } from '../../main/settings/settings-store';
import type { StoredConnection } from '../../main/settings/settings-schema';
import { tempFolders } from '../helpers/temp-folders';

const tempDir = tempFolders('cc-settings-');

const sandbox: StoredConnection = {
  id: 'p-sandbox',
  name: 'Sandbox',
  environment: 'sandbox',
  baseUrl: 'https://sandbox-api.conscent.in/api/v1',
  clientId: 'client-1',
};

let dir: string;
let file: string;
beforeEach(async () => {
  dir = tempDir();
  file = join(dir, 'settings.json');
});

describe('connection store', () => {
  it('starts empty when there is no settings file yet, without creating one', async () => {
    const { settings, recovered } = await createSettingsStore(file).load();
    expect(settings.connections).toEqual([]);
    expect(recovered).toBeUndefined();
    expect(await readdir(dir)).toEqual([]);
  });

  it('persists connections so a new start reads them back, and makes the first one active', async () => {
    const store = createSettingsStore(file);
    await store.upsert(sandbox);
    await store.upsert({ ...sandbox, id: 'p-prod', name: 'Prod', environment: 'production', baseUrl: 'https://api.conscent.in/api/v1' });
    const { settings } = await createSettingsStore(file).load();
    expect(settings.connections.map((p) => p.name)).toEqual(['Sandbox', 'Prod']);
    expect(settings.activeConnectionId).toBe('p-sandbox');
  });

  it('updates in place, removes, and moves the active connection to one that exists', async () => {
    const store = createSettingsStore(file);
    await store.upsert(sandbox);
    await store.upsert({ ...sandbox, id: 'p-2', name: 'Second' });
    await store.upsert({ ...sandbox, name: 'Renamed' });
    expect(await store.remove('p-sandbox')).toBe(true);
    const { settings } = await createSettingsStore(file).load();
    expect(settings.connections.map((p) => p.name)).toEqual(['Second']);
    expect(settings.activeConnectionId).toBe('p-2');
    expect(await store.remove('missing')).toBe(false);
  });

  it('refuses to activate a connection that does not exist', async () => {
    const store = createSettingsStore(file);
    expect(await rejectionWords(store.setActive('nope'))).toMatch(/no longer exists/);
  });

  it('keeps every write when saves race, and leaves no temp files behind', async () => {
    const store = createSettingsStore(file);
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.upsert({ ...sandbox, id: `p-${i}`, name: `P${i}` })));
    const { settings } = await createSettingsStore(file).load();
    expect(settings.connections).toHaveLength(20);
    expect(await readdir(dir)).toEqual(['settings.json']);
  });

  it('never writes a secret-looking field: the file holds only the non-secret connection fields', async () => {
    await createSettingsStore(file).upsert(sandbox);
    const json = JSON.parse(await readFile(file, 'utf8'));
    expect(Object.keys(json.connections[0]).sort()).toEqual(['baseUrl', 'clientId', 'environment', 'id', 'name']);
  });

  const damaged: [string, string, RegExp][] = [
    ['not JSON at all', 'this is not json', /damaged/],
    ['truncated JSON', '{"version":2,"connections":[{"id":"p-1","na', /damaged/],
    ['an empty file', '', /empty/],
    ['wrong types', JSON.stringify({ version: 2, connections: [{ id: 'p-1', name: 42 }], activeConnectionId: null }), /does not understand/],
    [
      'a plain-http production URL',
      JSON.stringify({ version: 2, connections: [{ ...sandbox, baseUrl: 'http://api.conscent.in' }], activeConnectionId: null }),
      /does not understand/,
    ],
    ['an unknown version', JSON.stringify({ version: 99, connections: [], activeConnectionId: null }), /does not understand/],
  ];
  for (const [label, content, reason] of damaged) {
    it(`keeps a settings file with ${label} aside, says where, and starts empty`, async () => {
      await writeFile(file, content);
      const store = createSettingsStore(file);
      const { settings, recovered } = await store.load();
      expect(settings.connections).toEqual([]);
      expect(recoveryWords(recovered!)).toMatch(reason);
      expect(recoveryWords(recovered!)).toContain(recovered?.movedTo);
      expect(await readFile(recovered!.movedTo, 'utf8')).toBe(content);
      // The agent can re-create a connection, and the bad file is still kept.
      await store.upsert(sandbox);
      expect((await createSettingsStore(file).load()).settings.connections).toHaveLength(1);
      expect(await readFile(recovered!.movedTo, 'utf8')).toBe(content);
    });
  }

  it('keeps a settings file larger than 1 MiB aside unread, says why and where, and starts empty', async () => {
    // Valid JSON with a real connection, padded past the cap: the size alone decides.
    const valid = { version: 2, connections: [sandbox], activeConnectionId: sandbox.id };
    const content = `${JSON.stringify(valid)}${' '.repeat(MAX_SETTINGS_BYTES)}`;
    expect(MAX_SETTINGS_BYTES).toBe(1024 * 1024);
    await writeFile(file, content);
    const store = createSettingsStore(file);
    const { settings, recovered } = await store.load();
    expect(settings.connections).toEqual([]);
    expect(recoveryWords(recovered!)).toMatch(/larger than 1 MiB/);
    expect(recoveryWords(recovered!)).toContain(recovered?.movedTo);
    expect(await readFile(recovered!.movedTo, 'utf8')).toBe(content);
    await store.upsert(sandbox);
    expect((await createSettingsStore(file).load()).settings.connections).toHaveLength(1);
  });

  it('keeps the connections of a version 1 file (which called them profiles) and writes version 2 on the next save', async () => {
    await writeFile(file, JSON.stringify({ version: 1, profiles: [sandbox], activeProfileId: sandbox.id }));
    const store = createSettingsStore(file);
    const { settings, recovered } = await store.load();
    expect(recovered).toBeUndefined();
    expect(settings).toEqual({ version: 2, connections: [sandbox], activeConnectionId: sandbox.id });
    await store.setActive(sandbox.id);
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ version: 2, connections: [sandbox], activeConnectionId: sandbox.id });
  });

  it('still reads a settings file of exactly 1 MiB', async () => {
    const valid = JSON.stringify({ version: 2, connections: [sandbox], activeConnectionId: sandbox.id });
    await writeFile(file, valid.padEnd(MAX_SETTINGS_BYTES, ' '));
    const { settings, recovered } = await createSettingsStore(file).load();
    expect(recovered).toBeUndefined();
    expect(settings.connections).toEqual([sandbox]);
  });

  it('treats an unreadable settings path (a folder in its place) as damaged and keeps it aside', async () => {
    await mkdir(file);
    await writeFile(join(file, 'inner'), 'kept');
    const { recovered } = await createSettingsStore(file).load();
    expect(recoveryWords(recovered!)).toMatch(/could not be read/);
    expect(await readFile(join(recovered!.movedTo, 'inner'), 'utf8')).toBe('kept');
  });

  it('reports a clear error when the settings cannot be written, and keeps the state it had', async () => {
    // The file name is legal but its sibling temp file name is too long: reads find no
    // file, every write fails. (Tests run as root, so permissions cannot stop a write.)
    const store = createSettingsStore(join(dir, `${'s'.repeat(240)}.json`));
    expect(await rejectionWords(store.upsert(sandbox))).toMatch(/could not be saved.*ENAMETOOLONG.*writable/);
    expect((await store.load()).settings.connections).toEqual([]);
  });

  it('blocks every write, with a clear error, when a bad settings path can be neither read nor moved aside', async () => {
    await writeFile(join(dir, 'not-a-dir'), 'a file where a folder should be');
    const store = createSettingsStore(join(dir, 'not-a-dir', 'settings.json'));
    expect(await rejectionWords(store.load())).toMatch(/could not be read and could not be moved aside, so nothing was changed/);
    expect(await rejectionWords(store.upsert(sandbox))).toMatch(/could not be moved aside/);
    expect(await readFile(join(dir, 'not-a-dir'), 'utf8')).toBe('a file where a folder should be');
  });
});

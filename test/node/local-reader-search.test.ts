import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ReaderView } from '../../common/readers-contract';
import { MAX_LOCAL_MATCHES } from '../../common/local-search-limits';
import { memoryDataKeyring } from '../../main/at-rest/data-key';
import { createHistoryService, type HistoryService } from '../../main/history/history-service';
import { findLocalReaders } from '../../main/readers/local-reader-search';
import { createRecentReaders, type RecentReaders } from '../../main/readers/recent-readers';
import type { StoredConnection } from '../../main/settings/settings-schema';
import { STORED_CONNECTION, manualClock, record } from './history-fixtures';
import { tempFolders } from '../helpers/temp-folders';

// Issue 22.5: a name, or part of a name or email, looked for among the readers this
// computer has worked with (recent readers and the change history), both sealed at rest.

const tempDir = tempFolders('cc-local-search-');
const id = (n: number) => n.toString(16).padStart(24, '0');
const OTHER: StoredConnection = { ...STORED_CONNECTION, id: 'other', name: 'Other' };

function consoleIn(dir: string) {
  const clock = manualClock('2026-03-01T09:00:00.000Z');
  // One data key for both stores, as the app's keychain gives them.
  const dataKeys = memoryDataKeyring(dir);
  const history = createHistoryService({
    dir: join(dir, 'history'),
    preferences: async () => undefined,
    savePreferences: async () => undefined,
    savedConnections: async () => [STORED_CONNECTION, OTHER],
    chooseExportPath: async () => null,
    identity: () => ({ osUser: 'maria', machine: 'desk-12' }),
    now: clock.now,
    dataKeys,
  });
  const recent = createRecentReaders(join(dir, 'recent-readers.json'), clock.now, dataKeys);
  return {
    history,
    recent,
    clock,
    find: (text: string, connectionId = STORED_CONNECTION.id) => findLocalReaders({ recent, history }, connectionId, text),
  };
}

async function saveChange(
  history: HistoryService,
  clock: ReturnType<typeof manualClock>,
  reader: { userId: string; name?: string; email?: string },
  changes: Record<string, string>,
  connection = STORED_CONNECTION,
) {
  const before: ReaderView = { ...reader, source: 'lookup', known: ['name', 'email'] };
  const entry = await history.begin({ connection, userId: reader.userId, changes, before });
  await history.finish(entry, { ok: true, message: 'User Details Updated Successfully.', record: record({ userId: reader.userId, ...changes }) });
  clock.advance(60_000);
}

async function note(recent: RecentReaders, clock: ReturnType<typeof manualClock>, reader: { userId: string; name?: string; email?: string }) {
  await recent.note(STORED_CONNECTION.id, reader);
  clock.advance(60_000);
}

describe('finding readers this computer has worked with', () => {
  it('matches part of a name or email in the history and the recent readers, any case, with or without accents', async () => {
    const { history, recent, clock, find } = consoleIn(tempDir());
    await saveChange(history, clock, { userId: id(1), name: 'José Núñez', email: 'jose.nunez@example.com' }, { phone: '9000000001' });
    await note(recent, clock, { userId: id(2), name: 'Zoë Fernandes', email: 'zoe@example.org' });
    await note(recent, clock, { userId: id(3), name: 'Asha Verma', email: 'asha@example.com' });

    expect((await find('NUNEZ')).readers.map((r) => r.userId)).toEqual([id(1)]);
    expect((await find('josé nú')).readers.map((r) => r.userId)).toEqual([id(1)]);
    expect((await find('zoe f')).readers).toMatchObject([{ userId: id(2), name: 'Zoë Fernandes', foundIn: ['recent'] }]);
    expect((await find('ZOË')).readers.map((r) => r.userId)).toEqual([id(2)]);
    // Part of an email finds the reader too, newest worked on first.
    const byDomain = await find('@example.');
    expect(byDomain.readers.map((r) => r.userId)).toEqual([id(3), id(2), id(1)]);
    expect(byDomain.readers[2]).toMatchObject({ email: 'jose.nunez@example.com', lastWorkedAt: '2026-03-01T09:00:00.000Z', foundIn: ['history'] });
    expect(byDomain.total).toBe(3);
    // Never by user id: that is ConsCent's own search.
    expect((await find(id(1).slice(-6))).readers).toEqual([]);
    expect(await find('priya')).toEqual({ readers: [], total: 0 });
    // The History screen's reader filter folds the same way.
    expect((await history.list({ reader: 'Jose Nunez' }, 0, 10)).total).toBe(1);
  });

  it('names a reader as the newest change left them, finds them by the old name too, and joins both places', async () => {
    const { history, recent, clock, find } = consoleIn(tempDir());
    await note(recent, clock, { userId: id(1), name: 'Priya Sharma', email: 'priya@example.com' });
    await saveChange(history, clock, { userId: id(1), name: 'Priya Sharma', email: 'priya@example.com' }, { name: 'Priya Iyer' });
    const [found] = (await find('sharma')).readers;
    expect(found).toEqual({
      userId: id(1),
      name: 'Priya Iyer',
      email: 'priya@example.com',
      lastWorkedAt: '2026-03-01T09:01:00.000Z',
      foundIn: ['recent', 'history'],
    });
    expect((await find('iyer')).total).toBe(1);
  });

  it('keeps to the connection asked about', async () => {
    const { history, recent, clock, find } = consoleIn(tempDir());
    await saveChange(history, clock, { userId: id(1), name: 'Ravi Verma' }, { phone: '9000000001' }, OTHER);
    await recent.note(OTHER.id, { userId: id(2), name: 'Ravi Kumar' });
    expect((await find('ravi')).readers).toEqual([]);
    expect((await find('ravi', OTHER.id)).readers.map((r) => r.userId).sort()).toEqual([id(1), id(2)]);
  });

  it(`answers at most ${MAX_LOCAL_MATCHES}, the most recently worked on, and says how many matched`, async () => {
    const { history, clock, find } = consoleIn(tempDir());
    for (let n = 1; n <= MAX_LOCAL_MATCHES + 5; n++)
      await saveChange(history, clock, { userId: id(n), name: `Reader Kumar ${n}` }, { phone: '9000000001' });
    const found = await find('kumar');
    expect(found.total).toBe(MAX_LOCAL_MATCHES + 5);
    expect(found.readers).toHaveLength(MAX_LOCAL_MATCHES);
    expect(found.readers[0]!.name).toBe(`Reader Kumar ${MAX_LOCAL_MATCHES + 5}`);
    expect(found.readers.at(-1)!.name).toBe('Reader Kumar 6');
  });

  it('finds readers in sealed files after a restart, whose names are not in the files as text', async () => {
    const dir = tempDir();
    const first = consoleIn(dir);
    await saveChange(first.history, first.clock, { userId: id(1), name: 'Meera Krishnan', email: 'meera@example.com' }, { phone: '9000000001' });
    await note(first.recent, first.clock, { userId: id(2), name: 'Meera Pillai' });
    const files = [
      join(dir, 'recent-readers.json'),
      ...(await readdir(join(dir, 'history'))).filter((f) => f.endsWith('.jsonl')).map((f) => join(dir, 'history', f)),
    ];
    expect(files.length).toBeGreaterThan(1);
    for (const file of files) expect(await readFile(file, 'latin1')).not.toMatch(/Meera|Krishnan|Pillai/);

    const again = consoleIn(dir); // a new console over the same folder reads the sealed files back
    const found = await again.find('MEERA');
    expect(found.readers.map((r) => [r.userId, r.foundIn])).toEqual([
      [id(2), ['recent']],
      [id(1), ['history']],
    ]);
  });

  it('says which place could not be searched, and still answers from the other', async () => {
    const { recent, clock } = consoleIn(tempDir());
    await note(recent, clock, { userId: id(1), name: 'Asha Verma' });
    const lockedHistory = { findReaders: () => Promise.reject(Object.assign(new Error('locked'), { kind: 'keychain' })) };
    const found = await findLocalReaders({ recent, history: lockedHistory }, STORED_CONNECTION.id, 'asha');
    expect(found).toMatchObject({ readers: [{ userId: id(1) }], unsearched: ['history'] });
  });
});

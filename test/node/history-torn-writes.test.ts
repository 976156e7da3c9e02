import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openJournal } from '../../main/history/journal';
import { faultyJournalFs } from '../helpers/faulty-journal-fs';
import { pendingInput, record } from './history-fixtures';

// Issue 17 items 2 and 9: an append that fails part-way (a full disk, an fsync answering
// EIO) leaves the history file exactly as it was, and the journal's memory (the chain, the
// index) as the file is, so the next entry is never glued onto a torn line. Faults come
// through the journal's fs seam, never by patching node's fs.

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cc-torn-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const everything = {};
const journalBytes = async () => {
  const [name] = await readdir(dir);
  return readFile(join(dir, name!));
};

async function oneSaved(journal: Awaited<ReturnType<typeof openJournal>>, phone: string): Promise<number> {
  const id = await journal.recordPending(pendingInput({ changes: [{ field: 'phone', before: null, after: phone }] }));
  await journal.complete(id, { outcome: 'saved', message: 'ok', record: record({ phone }) });
  return id;
}

describe('an append that fails part-way', () => {
  it('fsync failing (EIO) on a pending line: the change is refused, the file is as before, later changes chain on', async () => {
    const { fs, faults } = faultyJournalFs();
    const journal = await openJournal({ dir, retentionDays: 180, fs });
    await oneSaved(journal, '1111');
    const before = await journalBytes();

    faults.sync = 1;
    await expect(journal.recordPending(pendingInput())).rejects.toMatchObject({ code: 'EIO' });
    expect((await journalBytes()).equals(before)).toBe(true);
    expect((await journal.list(everything, 0, 10)).total).toBe(1);

    await oneSaved(journal, '3333');
    const reopened = await openJournal({ dir, retentionDays: 180 });
    const page = await reopened.list(everything, 0, 10);
    expect(page.problems).toEqual([]);
    expect(page.entries.map((e) => [e.status, e.changes[0]!.after])).toEqual([
      ['saved', '3333'],
      ['saved', '1111'],
    ]);
  });

  it('fsync failing (EIO) on an outcome line: the change shows "outcome unknown", now and after a restart, never saved', async () => {
    const { fs, faults } = faultyJournalFs();
    const journal = await openJournal({ dir, retentionDays: 180, fs });
    const id = await journal.recordPending(pendingInput());
    const before = await journalBytes();
    faults.sync = 1;
    await expect(journal.complete(id, { outcome: 'saved', message: 'ok', record: record() })).rejects.toMatchObject({ code: 'EIO' });
    expect((await journalBytes()).equals(before)).toBe(true);
    expect((await journal.list(everything, 0, 10)).entries[0]).toMatchObject({ id, status: 'unknown' });

    await oneSaved(journal, '2222');
    const page = await (await openJournal({ dir, retentionDays: 180 })).list(everything, 0, 10);
    expect(page.problems).toEqual([]);
    expect(page.entries.map((e) => [e.id, e.status])).toEqual([
      [id + 1, 'saved'],
      [id, 'unknown'],
    ]);
  });

  it('a write cut half-way (ENOSPC) whose cut-back fails too: the next change repairs the file first, nothing is glued', async () => {
    const { fs, faults } = faultyJournalFs();
    const journal = await openJournal({ dir, retentionDays: 180, fs });
    await oneSaved(journal, '1111');
    const before = await journalBytes();

    faults.tornWrite = 1;
    faults.truncate = 1;
    await expect(journal.recordPending(pendingInput())).rejects.toMatchObject({ code: 'ENOSPC', restored: false });
    expect((await journalBytes()).length).toBeGreaterThan(before.length); // half a line is still there

    // The repair fails again: this change is refused too (nothing would be sent).
    faults.truncate = 1;
    await expect(journal.recordPending(pendingInput())).rejects.toMatchObject({ code: 'EIO' });

    await oneSaved(journal, '4444');
    const page = await (await openJournal({ dir, retentionDays: 180 })).list(everything, 0, 10);
    expect(page.problems).toEqual([]);
    expect(page.entries.map((e) => [e.status, e.changes[0]!.after])).toEqual([
      ['saved', '4444'],
      ['saved', '1111'],
    ]);
  });
});

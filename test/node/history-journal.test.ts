import { spawn } from 'node:child_process';
import { appendFile, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openJournal } from '../../main/history/journal';
import { fixedDataKeyring, readOpenLines } from '../helpers/sealed-lines';
import { manualClock, pendingInput, record } from './history-fixtures';

// The journal on real files in a temp folder: what a crash, a damaged line, an edited
// line, a new month, the retention setting and two saves at once leave behind.

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cc-history-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const everything = {};
// Opened: tests edit what a line says (as plain, older lines, which the console still reads).
const lines = (name: string) => readOpenLines(dir, join(dir, name));

describe('recording a change', () => {
  it('pending is on disk (mode 0600) before the PATCH; saved completes it with ConsCent message and record', async () => {
    const journal = await openJournal({ dir, retentionDays: 180 });
    const id = await journal.recordPending(pendingInput());
    const [file] = await readdir(dir);
    expect(file).toMatch(/^\d{4}-\d{2}\.jsonl$/);
    expect((await stat(join(dir, file!))).mode & 0o777).toBe(0o600);
    expect((await stat(dir)).mode & 0o777).toBe(0o700);
    expect(await lines(file!)).toHaveLength(1);
    expect((await journal.list(everything, 0, 10)).entries[0]).toMatchObject({ id, status: 'sending' });

    await journal.complete(id, { outcome: 'saved', message: 'User Details Updated Successfully.', record: record() });
    expect(await lines(file!)).toHaveLength(2);
    const reopened = await openJournal({ dir, retentionDays: 180 });
    const page = await reopened.list(everything, 0, 10);
    expect(page.problems).toEqual([]);
    expect(page.entries[0]).toMatchObject({
      id,
      status: 'saved',
      message: 'User Details Updated Successfully.',
      agent: { osUser: 'maria', displayName: 'Maria K.' },
      machine: 'desk-12',
      connection: { name: 'Local simulator', host: '127.0.0.1:4010', clientId: 'demo-client' },
      changes: [{ field: 'phone', before: null, after: '9876501234' }],
    });
    expect(JSON.stringify(page)).not.toContain('"record"');
  });

  it('pending then failed keeps the error kind', async () => {
    const journal = await openJournal({ dir, retentionDays: 180 });
    const id = await journal.recordPending(pendingInput());
    await journal.complete(id, { outcome: 'failed', errorKind: 'server-error' });
    const page = await (await openJournal({ dir, retentionDays: 180 })).list(everything, 0, 10);
    expect(page.entries[0]).toMatchObject({ id, status: 'failed', errorKind: 'server-error' });
  });

  it('a process killed between pending and outcome leaves "outcome unknown" at the next start, never saved or dropped', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('../helpers/journal-crash-child.ts', import.meta.url)), dir], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const id = await new Promise<number>((resolve, reject) => {
      let out = '';
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        out += chunk;
        const match = /pending (\d+)\n/.exec(out);
        if (match) resolve(Number(match[1]));
      });
      child.once('exit', (code) => reject(new Error(`child exited early (${code})`)));
    });
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('close', resolve));

    const journal = await openJournal({ dir, retentionDays: 180, dataKeys: fixedDataKeyring() });
    const page = await journal.list(everything, 0, 10);
    expect(page.entries).toHaveLength(1);
    expect(page.entries[0]).toMatchObject({ id, status: 'unknown', interrupted: true });
    expect((await journal.list({ outcome: 'unknown' }, 0, 10)).total).toBe(1);
    expect((await journal.list({ outcome: 'saved' }, 0, 10)).total).toBe(0);
    // The history goes on after it, chain intact.
    await journal.recordPending(pendingInput());
    expect((await (await openJournal({ dir, retentionDays: 180, dataKeys: fixedDataKeyring() })).list(everything, 0, 10)).problems).toEqual([]);
  });

  it('two readers saved at once: both recorded, chained, each with its own outcome', async () => {
    const journal = await openJournal({ dir, retentionDays: 180 });
    const [a, b] = await Promise.all([
      journal.recordPending(pendingInput({ userId: 'aaaaaaaaaaaaaaaaaaaaaaaa' })),
      journal.recordPending(pendingInput({ userId: 'bbbbbbbbbbbbbbbbbbbbbbbb' })),
    ]);
    await Promise.all([
      journal.complete(b!, { outcome: 'failed', errorKind: 'timeout' }),
      journal.complete(a!, { outcome: 'saved', message: 'ok', record: record({ userId: 'aaaaaaaaaaaaaaaaaaaaaaaa' }) }),
    ]);
    const page = await (await openJournal({ dir, retentionDays: 180 })).list(everything, 0, 10);
    expect(page.problems).toEqual([]);
    expect(page.entries.map((e) => [e.userId, e.status])).toEqual([
      ['bbbbbbbbbbbbbbbbbbbbbbbb', 'failed'],
      ['aaaaaaaaaaaaaaaaaaaaaaaa', 'saved'],
    ]);
  });
});

describe('damage is reported and the rest stays usable', () => {
  async function threeEntries(): Promise<string> {
    const journal = await openJournal({ dir, retentionDays: 180 });
    for (const phone of ['1111', '2222', '3333']) {
      const id = await journal.recordPending(pendingInput({ changes: [{ field: 'phone', before: null, after: phone }] }));
      await journal.complete(id, { outcome: 'saved', message: 'ok' });
    }
    return (await readdir(dir))[0]!;
  }

  it('an unreadable line: which file and line, and the other entries still listed', async () => {
    const file = await threeEntries();
    const text = await lines(file);
    text[2] = '{"v":1,"type":"pend'; // entry 2's pending line, cut
    await writeFile(join(dir, file), `${text.join('\n')}\n`);
    const page = await (await openJournal({ dir, retentionDays: 180 })).list(everything, 0, 10);
    expect(page.problems).toContainEqual({ file, line: 3, problem: expect.stringMatching(/unreadable/) });
    expect(page.entries.map((e) => e.id)).toEqual([3, 1]);
  });

  it('an edited line breaks the chain at the entry after it', async () => {
    const file = await threeEntries();
    const text = await lines(file);
    text[0] = text[0]!.replace('1111', '1112');
    await writeFile(join(dir, file), `${text.join('\n')}\n`);
    const page = await (await openJournal({ dir, retentionDays: 180 })).list(everything, 0, 10);
    expect(page.problemCount).toBe(1);
    expect(page.problems[0]).toMatchObject({ file, line: 2, entryId: 1, problem: expect.stringMatching(/chain is broken/) });
    expect(page.entries).toHaveLength(3);
  });

  it('a removed first line is reported: the history does not start where it should', async () => {
    const file = await threeEntries();
    const text = await lines(file);
    await writeFile(join(dir, file), `${text.slice(2).join('\n')}\n`);
    const page = await (await openJournal({ dir, retentionDays: 180 })).list(everything, 0, 10);
    expect(page.problems[0]).toMatchObject({ line: 1, problem: expect.stringMatching(/does not start where it should/) });
  });

  it('a last line cut short by a crash is reported once; later entries chain on after it', async () => {
    const file = await threeEntries();
    await appendFile(join(dir, file), '{"v":1,"type":"pending","id":4');
    const journal = await openJournal({ dir, retentionDays: 180 });
    expect(journal.problems()).toHaveLength(1);
    const id = await journal.recordPending(pendingInput());
    await journal.complete(id, { outcome: 'saved', message: 'ok' });
    const again = await openJournal({ dir, retentionDays: 180 });
    expect(again.problems()).toEqual([expect.objectContaining({ line: 7, problem: expect.stringMatching(/unreadable/) })]);
    expect((await again.list(everything, 0, 10)).entries[0]).toMatchObject({ id, status: 'saved' });
  });
});

describe('months and retention', () => {
  it('a change sent at the end of a month and answered in the next spans two files, chain intact', async () => {
    const clock = manualClock('2025-11-30T23:59:59.900Z');
    const journal = await openJournal({ dir, retentionDays: 180, now: clock.now });
    const id = await journal.recordPending(pendingInput());
    clock.set('2025-12-01T00:00:00.300Z');
    await journal.complete(id, { outcome: 'saved', message: 'ok' });
    expect(await readdir(dir)).toEqual(['2025-11.jsonl', '2025-12.jsonl', 'tail.json']);
    const page = await (await openJournal({ dir, retentionDays: 180, now: clock.now })).list(everything, 0, 10);
    expect(page.problems).toEqual([]);
    expect(page.entries[0]).toMatchObject({ id, status: 'saved', completedAt: '2025-12-01T00:00:00.300Z' });
  });

  it('entries older than the retention are purged at start, inside a month file too, without breaking the chain', async () => {
    const clock = manualClock('2025-01-05T10:00:00.000Z');
    const journal = await openJournal({ dir, retentionDays: 180, now: clock.now });
    for (const at of ['2025-01-05T10:00:00Z', '2025-03-10T10:00:00Z', '2025-03-20T10:00:00Z', '2025-09-01T10:00:00Z']) {
      clock.set(at);
      const id = await journal.recordPending(pendingInput());
      await journal.complete(id, { outcome: 'saved', message: 'ok' });
    }
    clock.set('2025-09-12T10:00:00Z'); // 180 days back: 2025-03-16
    const purged = await openJournal({ dir, retentionDays: 180, now: clock.now });
    const page = await purged.list(everything, 0, 10);
    expect(page.entries.map((e) => e.at)).toEqual(['2025-09-01T10:00:00.000Z', '2025-03-20T10:00:00.000Z']);
    expect(page.problems).toEqual([]);
    expect((await readdir(dir)).sort()).toEqual(['2025-03.jsonl', '2025-09.jsonl', 'anchor.json', 'tail.json']);
    expect(await lines('2025-03.jsonl')).toHaveLength(2);
    // And the next start finds nothing wrong either.
    expect((await openJournal({ dir, retentionDays: 180, now: clock.now })).problems()).toEqual([]);
  });

  it('clearing removes every entry; the next one chains on the signed tombstone it leaves', async () => {
    const journal = await openJournal({ dir, retentionDays: 180 });
    await journal.recordPending(pendingInput());
    expect(await journal.clear({ agent: { osUser: 'maria' }, machine: 'desk-12' })).toBe(1);
    const [file] = (await readdir(dir)).filter((name) => name.endsWith('.jsonl'));
    expect((await lines(file!)).map((line) => JSON.parse(line) as unknown)).toEqual([
      expect.objectContaining({ type: 'tombstone', what: 'cleared', entries: 1, agent: { osUser: 'maria' } }),
    ]);
    await journal.recordPending(pendingInput());
    const again = await openJournal({ dir, retentionDays: 180 });
    expect(again.problems()).toEqual([]);
    expect((await again.list(everything, 0, 10)).total).toBe(1);
  });
});

describe('filters and pages', () => {
  it('by reader (id, email or name), connection, date range and outcome; newest first, one page at a time', async () => {
    const clock = manualClock('2025-06-01T09:00:00Z');
    const journal = await openJournal({ dir, retentionDays: 3650, now: clock.now });
    for (let i = 0; i < 30; i += 1) {
      clock.advance(60 * 60 * 1000);
      const userId = (i % 3).toString().repeat(24);
      const id = await journal.recordPending(
        pendingInput({
          userId,
          reader: { name: `Reader ${i % 3}`, email: `r${i % 3}@example.com` },
          connection: { ...pendingInput().connection, connectionId: i < 20 ? 'local' : 'other' },
        }),
      );
      await journal.complete(id, i % 5 === 0 ? { outcome: 'failed', errorKind: 'server-error' } : { outcome: 'saved', message: 'ok' });
    }
    const first = await journal.list(everything, 0, 10);
    expect(first.total).toBe(30);
    expect(first.entries.map((e) => e.id)).toEqual([30, 29, 28, 27, 26, 25, 24, 23, 22, 21]);
    expect((await journal.list(everything, 25, 10)).entries.map((e) => e.id)).toEqual([5, 4, 3, 2, 1]);
    expect((await journal.list({ reader: 'R1@EXAMPLE' }, 0, 100)).total).toBe(10);
    expect((await journal.list({ reader: 'reader 2' }, 0, 100)).total).toBe(10);
    expect((await journal.list({ userId: '0'.repeat(24) }, 0, 100)).total).toBe(10);
    expect((await journal.list({ connectionId: 'other' }, 0, 100)).total).toBe(10);
    expect((await journal.list({ outcome: 'failed' }, 0, 100)).total).toBe(6);
    expect((await journal.list({ from: '2025-06-01T12:00:00Z', to: '2025-06-01T14:00:00Z' }, 0, 100)).entries.map((e) => e.id)).toEqual([5, 4, 3]);
  });
});

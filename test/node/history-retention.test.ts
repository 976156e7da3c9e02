import { access, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openJournal } from '../../main/history/journal';
import { readOpenLines, readOpenText } from '../helpers/sealed-lines';
import { manualClock, pendingInput } from './history-fixtures';

// Issue 17 item 3: the retention purge removes only entries it has read and dated. A line
// it cannot read stays where it is and is reported, with everything after it; anchor.json
// is never written to make a damaged start look like a purge.

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cc-retention-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const everything = {};
const clock = manualClock('2025-01-05T10:00:00.000Z');
// Opened: the lines as the console reads them (a plain line a test wrote is sealed at the next open).
const lines = (name: string) => readOpenLines(dir, join(dir, name));
const exists = (name: string) =>
  access(join(dir, name)).then(
    () => true,
    () => false,
  );

/** One saved change at each time; the journal is then opened on 2025-09-12 with 180 days (cutoff 2025-03-16). */
async function savedAt(...times: string[]): Promise<void> {
  const journal = await openJournal({ dir, retentionDays: 180, now: clock.now });
  for (const at of times) {
    clock.set(at);
    const id = await journal.recordPending(pendingInput({ changes: [{ field: 'phone', before: null, after: at.slice(0, 10) }] }));
    await journal.complete(id, { outcome: 'saved', message: 'ok' });
  }
  clock.set('2025-09-12T10:00:00Z');
}

const reopen = () => openJournal({ dir, retentionDays: 180, now: clock.now });

describe('retention never removes what it cannot read', () => {
  it('a month file of garbage at the start stays, is reported, and nothing after it is removed', async () => {
    await savedAt('2025-01-05T10:00:00Z', '2025-09-01T10:00:00Z');
    const garbage = 'this is not a history line\n\u0000\u0001 neither is this\n';
    await writeFile(join(dir, '2024-12.jsonl'), garbage);

    const page = await (await reopen()).list(everything, 0, 10);
    expect(await readOpenText(dir, join(dir, '2024-12.jsonl'))).toBe(garbage);
    expect(page.problems).toContainEqual({ file: '2024-12.jsonl', line: 1, problem: expect.stringMatching(/unreadable/) });
    expect(page.problems).toContainEqual({ file: '2024-12.jsonl', line: 1, problem: expect.stringMatching(/retention purge stopped/) });
    // The January change is older than the retention, but it comes after the damaged line.
    expect(page.entries.map((e) => e.at)).toEqual(['2025-09-01T10:00:00.000Z', '2025-01-05T10:00:00.000Z']);
    expect(await exists('anchor.json')).toBe(false);
  });

  it('a garbled first line stays in its file and is reported; anchor.json is not written to hide it', async () => {
    await savedAt('2025-01-05T10:00:00Z', '2025-03-20T10:00:00Z', '2025-09-01T10:00:00Z');
    const january = await lines('2025-01.jsonl');
    const garbled = `${january[0]!.slice(0, 40)}###garbled###`;
    await writeFile(join(dir, '2025-01.jsonl'), `${[garbled, ...january.slice(1)].join('\n')}\n`);

    const journal = await reopen();
    expect(await lines('2025-01.jsonl')).toEqual([garbled, ...january.slice(1)]);
    expect(await exists('anchor.json')).toBe(false);
    const page = await journal.list(everything, 0, 10);
    expect(page.problems).toContainEqual({ file: '2025-01.jsonl', line: 1, problem: expect.stringMatching(/unreadable/) });
    expect(page.problems).toContainEqual(
      expect.objectContaining({ file: '2025-01.jsonl', line: 2, problem: expect.stringMatching(/chain is broken/) }),
    );
    expect(page.problems).toContainEqual({ file: '2025-01.jsonl', line: 1, problem: expect.stringMatching(/retention purge stopped/) });
  });

  it('old lines before a damaged one are purged; the damaged line and what follows stay, and the chain still checks them', async () => {
    await savedAt('2025-01-05T10:00:00Z', '2025-01-06T10:00:00Z', '2025-09-01T10:00:00Z');
    const january = await lines('2025-01.jsonl');
    await writeFile(join(dir, '2025-01.jsonl'), `${[january[0], january[1], '{"v":1,"type":"pend', january[3]].join('\n')}\n`);

    const page = await (await reopen()).list(everything, 0, 10);
    // The first change's two lines went; the cut line is now line 1 of its file.
    expect(await lines('2025-01.jsonl')).toEqual(['{"v":1,"type":"pend', january[3]]);
    expect(page.problems).toContainEqual({ file: '2025-01.jsonl', line: 1, problem: expect.stringMatching(/unreadable/) });
    expect(page.problems).toContainEqual({ file: '2025-01.jsonl', line: 1, problem: expect.stringMatching(/retention purge stopped/) });
    expect(page.problems.some((p) => /does not start where it should/.test(p.problem))).toBe(false);
    expect((await readdir(dir)).sort()).toEqual(['2025-01.jsonl', '2025-09.jsonl', 'anchor.json', 'tail.json']);
    expect(page.entries.map((e) => e.at)).toEqual(['2025-09-01T10:00:00.000Z']);
  });
});

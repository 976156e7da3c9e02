import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openJournal } from '../../main/history/journal';
import { readOpenLines } from '../helpers/sealed-lines';
import { lastKnownRecord } from '../../main/history/last-known';
import { CONNECTION, pendingInput, record } from './history-fixtures';

// Issue 17 item 7: opening the history does not parse the record ConsCent returned (the
// last key of an outcome line), so a line cut inside it used to open as "saved" with no
// message, no completion time and no problem. It is reported, the entry keeps what its
// readable part says, and the lost record is never replaced by an older one.

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cc-record-cut-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const everything = {};
const ORIGIN = { connectionId: CONNECTION.connectionId, baseUrl: CONNECTION.baseUrl, clientId: CONNECTION.clientId };

async function twoSaves(): Promise<{ file: string; text: string[] }> {
  const journal = await openJournal({ dir, retentionDays: 180 });
  for (const phone of ['1111111111', '2222222222']) {
    const id = await journal.recordPending(pendingInput({ changes: [{ field: 'phone', before: null, after: phone }] }));
    await journal.complete(id, { outcome: 'saved', message: 'User Details Updated Successfully.', record: record({ phone, gender: 'MALE' }) });
  }
  const [file] = await readdir(dir);
  return { file: file!, text: await readOpenLines(dir, join(dir, file!)) };
}

/** The line cut inside its record, as a crash or a full disk leaves it. */
const cutInRecord = (line: string) => line.slice(0, line.indexOf('"shippingAddress"') + 30);

describe('a sealed outcome line cut short (a crash mid-write)', () => {
  it('cannot be opened: the entry reads "outcome unknown", is reported, and never counts as saved', async () => {
    await twoSaves();
    const [file] = await readdir(dir);
    const stored = await readFile(join(dir, file!), 'latin1');
    // The file as the crash left it: the last line's first 100 bytes, no newline.
    const cutAt = stored.lastIndexOf('\n', stored.length - 2) + 100;
    await writeFile(join(dir, file!), stored.slice(0, cutAt), 'latin1');

    const page = await (await openJournal({ dir, retentionDays: 180 })).list(everything, 0, 10);
    expect(page.problems).toContainEqual({ file, line: 4, problem: expect.stringMatching(/cannot be decrypted/) });
    expect(page.entries[0]).toMatchObject({ id: 2, status: 'unknown' });
    expect(page.entries[1]).toMatchObject({ id: 1, status: 'saved' });
  });
});

// Lines written before the history was encrypted (plain JSON) are still read this way.
describe('an outcome line cut inside the record ConsCent returned', () => {
  it('as the last line (a crash): reported for its entry, which keeps its message and completion time', async () => {
    const { file, text } = await twoSaves();
    await writeFile(join(dir, file), `${[...text.slice(0, 3), cutInRecord(text[3]!)].join('\n')}`);

    const page = await (await openJournal({ dir, retentionDays: 180 })).list(everything, 0, 10);
    expect(page.problems).toContainEqual({
      file,
      line: 4,
      entryId: 2,
      problem: expect.stringMatching(/cut short inside the record ConsCent returned/),
    });
    expect(page.entries[0]).toMatchObject({ id: 2, status: 'saved', message: 'User Details Updated Successfully.', completedAt: expect.any(String) });
  });

  it('in the middle of a file (more lines after it): reported too', async () => {
    const { file, text } = await twoSaves();
    await writeFile(join(dir, file), `${[text[0], cutInRecord(text[1]!), ...text.slice(2)].join('\n')}\n`);

    const page = await (await openJournal({ dir, retentionDays: 180 })).list(everything, 0, 10);
    expect(page.problems).toContainEqual({
      file,
      line: 2,
      entryId: 1,
      problem: expect.stringMatching(/cut short inside the record ConsCent returned/),
    });
    expect(page.entries[1]).toMatchObject({ id: 1, status: 'saved', completedAt: expect.any(String) });
  });

  it('last known values never come from the cut record, nor from an older one for the fields that change set', async () => {
    const { file, text } = await twoSaves();
    await writeFile(join(dir, file), `${[...text.slice(0, 3), cutInRecord(text[3]!)].join('\n')}`);

    const known = await lastKnownRecord(await openJournal({ dir, retentionDays: 180 }), ORIGIN, '681c74b2333e169d16a7e58b');
    // The first save's record still says the gender; its phone was replaced by the second save.
    expect(known?.view.gender).toBe('MALE');
    expect(known?.view.phone).toBeUndefined();
    expect(known?.view.known).not.toContain('phone');
  });
});

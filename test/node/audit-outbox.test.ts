import { appendFile, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AuditEventBody } from '../../main/audit/audit-event';
import { CURSOR_FILE, OUTBOX_FILE, OutboxFullError, openOutbox, type WhenFull } from '../../main/audit/outbox';
import { lineCodec } from '../../main/at-rest/sealed-text';
import { fixedDataKeyring } from '../helpers/sealed-lines';
import { tempFolders } from '../helpers/temp-folders';

// The audit outbox (issue 20 item 3) on its own: sealed lines, numbered without gaps across
// restarts, bounded, and what happens to saves when it is full.

const newDir = tempFolders('conscent-outbox-');
const codec = async () => lineCodec(await fixedDataKeyring().get(), 'audit-outbox');
const open = async (dir: string, capacity = 100, whenFull: WhenFull = 'keep-saving') =>
  openOutbox({ dir, codec: await codec(), capacity, whenFull, machine: 'desk-12' });
const body = (i: number): AuditEventBody => ({
  kind: 'test',
  at: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(),
  machine: 'desk-12',
  readerId: `reader-${i}`,
});

describe('audit outbox', () => {
  it('keeps events sealed, and after a restart sends only what the collector does not have, numbering on', async () => {
    const dir = newDir();
    const first = await open(dir);
    for (let i = 1; i <= 5; i += 1) await first.add(body(i));
    await first.ack(3);
    const text = await readFile(join(dir, OUTBOX_FILE), 'utf8');
    expect(text).not.toContain('reader-1');
    expect(
      text
        .split('\n')
        .filter(Boolean)
        .every((line) => line.startsWith('cc1:')),
    ).toBe(true);

    const again = await open(dir);
    expect((await again.peek(0, 10)).map((e) => e.seq)).toEqual([4, 5]);
    const added = await again.add(body(6));
    expect('added' in added && added.added.eventId).toBe(`${again.state().installId}-6`);
    expect(again.state()).toMatchObject({ waiting: 3, acked: 3, lastSeq: 6 });
  });

  it('cuts back a line a crash left half written, and gives its number again', async () => {
    const dir = newDir();
    const outbox = await open(dir);
    await outbox.add(body(1));
    await outbox.add(body(2));
    await appendFile(join(dir, OUTBOX_FILE), 'cc1:abcdef12:AAAA'); // torn: no newline, does not open
    const size = (await stat(join(dir, OUTBOX_FILE))).size;
    const again = await open(dir);
    expect((await stat(join(dir, OUTBOX_FILE))).size).toBe(size - 'cc1:abcdef12:AAAA'.length);
    const added = await again.add(body(3));
    expect('added' in added && added.added.seq).toBe(3);
    expect((await again.peek(0, 10)).map((e) => e.readerId)).toEqual(['reader-1', 'reader-2', 'reader-3']);
  });

  it('says when it is filling and full; by default saves go on, the drop is counted and reported once there is room', async () => {
    const dir = newDir();
    const outbox = await open(dir, 100);
    for (let i = 1; i <= 80; i += 1) await outbox.add(body(i));
    expect(outbox.state()).toMatchObject({ filling: true, full: false });
    for (let i = 81; i <= 100; i += 1) await outbox.add(body(i));
    expect(outbox.state()).toMatchObject({ full: true, waiting: 100 });
    expect(await outbox.add(body(101))).toEqual({ dropped: 1 });
    expect(await outbox.add(body(102))).toEqual({ dropped: 2 });
    // The count survives a restart (cursor.json), then is reported as its own event.
    expect(JSON.parse(await readFile(join(dir, CURSOR_FILE), 'utf8'))).toMatchObject({ dropped: 2 });
    const again = await open(dir, 100);
    await again.ack(10);
    const waiting = await again.peek(0, 200);
    expect(waiting.at(-1)).toMatchObject({ kind: 'dropped', seq: 101, dropped: { count: 2, since: body(101).at } });
    expect(again.state()).toMatchObject({ dropped: 0, waiting: 91, filling: true, full: false });
  });

  it('refuses the save when full, when the setting says so', async () => {
    const dir = newDir();
    const outbox = await open(dir, 100, 'refuse-saves');
    for (let i = 1; i <= 100; i += 1) await outbox.add(body(i));
    await expect(outbox.add(body(101))).rejects.toBeInstanceOf(OutboxFullError);
    await outbox.ack(1);
    expect('added' in (await outbox.add(body(101)))).toBe(true);
  });
});

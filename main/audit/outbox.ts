import { rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { LineCodec } from '../at-rest/sealed-text';
import { appendDurably, ensureFolder, repairTail, scanLines } from '../history/journal-files';
import type { Logger } from '../logging/logger';
import type { AuditEvent, AuditEventBody } from './audit-event';
import {
  OUTBOX_FILE,
  compactOutbox,
  parseEvent,
  readCursor,
  readEventsAt,
  readInstallId,
  writeCursor,
  type Cursor,
  type Place,
} from './outbox-files';

// The audit outbox (issue 20): events waiting to reach the collector, on disk so a crash,
// a lost connection or a collector down for hours loses none of them.
//
// - outbox.jsonl: one event a line, each sealed with the data key (purpose 'audit-outbox',
//   main/at-rest/), appended and flushed (fsync) before `add` resolves.
// - cursor.json: the highest `seq` the collector has (acknowledged), how many events were
//   dropped for want of room and since when; written atomically (temp file, fsync, rename).
// - install-id: this data folder's id, the first half of every event id.
//
// An event is waiting while its seq is above the cursor. Acknowledged lines are cut away
// when nothing is waiting (the file is emptied) and at open. A line a crash cut short was
// never reported written, so it is cut back at open and its seq is used again.
// This file is the queue and its rules (numbering, room, acknowledging); how each file is
// read and rewritten is in outbox-files.ts.

export { CURSOR_FILE, INSTALL_ID_FILE, OUTBOX_FILE } from './outbox-files';
/** The app says the outbox is filling from this share of its size. */
export const FILLING_AT = 0.8;
/** An empty outbox whose file grew past this is emptied. */
const COMPACT_BYTES = 1024 * 1024;

export type WhenFull = 'keep-saving' | 'refuse-saves';

export interface OutboxOptions {
  dir: string;
  codec: LineCodec;
  capacity: number;
  whenFull: WhenFull;
  machine: string;
  now?: () => Date;
  logger?: Logger;
}

export interface OutboxState {
  installId: string;
  waiting: number;
  capacity: number;
  filling: boolean;
  full: boolean;
  /** Events dropped for want of room and not yet reported by a 'dropped' event. */
  dropped: number;
  acked: number;
  lastSeq: number;
}

/** The outbox is full and `whenFull` is 'refuse-saves': the journal line (and the change) is refused. */
export class OutboxFullError extends Error {
  override readonly name = 'OutboxFullError';
  constructor(readonly capacity: number) {
    super(`the audit outbox is full (${capacity} events waiting)`);
  }
}

export interface Outbox {
  /** Numbers the event, writes and flushes it; 'dropped' when full under 'keep-saving'. */
  add(event: AuditEventBody): Promise<{ added: AuditEvent } | { dropped: number }>;
  /** Up to `max` waiting events with a seq above `after`, oldest first. */
  peek(after: number, max: number): Promise<AuditEvent[]>;
  /** The collector has every event up to `seq`. */
  ack(seq: number): Promise<void>;
  state(): OutboxState;
}

export async function openOutbox(options: OutboxOptions): Promise<Outbox> {
  const { dir, codec, capacity, logger } = options;
  const now = options.now ?? (() => new Date());
  await ensureFolder(dir);
  const installId = await readInstallId(dir);
  let cursor = await readCursor(dir, logger);
  const path = join(dir, OUTBOX_FILE);
  let waiting: Place[] = [];
  let queue: Promise<unknown> = Promise.resolve();

  /** Runs `task` after every write before it. */
  function serially<T>(task: () => Promise<T>): Promise<T> {
    const next = queue.then(task);
    queue = next.catch(() => undefined);
    return next;
  }

  // Open: every line above the cursor is waiting; a torn last line is cut back.
  let unreadable = 0;
  let lastStart = 0;
  let lastUnreadable = false;
  const scanned = await scanLines(
    path,
    (line) => {
      lastStart = line.offset;
      const event = line.unreadable ? undefined : parseEvent(line.bytes.toString('utf8'));
      lastUnreadable = !event;
      if (!event) unreadable += 1;
      else {
        cursor.lastSeq = Math.max(cursor.lastSeq, cursor.acked, event.seq);
        if (event.seq > cursor.acked) waiting.push({ seq: event.seq, offset: line.offset, length: line.size });
      }
    },
    codec,
  ).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return { endsWithNewline: true, size: 0 };
    throw error;
  });
  cursor.lastSeq = Math.max(cursor.lastSeq, cursor.acked);
  if (!scanned.endsWithNewline) {
    // A sealed line cut short does not open: it was never reported written, so it goes.
    if (lastUnreadable) unreadable -= 1;
    else waiting = waiting.filter((place) => place.offset !== lastStart);
    await repairTail(dir, OUTBOX_FILE, lastStart);
  }
  if (unreadable > 0) logger?.warn('audit.outbox-unreadable', { lines: unreadable });
  if (waiting.length === 0 && scanned.size > 0) await rm(path, { force: true });
  else if (waiting.length > 0 && waiting[0] && waiting[0].offset > COMPACT_BYTES) waiting = await compactOutbox(dir, waiting);

  async function saveCursor(next: Cursor): Promise<void> {
    await writeCursor(dir, next);
    cursor = next;
  }

  async function append(body: AuditEventBody): Promise<AuditEvent> {
    const seq = cursor.lastSeq + 1;
    const event: AuditEvent = { eventId: `${installId}-${seq}`, seq, ...body };
    const stored = codec.seal(JSON.stringify(event));
    const offset = await appendDurably(dir, OUTBOX_FILE, `${stored}\n`);
    cursor.lastSeq = seq;
    waiting.push({ seq, offset, length: Buffer.byteLength(stored) });
    return event;
  }

  /** Once there is room again, the events dropped before are reported as one event. */
  async function reportDropped(): Promise<void> {
    if (cursor.dropped === 0 || waiting.length >= capacity) return;
    const at = now().toISOString();
    await append({
      kind: 'dropped',
      at,
      machine: options.machine,
      dropped: { count: cursor.dropped, since: cursor.droppedSince ?? at, until: at },
    });
    const { droppedSince: _, ...rest } = cursor;
    await saveCursor({ ...rest, dropped: 0 });
  }

  const state = (): OutboxState => ({
    installId,
    waiting: waiting.length,
    capacity,
    filling: waiting.length >= capacity * FILLING_AT,
    full: waiting.length >= capacity,
    dropped: cursor.dropped,
    acked: cursor.acked,
    lastSeq: cursor.lastSeq,
  });

  return {
    add: (body) =>
      serially(async () => {
        await reportDropped();
        if (waiting.length >= capacity) {
          if (options.whenFull === 'refuse-saves') throw new OutboxFullError(capacity);
          await saveCursor({ ...cursor, dropped: cursor.dropped + 1, droppedSince: cursor.droppedSince ?? body.at });
          logger?.warn('audit.outbox-full', { capacity, dropped: cursor.dropped });
          return { dropped: cursor.dropped };
        }
        return { added: await append(body) };
      }),

    peek: (after, max) => serially(() => readEventsAt(path, waiting.filter((place) => place.seq > after).slice(0, max), codec)),

    ack: (seq) =>
      serially(async () => {
        if (seq <= cursor.acked) return;
        await saveCursor({ ...cursor, acked: seq });
        waiting = waiting.filter((place) => place.seq > seq);
        if (waiting.length === 0 && (await stat(path).catch(() => ({ size: 0 }))).size > COMPACT_BYTES) await rm(path, { force: true });
        await reportDropped();
      }),

    state,
  };
}

import { randomBytes } from 'node:crypto';
import { open, readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { LineCodec } from '../at-rest/sealed-text';
import { syncFolder } from '../history/journal-files';
import type { Logger } from '../logging/logger';
import { writeFileAtomic } from '../settings/atomic-write';
import { AuditEvent } from './audit-event';

// The outbox's files on disk and how each is read and rewritten (outbox.ts keeps the
// queue in memory and decides when): its sealed lines read back at their places, the
// cursor, this data folder's install id, and the rewrite that drops acknowledged lines.
// Each is a file a crash, a full disk or a hand may have damaged; each reader says what
// it does then, always on the side of sending again rather than losing.

export const OUTBOX_FILE = 'outbox.jsonl';
export const CURSOR_FILE = 'cursor.json';
export const INSTALL_ID_FILE = 'install-id';

export const Cursor = z.object({
  acked: z.number().int().min(0),
  /** The highest seq ever given: seqs are not used twice, even after the file is emptied. */
  lastSeq: z.number().int().min(0),
  dropped: z.number().int().min(0),
  droppedSince: z.iso.datetime().optional(),
});
export type Cursor = z.infer<typeof Cursor>;

/** Where one waiting event's sealed line is in outbox.jsonl. */
export type Place = { seq: number; offset: number; length: number };

export function parseEvent(text: string): AuditEvent | undefined {
  try {
    const parsed = AuditEvent.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** The events at `places` (consecutive lines, oldest first), read in one go and opened. */
export async function readEventsAt(path: string, places: readonly Place[], codec: LineCodec): Promise<AuditEvent[]> {
  const first = places[0];
  const last = places.at(-1);
  if (!first || !last) return [];
  const handle = await open(path, 'r');
  const buffer = Buffer.alloc(last.offset + last.length - first.offset);
  try {
    await handle.read(buffer, 0, buffer.length, first.offset);
  } finally {
    await handle.close();
  }
  const events: AuditEvent[] = [];
  for (const place of places) {
    const opened = codec.open(buffer.subarray(place.offset - first.offset, place.offset - first.offset + place.length));
    const event = opened.kind === 'open' ? parseEvent(opened.bytes.toString('utf8')) : undefined;
    if (event) events.push(event);
    // A line that no longer opens cannot be sent; it is acknowledged with the rest.
  }
  return events;
}

/** Rewrites the file with only the waiting lines (atomically: temp file, fsync, rename); returns their new places. */
export async function compactOutbox(dir: string, places: Place[]): Promise<Place[]> {
  const path = join(dir, OUTBOX_FILE);
  const first = places[0];
  const last = places.at(-1);
  if (!first || !last) return places;
  const handle = await open(path, 'r');
  const buffer = Buffer.alloc(last.offset + last.length + 1 - first.offset);
  try {
    await handle.read(buffer, 0, buffer.length, first.offset);
  } finally {
    await handle.close();
  }
  const temp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  const out = await open(temp, 'wx', 0o600);
  try {
    await out.writeFile(buffer);
    await out.sync();
  } finally {
    await out.close();
  }
  await rename(temp, path);
  await syncFolder(dir);
  return places.map((place) => ({ ...place, offset: place.offset - first.offset }));
}

export async function readInstallId(dir: string): Promise<string> {
  const path = join(dir, INSTALL_ID_FILE);
  const found = (await readFile(path, 'utf8').catch(() => '')).trim();
  if (/^[0-9a-f]{16}$/.test(found)) return found;
  const made = randomBytes(8).toString('hex');
  await writeFileAtomic(path, `${made}\n`);
  await syncFolder(dir);
  return made;
}

export async function readCursor(dir: string, logger?: Logger): Promise<Cursor> {
  const text = await readFile(join(dir, CURSOR_FILE), 'utf8').catch(() => undefined);
  if (text === undefined) return { acked: 0, lastSeq: 0, dropped: 0 };
  try {
    return Cursor.parse(JSON.parse(text));
  } catch {
    // Damaged: resending everything still in the file is the safe side (repeats, not loss).
    logger?.warn('audit.cursor-unreadable', {});
    return { acked: 0, lastSeq: 0, dropped: 0 };
  }
}

export async function writeCursor(dir: string, cursor: Cursor): Promise<void> {
  await writeFileAtomic(join(dir, CURSOR_FILE), `${JSON.stringify(cursor)}\n`);
}

import { chmod, mkdir, open, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { LineCodec } from '../at-rest/sealed-text';
import { MONTH_FILE } from './journal-lines';

// The history's files: one line per record, one file per month, readable by the agent's OS
// user only (0600 in a 0700 folder). Each line is sealed on its own (AES-256-GCM,
// main/at-rest/sealed-text.ts); a codec turns a stored line back into its JSON text. Every append is flushed to disk
// (fsync) before it counts as written; a new file's folder entry is flushed too, so a
// power cut cannot lose a file whose lines were reported written.

const NEWLINE = 0x0a;
const CHUNK = 1024 * 1024;

export async function ensureFolder(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
}

/** The month files, oldest first. */
export async function monthFiles(dir: string): Promise<string[]> {
  const names = await readdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [] as string[];
    throw error;
  });
  return names.filter((name) => MONTH_FILE.test(name)).sort();
}

export async function syncFolder(dir: string): Promise<void> {
  // Not every platform can open a folder to flush it (Windows cannot); the file's own
  // fsync is then the most that can be done.
  const handle = await open(dir, 'r').catch(() => null);
  if (!handle) return;
  try {
    await handle.sync().catch(() => undefined);
  } finally {
    await handle.close();
  }
}

/** What an append needs of an open file: node's FileHandle, or a test's wrapper around it. */
export interface JournalFileHandle {
  stat(): Promise<{ size: number }>;
  appendFile(data: string, encoding: 'utf8'): Promise<void>;
  sync(): Promise<void>;
  truncate(length: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * The one way the journal opens a file to write it. Tests pass a wrapper that makes a
 * write or an fsync fail (a full disk, EIO) without touching node's own fs.
 */
export type JournalFs = { open(path: string, flags: 'wx' | 'a' | 'r+', mode?: number): Promise<JournalFileHandle> };

export const NODE_JOURNAL_FS: JournalFs = { open: (path, flags, mode) => open(path, flags, mode) };

/**
 * An append that failed. `restored`: the file was put back exactly as it was before the
 * append (cut back to `size` and flushed); when false, part of the text may still be at
 * its end and the file must be cut back (repairTail) before anything else is written.
 */
export class AppendError extends Error {
  override readonly name = 'AppendError';
  constructor(
    readonly code: string,
    readonly restored: boolean,
    readonly size: number,
  ) {
    super(`append failed (${code})${restored ? '' : ', file not restored'}`);
  }
}

function codeOf(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? 'unknown error';
}

/** Cuts a file back to `size` bytes and flushes it: what a failed append left is gone. */
export async function repairTail(dir: string, name: string, size: number, fs: JournalFs = NODE_JOURNAL_FS): Promise<void> {
  const handle = await fs.open(join(dir, name), 'r+');
  try {
    await handle.truncate(size);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Appends text (whole lines, each ending in a newline) to a file and flushes it. Returns
 * the offset the text starts at. When the write or the flush fails (a full disk writes
 * part of the text, then ENOSPC; a failing disk answers the fsync with EIO) the file is
 * cut back to its length before the append and flushed again, so the next line never
 * joins a torn one; an AppendError says whether that worked.
 */
export async function appendDurably(dir: string, name: string, text: string, fs: JournalFs = NODE_JOURNAL_FS): Promise<number> {
  const path = join(dir, name);
  let handle: JournalFileHandle;
  let created = false;
  try {
    handle = await fs.open(path, 'wx', 0o600);
    created = true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    handle = await fs.open(path, 'a', 0o600);
  }
  let size = 0;
  try {
    // The umask can only take permissions away; this makes sure none were added.
    if (created) await chmod(path, 0o600);
    size = (await handle.stat()).size;
    await handle.appendFile(text, 'utf8');
    await handle.sync();
    if (created) await syncFolder(dir);
    return size;
  } catch (error) {
    // After a failed fsync the kernel may already have dropped the pages it could not
    // write, so "maybe on disk" is not good enough: cut back and flush again.
    const restored = await handle
      .truncate(size)
      .then(() => handle.sync())
      .then(
        () => true,
        () => false,
      );
    // A file this append created goes again: the history is exactly as it was.
    if (created && restored) await rm(path, { force: true }).catch(() => undefined);
    throw new AppendError(codeOf(error), restored, size);
  } finally {
    await handle.close();
  }
}

/**
 * `bytes`: the line's JSON text (opened when sealed), only valid during the call (the scan
 * reuses its buffer). `offset` and `size` are where the line is stored in the file.
 * `unreadable`: sealed, but damaged or sealed with a key this computer no longer has;
 * `bytes` is then the stored line itself.
 */
export type ScannedLine = { bytes: Buffer; offset: number; size: number; lineNo: number; unreadable?: 'damaged' | 'foreign' };

function opened(codec: LineCodec | undefined, stored: Buffer): Pick<ScannedLine, 'bytes' | 'unreadable'> {
  if (!codec) return { bytes: stored };
  const line = codec.open(stored);
  if (line.kind === 'plain' || line.kind === 'open') return { bytes: line.bytes };
  return { bytes: stored, unreadable: line.kind };
}

/**
 * Calls `onLine` for every line of a file, in order, reading a chunk at a time so memory
 * stays bounded whatever the file's size; `onLine` returning false stops the scan. Resolves
 * with whether the file ends with a newline (a line cut short by a crash does not).
 */
export async function scanLines(
  path: string,
  onLine: (line: ScannedLine) => boolean | void,
  codec?: LineCodec,
): Promise<{ endsWithNewline: boolean; size: number }> {
  const handle = await open(path, 'r');
  try {
    // One buffer for the whole scan: an unfinished line is moved to its start and the next
    // read goes after it, so scanning allocates nothing per chunk.
    let buffer = Buffer.alloc(CHUNK * 2);
    let filled = 0;
    let filledOffset = 0; // file offset of buffer[0]
    let position = 0;
    let lineNo = 0;
    for (;;) {
      if (buffer.length - filled < CHUNK) {
        const bigger = Buffer.alloc(buffer.length * 2); // a line longer than the buffer
        buffer.copy(bigger, 0, 0, filled);
        buffer = bigger;
      }
      const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, position);
      if (bytesRead === 0) break;
      const end = filled + bytesRead;
      const data = buffer.subarray(0, end);
      position += bytesRead;
      let start = 0;
      for (let nl = data.indexOf(NEWLINE, filled); nl !== -1; nl = data.indexOf(NEWLINE, nl + 1)) {
        lineNo += 1;
        if (nl > start && onLine({ ...opened(codec, data.subarray(start, nl)), offset: filledOffset + start, size: nl - start, lineNo }) === false) {
          return { endsWithNewline: true, size: -1 };
        }
        start = nl + 1;
      }
      buffer.copy(buffer, 0, start, end);
      filled = end - start;
      filledOffset += start;
    }
    if (filled > 0) onLine({ ...opened(codec, buffer.subarray(0, filled)), offset: filledOffset, size: filled, lineNo: lineNo + 1 });
    return { endsWithNewline: filled === 0, size: position };
  } finally {
    await handle.close();
  }
}

/** Reads the lines at the given places of one file (for one page of entries); '' for a line that cannot be opened. */
export async function readLinesAt(path: string, places: readonly { offset: number; length: number }[], codec?: LineCodec): Promise<string[]> {
  const handle = await open(path, 'r');
  try {
    const out: string[] = [];
    for (const { offset, length } of places) {
      const buffer = Buffer.alloc(length);
      const { bytesRead } = await handle.read(buffer, 0, length, offset);
      const line = opened(codec, buffer.subarray(0, bytesRead));
      out.push(line.unreadable ? '' : line.bytes.toString('utf8'));
    }
    return out;
  } finally {
    await handle.close();
  }
}

export async function removeFile(path: string): Promise<void> {
  await rm(path, { force: true });
}

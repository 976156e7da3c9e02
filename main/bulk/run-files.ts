import { createReadStream } from 'node:fs';
import { mkdir, open, readdir, type FileHandle } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { z } from 'zod';
import type { LineCodec } from '../at-rest/sealed-text';
import { writeFileAtomic } from '../settings/atomic-write';
import { readSideFile, type SideFileRead } from '../settings/side-file';
import { BulkError } from './bulk-error';
import { RunMeta } from './run-schemas';

// A bulk run's files under the app's data folder (bulk/<run id>/), readable by the agent's
// OS user only (0600 in a 0700 folder): run.json (what the run is), rows.jsonl (the valid
// rows as they will be sent), errors.jsonl (the validation report) and events.jsonl (each
// row's sending and outcome, appended, never rewritten). Nothing is held in memory that
// these files do not already hold. Every line of the .jsonl files holds readers' data and
// is sealed on its own with the data key (main/at-rest/); run.json holds none (the CSV's
// file name, the connection, the column mapping and counts) and stays readable, so a run
// can be listed before the keychain is asked.

export const RUN_FILE = 'run.json';
export const ROWS_FILE = 'rows.jsonl';
export const ERRORS_FILE = 'errors.jsonl';
export const EVENTS_FILE = 'events.jsonl';
/** A dry run's lookups, apart from what was sent. */
export const DRY_FILE = 'dry.jsonl';

export async function ensureRunFolder(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
}

export async function writeJson(path: string, value: unknown): Promise<void> {
  await writeFileAtomic(path, `${JSON.stringify(value)}\n`);
}

/** run.json holds no rows: a few kilobytes; anything much larger is not one. */
const RUN_FILE_MAX_BYTES = 1024 * 1024;

export async function runFolders(root: string): Promise<string[]> {
  const names = await readdir(root).catch(() => [] as string[]);
  return names.filter((name) => /^[a-z0-9-]{8,64}$/.test(name));
}

/**
 * An append-only file kept open while a run writes to it; `sync` flushes it to disk before
 * the append counts as done. Writes are serialised, and one that fails (a full disk) leaves
 * the file exactly as it was before it: a line cut short would hide the next line appended
 * after it, and a lost "sending" line would let a row be sent twice. One fsync serves every
 * append waiting for one (a run's workers mark rows "sending" together). A failed fsync
 * cuts the file back to what was last flushed and refuses every later append: what is on
 * disk can no longer be told apart from what is not.
 */
export class AppendFile {
  private queue: Promise<unknown> = Promise.resolve();
  private syncing: Promise<void> = Promise.resolve();
  private nextSync: Promise<void> | undefined;
  private synced: number;
  private broken: unknown;

  private constructor(
    private readonly handle: FileHandle,
    /** Bytes known good: the file's length after the last write that succeeded. */
    private size: number,
    /** The file does not end with a newline (a crash cut its last line): the next append starts one. */
    private torn: boolean,
    private readonly codec: LineCodec,
  ) {
    this.synced = size;
  }

  static async open(path: string, codec: LineCodec): Promise<AppendFile> {
    const handle = await open(path, 'a+', 0o600);
    try {
      const { size } = await handle.stat();
      const last = Buffer.alloc(1);
      if (size > 0) await handle.read(last, 0, 1, size - 1);
      const torn = size > 0 && last[0] !== 0x0a;
      // A last line a crash cut mid-write held an append that never completed (nothing was
      // sent on it): cut it off, or it would sit mid-file once appended after and read as damage.
      const cut = torn ? await cutTornTail(handle, size, codec) : undefined;
      return cut !== undefined ? new AppendFile(handle, cut, false, codec) : new AppendFile(handle, size, torn, codec);
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  append(lines: readonly unknown[], sync: boolean): Promise<void> {
    if (lines.length === 0) return Promise.resolve();
    const text = lines.map((line) => `${this.codec.seal(JSON.stringify(line))}\n`).join('');
    const written = this.queue.then(() => this.write(text));
    this.queue = written.catch(() => undefined);
    return sync ? written.then(() => this.flush()) : written;
  }

  private async write(text: string): Promise<void> {
    if (this.broken) throw this.broken;
    const data = Buffer.from(`${this.torn ? '\n' : ''}${text}`);
    try {
      for (let done = 0; done < data.length;) {
        const { bytesWritten } = await this.handle.write(data, done, data.length - done);
        if (bytesWritten === 0) throw Object.assign(new Error('Nothing could be written.'), { code: 'ENOSPC' });
        done += bytesWritten;
      }
    } catch (error) {
      // Back to the last good length; if even that fails, the next append starts a new line.
      await this.handle.truncate(this.size).catch(() => (this.torn = true));
      throw error;
    }
    this.size += data.length;
    this.torn = false;
  }

  /** Resolves once everything written before the call is on disk. */
  private flush(): Promise<void> {
    this.nextSync ??= this.syncing
      .catch(() => undefined)
      .then(() => {
        this.nextSync = undefined;
        const upTo = this.size;
        this.syncing = this.handle.sync().then(
          () => void (this.synced = upTo),
          async (error: unknown) => {
            this.broken = error;
            await this.handle.truncate(this.synced).catch(() => undefined);
            throw error;
          },
        );
        return this.syncing;
      });
    return this.nextSync;
  }

  async close(): Promise<void> {
    await this.queue;
    await this.syncing.catch(() => undefined);
    await this.handle.close();
  }
}

/** Cuts a last line that is not JSON back to the newline before it; the new size, or undefined when the line is whole JSON (kept). */
async function cutTornTail(handle: FileHandle, size: number, codec: LineCodec): Promise<number | undefined> {
  let start = size;
  const chunk = Buffer.alloc(64 * 1024);
  while (start > 0) {
    const from = Math.max(0, start - chunk.length);
    const { bytesRead } = await handle.read(chunk, 0, start - from, from);
    const nl = chunk.subarray(0, bytesRead).lastIndexOf(0x0a);
    if (nl !== -1) {
      start = from + nl + 1;
      break;
    }
    start = from;
  }
  const tail = Buffer.alloc(size - start);
  await handle.read(tail, 0, tail.length, start);
  try {
    JSON.parse(openedText(codec, tail) ?? '');
    return undefined;
  } catch {
    await handle.truncate(start);
    return start;
  }
}

/**
 * Each line of a run's file, streamed and checked against `schema`. A line that is not JSON
 * or not of the file's shape stops the reading with `run-file-damaged` (the file's name and
 * the line): skipping it could hide a "sending" line and let a row be sent twice. The one
 * exception is a last line with no newline that is not JSON: a crash cut it mid-write, so
 * the append it held never completed (nothing was sent on it), and it is passed over.
 */
/** A stored line's text; undefined when it is sealed and does not open (cut short, damaged, another key). */
function openedText(codec: LineCodec, stored: Buffer): string | undefined {
  const line = codec.open(stored);
  return line.kind === 'open' || line.kind === 'plain' ? line.bytes.toString('utf8') : undefined;
}

export async function* jsonLines<S extends z.ZodType>(path: string, schema: S, codec: LineCodec): AsyncGenerator<z.infer<S>> {
  const stream = createReadStream(path);
  const damaged = (line: number) => new BulkError('run-file-damaged', { path: basename(path), line });
  let pending: Buffer = Buffer.alloc(0);
  let line = 0;
  const parse = (bytes: Buffer, last: boolean): { value: z.infer<S> } | undefined => {
    line += 1;
    if (bytes.toString('utf8').trim() === '') return undefined;
    let json: unknown;
    try {
      json = JSON.parse(openedText(codec, bytes) ?? '');
    } catch {
      if (last) return undefined;
      throw damaged(line);
    }
    const checked = schema.safeParse(json);
    if (!checked.success) throw damaged(line);
    return { value: checked.data as z.infer<S> };
  };
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
      let from = 0;
      for (let nl = pending.indexOf(0x0a, from); nl !== -1; nl = pending.indexOf(0x0a, from)) {
        const read = parse(pending.subarray(from, nl), false);
        from = nl + 1;
        if (read) yield read.value;
      }
      pending = pending.subarray(from);
    }
    if (pending.length > 0) {
      const read = parse(pending, true);
      if (read) yield read.value;
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  } finally {
    stream.destroy();
  }
}

/** run.json, checked: missing, read, or damaged (moved aside as `run.json.<time>.bad` when it could be). */
export async function readRunMeta(path: string, now: () => Date): Promise<SideFileRead<RunMeta>> {
  return readSideFile(path, RunMeta, { maxBytes: RUN_FILE_MAX_BYTES, now });
}

export type RunPaths = ReturnType<typeof runPaths>;
/** A run's files, and the codec their lines are sealed with. */
export const runPaths = (root: string, runId: string, codec: LineCodec) => {
  const dir = join(root, runId);
  return {
    codec,
    dir,
    run: join(dir, RUN_FILE),
    rows: join(dir, ROWS_FILE),
    errors: join(dir, ERRORS_FILE),
    events: join(dir, EVENTS_FILE),
    dry: join(dir, DRY_FILE),
  };
};

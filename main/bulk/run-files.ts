import { createReadStream } from 'node:fs';
import { mkdir, open, readdir, readFile, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { writeFileAtomic } from '../settings/atomic-write';

// A bulk run's files under the app's data folder (bulk/<run id>/), readable by the agent's
// OS user only (0600 in a 0700 folder): run.json (what the run is), rows.jsonl (the valid
// rows as they will be sent), errors.jsonl (the validation report) and events.jsonl (each
// row's sending and outcome, appended, never rewritten). Nothing is held in memory that
// these files do not already hold.

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

export async function readJson(path: string): Promise<unknown> {
  return JSON.parse(await readFile(path, 'utf8')) as unknown;
}

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
  ) {
    this.synced = size;
  }

  static async open(path: string): Promise<AppendFile> {
    const handle = await open(path, 'a+', 0o600);
    try {
      const { size } = await handle.stat();
      const last = Buffer.alloc(1);
      if (size > 0) await handle.read(last, 0, 1, size - 1);
      return new AppendFile(handle, size, size > 0 && last[0] !== 0x0a);
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  append(lines: readonly unknown[], sync: boolean): Promise<void> {
    if (lines.length === 0) return Promise.resolve();
    const text = lines.map((line) => `${JSON.stringify(line)}\n`).join('');
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

/** Each JSON line of a file, streamed; a torn last line (a crash mid-write) is skipped. */
export async function* jsonLines<T>(path: string): AsyncGenerator<T> {
  const stream = createReadStream(path, { encoding: 'utf8' });
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  try {
    for await (const line of lines) {
      if (line.trim() === '') continue;
      let value: T;
      try {
        value = JSON.parse(line) as T;
      } catch {
        continue;
      }
      yield value;
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  } finally {
    lines.close();
    stream.destroy();
  }
}

export type RunPaths = ReturnType<typeof runPaths>;
export const runPaths = (root: string, runId: string) => {
  const dir = join(root, runId);
  return {
    dir,
    run: join(dir, RUN_FILE),
    rows: join(dir, ROWS_FILE),
    errors: join(dir, ERRORS_FILE),
    events: join(dir, EVENTS_FILE),
    dry: join(dir, DRY_FILE),
  };
};

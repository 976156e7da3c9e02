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

/** An append-only file kept open while a run writes to it; `sync` flushes it to disk first. */
export class AppendFile {
  private constructor(private readonly handle: FileHandle) {}

  static async open(path: string): Promise<AppendFile> {
    return new AppendFile(await open(path, 'a', 0o600));
  }

  async append(lines: readonly unknown[], sync: boolean): Promise<void> {
    if (lines.length === 0) return;
    await this.handle.write(lines.map((line) => `${JSON.stringify(line)}\n`).join(''));
    if (sync) await this.handle.sync();
  }

  close(): Promise<void> {
    return this.handle.close();
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

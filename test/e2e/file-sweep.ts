import { lstat, readFile, readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';

// Looks for secrets in every regular file under a folder, as bytes: UTF-8 (settings,
// logs) and UTF-16LE (Chromium keeps some strings that way in its LevelDB and SQLite).

export async function regularFilesUnder(dir: string): Promise<string[]> {
  const found: string[] = [];
  async function walk(current: string): Promise<void> {
    let names: string[];
    try {
      names = await readdir(current);
    } catch {
      return; // removed while we looked (Chromium tidies its temp files)
    }
    for (const name of names) {
      const path = join(current, name);
      const stat = await lstat(path).catch(() => null);
      if (stat?.isDirectory()) await walk(path);
      else if (stat?.isFile()) found.push(path);
    }
  }
  await walk(dir);
  return found.sort();
}

export interface SweepHit {
  file: string;
  needle: string;
  encoding: 'utf8' | 'utf16le';
}

/** Every (file, needle) pair where the needle occurs; `skip` leaves files out by path. */
export async function sweepFiles(
  dir: string,
  needles: readonly string[],
  skip: (path: string) => boolean = () => false,
): Promise<{ files: string[]; hits: SweepHit[] }> {
  const files = (await regularFilesUnder(dir)).filter((path) => !skip(path));
  const hits: SweepHit[] = [];
  for (const file of files) {
    const bytes = await readFile(file).catch(() => null);
    if (!bytes) continue;
    for (const needle of needles) {
      for (const encoding of ['utf8', 'utf16le'] as const) {
        if (bytes.includes(Buffer.from(needle, encoding))) hits.push({ file: relative(dir, file), needle, encoding });
      }
    }
  }
  return { files: files.map((file) => relative(dir, file)), hits };
}

import { createReadStream, createWriteStream } from 'node:fs';
import { open, readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { z } from 'zod';
import { writeFileAtomic } from '../settings/atomic-write';
import { monthFiles, removeFile, scanLines } from './journal-files';
import { GENESIS } from './journal-lines';

// Retention: at start, entries older than the setting are removed (the history holds
// readers' personal data). The oldest lines go, so the first kept line's `prev` names a
// line that no longer exists; anchor.json records that hash, so the chain check can tell
// a purge (expected) from a line removed by hand (reported).

export const ANCHOR_FILE = 'anchor.json';

const Anchor = z.object({ prev: z.string().regex(/^[0-9a-f]{64}$/), purgedBefore: z.string(), at: z.string() });
export type Anchor = z.infer<typeof Anchor>;

/** The `prev` the first line must carry: the anchor's, or the genesis hash. Undefined when anchor.json is damaged. */
export async function expectedFirstPrev(dir: string): Promise<string | undefined> {
  let text: string;
  try {
    text = await readFile(join(dir, ANCHOR_FILE), 'utf8');
  } catch {
    return GENESIS;
  }
  try {
    return Anchor.parse(JSON.parse(text)).prev;
  } catch {
    return undefined;
  }
}

/**
 * Removes every line older than `cutoff` (a prefix of the history). Returns how many lines
 * went; `counted.entries` is raised by the changes among them (for the purge's tombstone).
 */
export async function purgeOlderThan(dir: string, cutoff: Date, now: Date, counted: { entries: number } = { entries: 0 }): Promise<number> {
  const files = await monthFiles(dir);
  const cutoffMs = cutoff.getTime();
  const doomed: string[] = [];
  let removed = 0;
  for (const name of files) {
    const path = join(dir, name);
    let keepFrom = -1;
    let keptPrev = '';
    let lines = 0;
    // A line that cannot be read has no time: it goes with the lines before it.
    await scanLines(path, ({ bytes, offset }) => {
      let parsed: { at?: unknown; prev?: unknown; type?: unknown } | undefined;
      try {
        parsed = JSON.parse(bytes.toString('utf8')) as { at?: unknown; prev?: unknown; type?: unknown };
      } catch {
        parsed = undefined;
      }
      const at = typeof parsed?.at === 'string' ? Date.parse(parsed.at) : NaN;
      if (at >= cutoffMs && typeof parsed?.prev === 'string') {
        keepFrom = offset;
        keptPrev = parsed.prev;
        return false;
      }
      lines += 1;
      if (parsed?.type === 'pending') counted.entries += 1;
      return true;
    });
    removed += lines;
    if (keepFrom === -1) {
      doomed.push(path);
      continue;
    }
    if (removed === 0) return 0;
    // Anchor first: a crash before the old lines are gone shows as a reported break once,
    // and the next start finishes the purge.
    await writeFileAtomic(
      join(dir, ANCHOR_FILE),
      `${JSON.stringify({ prev: keptPrev, purgedBefore: cutoff.toISOString(), at: now.toISOString() })}\n`,
    );
    if (keepFrom > 0) await keepTail(path, keepFrom);
    for (const old of doomed) await removeFile(old);
    return removed;
  }
  // Every line is older than the cutoff: the history starts again from nothing.
  if (removed > 0) {
    for (const old of doomed) await removeFile(old);
    await removeFile(join(dir, ANCHOR_FILE));
  }
  return removed;
}

/** Rewrites a file without its first `from` bytes: copied to a flushed temp file, renamed over. */
async function keepTail(path: string, from: number): Promise<void> {
  const temp = `${path}.purge.tmp`;
  await pipeline(createReadStream(path, { start: from }), createWriteStream(temp, { mode: 0o600 }));
  const handle = await open(temp, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temp, path);
}

import { createReadStream, createWriteStream } from 'node:fs';
import { open, readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { z } from 'zod';
import { writeFileAtomic } from '../settings/atomic-write';
import { monthFiles, removeFile, scanLines } from './journal-files';
import type { HistoryProblem } from '../../common/history-schemas';
import type { LineCodec } from '../at-rest/sealed-text';
import { GENESIS, hashLine } from './journal-lines';

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

export type PurgeResult = { removed: number; problems: HistoryProblem[] };

/**
 * How a removed line is hashed for anchor.json, called for every removed line in order
 * (the chain's rule can change part-way: SHA-256 before the keyed mark, the HMAC after).
 */
export type PurgeHasher = (bytes: Buffer) => string;

/** The time of a line the purge can trust, or undefined: not JSON, not a history line, no date. */
function datedLine(bytes: Buffer): { at: number; type: string } | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(bytes.toString('utf8'));
  } catch {
    return undefined;
  }
  const line = DatedLine.safeParse(parsed);
  return line.success ? { at: Date.parse(line.data.at), type: line.data.type } : undefined;
}

const DatedLine = z.object({
  type: z.enum(['pending', 'outcome', 'tombstone', 'chain']),
  at: z.iso.datetime(),
  prev: z.string().regex(/^[0-9a-f]{64}$/),
});

/**
 * Removes the oldest lines of the history, as long as each was read and dated older than
 * `cutoff`. A line it cannot read has no date it could trust, so the purge stops there:
 * that line and every line after it stay (the chain check reports the line itself), and
 * the stop is reported, because older entries may now be kept past the retention.
 * `counted.entries` is raised by the changes among the removed lines (for the purge's
 * tombstone); `hashOf` hashes them as the chain does.
 */
export async function purgeOlderThan(
  dir: string,
  cutoff: Date,
  now: Date,
  counted: { entries: number } = { entries: 0 },
  hashOf: PurgeHasher = hashLine,
  codec?: LineCodec,
): Promise<PurgeResult> {
  const cutoffMs = cutoff.getTime();
  const doomed: string[] = [];
  let removed = 0;
  let lastRemoved: string | undefined; // hash of the newest line removed
  let stop: { path: string; offset: number; removedHere: number } | undefined;
  const problems: HistoryProblem[] = [];

  for (const name of await monthFiles(dir)) {
    const path = join(dir, name);
    let removedHere = 0;
    await scanLines(
      path,
      ({ bytes, offset, lineNo }) => {
        const line = datedLine(bytes);
        if (line !== undefined && line.at < cutoffMs) {
          removedHere += 1;
          if (line.type === 'pending') counted.entries += 1;
          lastRemoved = hashOf(bytes);
          return true;
        }
        if (line === undefined) {
          problems.push({
            file: name,
            line: lineNo - removedHere,
            problem:
              'The retention purge stopped at this line because it cannot be read: it and every entry after it were kept, ' +
              'even those older than the retention.',
          });
        }
        stop = { path, offset, removedHere };
        return false;
      },
      codec,
    );
    removed += removedHere;
    if (stop) break;
    doomed.push(path);
  }
  if (removed === 0) return { removed, problems };
  if (!stop) {
    // Every line was read and is older than the cutoff: the history starts again from nothing.
    for (const old of doomed) await removeFile(old);
    await removeFile(join(dir, ANCHOR_FILE));
    return { removed, problems };
  }
  // Anchor first: a crash before the old lines are gone shows as a reported break once,
  // and the next start finishes the purge. It holds the hash of the newest line removed,
  // not the first kept line's own `prev`, so a first kept line that was changed or
  // damaged still shows as a break.
  await writeFileAtomic(
    join(dir, ANCHOR_FILE),
    `${JSON.stringify({ prev: lastRemoved, purgedBefore: cutoff.toISOString(), at: now.toISOString() })}\n`,
  );
  if (stop.removedHere > 0) await keepTail(stop.path, stop.offset);
  for (const old of doomed) await removeFile(old);
  return { removed, problems };
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

import { mkdir, open, readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { sealPlainLines } from '../at-rest/seal-plain-files';
import { sealedKeyId, type LineCodec } from '../at-rest/sealed-text';
import { TAIL_FILE } from './chain-tail';
import { monthFiles, scanLines, syncFolder } from './journal-files';
import { ANCHOR_FILE } from './journal-retention';

// Before the history is read (issue 18.4): lines written before encryption are sealed in
// place, and a history sealed with a key this computer's keychain no longer has is set
// aside whole, so the console starts a fresh, empty history instead of mixing lines it
// can read with lines it cannot. Set-aside folders are kept (restoring the old keychain
// entry makes them readable again) until the retention setting or Clear history removes them.

export const SET_ASIDE_PREFIX = 'unreadable-';

export type SealingResult = {
  /** The history was sealed with another key and moved here (a folder inside the history folder). */
  setAside?: { folder: string; lines: number };
  /** Older plain lines sealed now. */
  sealed: number;
};

type Kind = 'sealed' | 'plain' | 'foreign';

const EDGE = 256 * 1024;

function kindOf(line: Buffer, keyId: string): Kind {
  const id = sealedKeyId(line);
  if (id === undefined) return 'plain';
  return id !== keyId && /^[0-9a-f]{8}$/.test(id) ? 'foreign' : 'sealed';
}

/**
 * What a month file's first and last lines are. A file is sealed whole (the migration
 * rewrites it at once) and appended to one sealed line at a time, so its two ends say
 * whether it still needs sealing or was sealed with another key; reading only them keeps
 * this check off the cost of opening a large history. A last line longer than the edge
 * read (never written by the console) sends the file to the full read.
 */
async function edgesOf(path: string, keyId: string): Promise<Kind[] | undefined> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    if (size === 0) return [];
    const head = Buffer.alloc(Math.min(size, 64));
    await handle.read(head, 0, head.length, 0);
    const tailLength = Math.min(size, EDGE);
    const tail = Buffer.alloc(tailLength);
    await handle.read(tail, 0, tailLength, size - tailLength);
    const body = tail[tail.length - 1] === 0x0a ? tail.subarray(0, -1) : tail;
    const nl = body.lastIndexOf(0x0a);
    if (nl === -1 && tailLength < size) return undefined;
    return [kindOf(head, keyId), kindOf(body.subarray(nl + 1), keyId)];
  } finally {
    await handle.close();
  }
}

async function kindsOf(path: string, keyId: string): Promise<Set<Kind>> {
  const edges = await edgesOf(path, keyId);
  if (edges) return new Set(edges);
  const kinds = new Set<Kind>();
  await scanLines(path, ({ bytes }) => void kinds.add(kindOf(bytes, keyId)));
  return kinds;
}

async function lineCount(path: string): Promise<number> {
  let lines = 0;
  await scanLines(path, () => void (lines += 1));
  return lines;
}

export async function sealStoredLines(dir: string, codec: LineCodec, now: Date): Promise<SealingResult> {
  const files = await monthFiles(dir);
  const kinds = new Map<string, Set<Kind>>();
  for (const name of files) kinds.set(name, await kindsOf(join(dir, name), codec.keyId));
  if ([...kinds.values()].some((found) => found.has('foreign'))) {
    // Counted for the "set aside" event, before the files move (a rare path: the key was lost).
    let lines = 0;
    for (const name of files) lines += await lineCount(join(dir, name));
    const folder = `${SET_ASIDE_PREFIX}${now.toISOString().replace(/[:.]/g, '-')}`;
    await mkdir(join(dir, folder), { mode: 0o700 });
    for (const name of [...files, TAIL_FILE, ANCHOR_FILE]) {
      await rename(join(dir, name), join(dir, folder, name)).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'ENOENT') throw error;
      });
    }
    await syncFolder(dir);
    return { setAside: { folder, lines }, sealed: 0 };
  }
  let sealed = 0;
  for (const [name, found] of kinds) {
    if (found.has('plain')) sealed += await sealPlainLines(join(dir, name), codec);
  }
  return { sealed };
}

/** Set-aside folders older than `cutoff` go, as entries older than the retention do; all of them when `cutoff` is undefined (Clear history). */
export async function removeSetAside(dir: string, cutoff: Date | undefined): Promise<void> {
  const names = await readdir(dir).catch(() => [] as string[]);
  for (const name of names) {
    if (!name.startsWith(SET_ASIDE_PREFIX)) continue;
    const stamp = name.slice(SET_ASIDE_PREFIX.length).replace(/^(\d{4}-\d{2}-\d{2}T\d{2})-(\d{2})-(\d{2})-(\d{3})Z$/, '$1:$2:$3.$4Z');
    const at = Date.parse(stamp);
    if (cutoff === undefined || (Number.isFinite(at) && at < cutoff.getTime())) await rm(join(dir, name), { recursive: true, force: true });
  }
}

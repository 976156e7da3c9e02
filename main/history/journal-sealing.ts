import { mkdir, readdir, rename, rm } from 'node:fs/promises';
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

type FileState = { lines: number; plain: number; foreign: number };

async function inspect(path: string, keyId: string): Promise<FileState> {
  const state: FileState = { lines: 0, plain: 0, foreign: 0 };
  // Raw lines only: telling plain from sealed and whose key needs the prefix, not decryption.
  await scanLines(path, ({ bytes }) => {
    state.lines += 1;
    const id = sealedKeyId(bytes);
    if (id === undefined) state.plain += 1;
    else if (id !== keyId && /^[0-9a-f]{8}$/.test(id)) state.foreign += 1;
  });
  return state;
}

export async function sealStoredLines(dir: string, codec: LineCodec, now: Date): Promise<SealingResult> {
  const files = await monthFiles(dir);
  const states = new Map<string, FileState>();
  for (const name of files) states.set(name, await inspect(join(dir, name), codec.keyId));
  const all = [...states.values()];
  if (all.some((state) => state.foreign > 0)) {
    const folder = `${SET_ASIDE_PREFIX}${now.toISOString().replace(/[:.]/g, '-')}`;
    await mkdir(join(dir, folder), { mode: 0o700 });
    for (const name of [...files, TAIL_FILE, ANCHOR_FILE]) {
      await rename(join(dir, name), join(dir, folder, name)).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'ENOENT') throw error;
      });
    }
    await syncFolder(dir);
    return { setAside: { folder, lines: all.reduce((sum, state) => sum + state.lines, 0) }, sealed: 0 };
  }
  let sealed = 0;
  for (const [name, state] of states) {
    if (state.plain === 0) continue;
    sealed += await sealPlainLines(join(dir, name), codec);
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

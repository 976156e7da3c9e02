import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { HistoryProblem } from '../../common/history-schemas';
import { Tail } from './chain-keychain';
import { macLine } from './journal-lines';

// The signed tail (issue 18): count, last id and last hash of the history as the console
// last wrote it, kept in the keychain and, signed with the key, in tail.json beside the
// journal. At open the chain must reach the tail's hash at the tail's line: lines cut from
// the end, or a month file removed, then show by file and entry.

export const TAIL_FILE = 'tail.json';

export type TailFile = { tail: Tail; valid: true } | { valid: false };

export async function readTailFile(dir: string, key: Buffer): Promise<TailFile | undefined> {
  let text: string;
  try {
    text = await readFile(join(dir, TAIL_FILE), 'utf8');
  } catch {
    return undefined;
  }
  try {
    const { mac, ...rest } = JSON.parse(text) as { mac?: unknown };
    const tail = Tail.parse(rest);
    return mac === tailMac(key, tail) ? { tail, valid: true } : { valid: false };
  } catch {
    return { valid: false };
  }
}

/**
 * The tail file as it stands, without its signature: only for a history whose key is gone,
 * to tell where its signed part started (nothing in it can be verified any more).
 */
export async function readTailFileUnchecked(dir: string): Promise<Tail | undefined> {
  try {
    return Tail.parse(JSON.parse(await readFile(join(dir, TAIL_FILE), 'utf8')));
  } catch {
    return undefined;
  }
}

/**
 * Written beside the journal with the keychain's copy. Renamed into place but not flushed:
 * a tail lost to a power cut only lags behind the lines, which the open tolerates (the
 * keychain's copy and the chain still hold), and a flush per change would halve how fast
 * a bulk run can record its rows.
 */
export async function writeTailFile(dir: string, key: Buffer, tail: Tail): Promise<void> {
  const path = join(dir, TAIL_FILE);
  const temp = `${path}.tmp`;
  await writeFile(temp, `${JSON.stringify({ ...tail, mac: tailMac(key, tail) })}\n`, { mode: 0o600 });
  await rename(temp, path);
}

function tailMac(key: Buffer, tail: Tail): string {
  return macLine(key, JSON.stringify(Tail.parse(tail)));
}

/** What the scan saw, for the check against the tail. */
export type ScanEnd = {
  /** Lines read from the month files. */
  lines: number;
  /** A line hashed to the tail's last hash: the history reaches where the console last wrote. */
  tailSeen: boolean;
  files: readonly string[];
  linesInFile: ReadonlyMap<string, number>;
  lastId: number;
};

/**
 * Problems where the history ends differently from the tail. `tailAt`: the tail's line
 * count once lines purged at this open are taken off. Lines after the tail's hash are
 * fine: written after the tail was last kept, and the chain covers them.
 */
export function checkEnd(tail: Tail, tailAt: number, end: ScanEnd): HistoryProblem[] {
  if (tailAt <= 0 || end.tailSeen) return [];
  const missing = tailAt - end.lines;
  if (!end.files.includes(tail.lastFile)) {
    return [
      {
        file: tail.lastFile,
        line: 0,
        entryId: tail.lastId,
        problem: `This file is missing: it held the newest lines of the history, up to change ${tail.lastId}${missing > 0 ? ` (${missing} ${missing === 1 ? 'line' : 'lines'})` : ''}. It was removed outside the console.`,
      },
    ];
  }
  if (missing > 0) {
    return [
      {
        file: tail.lastFile,
        line: (end.linesInFile.get(tail.lastFile) ?? 0) + 1,
        entryId: tail.lastId,
        problem: `The history ends early: its last ${missing === 1 ? 'line was' : `${missing} lines were`} removed outside the console (it was last written with change ${tail.lastId}; it now ends with change ${end.lastId}).`,
      },
    ];
  }
  return [
    {
      file: tail.lastFile,
      line: 0,
      entryId: tail.lastId,
      problem: `The lines the console wrote last (up to change ${tail.lastId}) are not there as they were written: they were changed or replaced outside the console.`,
    },
  ];
}

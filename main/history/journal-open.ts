import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { HistoryProblem } from '../../common/history-schemas';
import type { LineCodec } from '../at-rest/sealed-text';
import type { Logger } from '../logging/logger';
import { newChainKey, type ChainKeychain, type Tail } from './chain-keychain';
import { TAIL_FILE, checkEnd, readTailFile, readTailFileUnchecked } from './chain-tail';
import { ensureFolder } from './journal-files';
import type { JournalIndex } from './journal-index';
import { GENESIS, hashLine, macLine } from './journal-lines';
import { isChainBytes, type TombstoneLine } from './journal-marks';
import { expectedFirstPrev, purgeOlderThan } from './journal-retention';
import { scanJournal, type ScanResult } from './journal-scan';
import { removeSetAside, sealStoredLines } from './journal-sealing';

// Opening the history (issue 18): the key and the signed tail are read from the keychain
// once, old entries are purged, every line is checked, and the history's end is compared
// with the tail. What the open found that the files alone would not keep — a purge, a
// cut end, a lost key — is written as a signed line (a "mark") before anything else.

const DAY_MS = 24 * 60 * 60 * 1000;

export type OpenMark =
  | { type: 'chain'; what: 'keyed' | 'new-key' }
  | { type: 'tombstone'; facts: Omit<TombstoneLine, 'v' | 'type' | 'at' | 'prev' | 'agent' | 'machine' | 'lastId'> };

export type OpenedChain = {
  key: Buffer;
  scanned: ScanResult;
  /** The hash the first mark's `prev` carries. */
  lastHash: string;
  tail: Tail;
  marks: OpenMark[];
};

export type OpenChainOptions = {
  dir: string;
  retentionDays: number;
  now: () => Date;
  keychain: ChainKeychain;
  logger?: Logger | undefined;
  index: JournalIndex;
  report: (problem: HistoryProblem) => void;
  /** Seals and opens lines with the data key (main/at-rest/). */
  codec: LineCodec;
};

export async function openChain({ dir, retentionDays, now, keychain, logger, index, report, codec }: OpenChainOptions): Promise<OpenedChain> {
  await ensureFolder(dir);
  // A keychain that cannot be read (locked, no Secret Service) stops the open: the history
  // is neither written unsigned nor declared "key lost" on a keychain that is only locked.
  const secret = await keychain.read();
  let key = secret?.key ?? null;
  const sealing = await sealStoredLines(dir, codec, now());
  await removeSetAside(dir, new Date(now().getTime() - retentionDays * DAY_MS));
  if (sealing.sealed > 0) logger?.info('history.sealed', { lines: sealing.sealed });
  // Set aside: what the keychain's tail describes is no longer here; the history starts anew.
  let tail = sealing.setAside ? undefined : secret?.tail;
  if (key && !sealing.setAside) {
    const file = await readTailFile(dir, key);
    if (file?.valid === false) {
      report({
        file: TAIL_FILE,
        line: 1,
        problem: "This file was changed outside the console; the copy of the history's end kept in the keychain is used.",
      });
    } else if (file && (!tail || file.tail.at >= tail.at)) {
      // Written after every line, it can be newer than the keychain's copy (written per change).
      tail = file.tail;
    }
  }
  const hadTailFile = await stat(join(dir, TAIL_FILE)).then(
    () => true,
    () => false,
  );
  // Key gone (keychain reset): the old tail cannot be verified, but says where signing began.
  const orphan = key || sealing.setAside ? undefined : await readTailFileUnchecked(dir);

  const opened = now();
  const counted = { entries: 0 };
  const trusted = key && tail ? tail : undefined;
  // The anchor holds the hash of the newest line purged, computed as the chain does: the
  // SHA-256 before the keyed mark, the HMAC from it on (from the start when the tail says so).
  let keyedNow = (trusted ?? orphan)?.unkeyed === 0;
  const hashOf = (bytes: Buffer): string => {
    if (isChainBytes(bytes)) keyedNow = true;
    return keyedNow && key ? macLine(key, bytes) : hashLine(bytes);
  };
  const purge = await purgeOlderThan(dir, new Date(opened.getTime() - retentionDays * DAY_MS), opened, counted, hashOf, codec);
  for (const problem of purge.problems) report(problem);
  const removed = purge.removed;
  // With a signed tail, a hand-written anchor.json counts for nothing: the start is the
  // tail's, or the one this open's purge just wrote.
  const firstPrev = trusted && removed === 0 ? trusted.firstPrev : await expectedFirstPrev(dir);
  const tailAt = trusted ? trusted.count - removed : 0;
  const scanned = await scanJournal(dir, index, report, {
    key,
    firstPrev,
    keyedFromStart: (trusted ?? orphan) ? (trusted ?? orphan)!.unkeyed <= removed : false,
    tailHash: trusted?.lastHash,
    codec,
  });

  const marks: OpenMark[] = [];
  if (sealing.setAside) {
    marks.push({
      type: 'tombstone',
      facts: { what: 'set-aside', entries: 0, lastHash: secret?.tail?.lastHash ?? GENESIS, setAside: sealing.setAside },
    });
    logger?.warn('history.set-aside', { lines: sealing.setAside.lines, folder: sealing.setAside.folder });
  }
  if (!key) {
    key = newChainKey();
    // Kept before anything is signed with it: a crash now leaves a key, never lines without one.
    await keychain.write({ key, tail: undefined });
    const lost = scanned.sawSigned || hadTailFile;
    // A new, empty history is signed from its first line (the tail says so): no mark needed.
    if (lost || scanned.lines > 0) marks.push({ type: 'chain', what: lost ? 'new-key' : 'keyed' });
    if (lost) logger?.warn('history.key-missing', { unverifiableEntries: scanned.unverifiableEntries });
  } else if (!scanned.sawSigned && scanned.lines > 0) {
    marks.push({ type: 'chain', what: 'keyed' });
  }
  if (trusted) {
    const found = checkEnd(trusted, tailAt, scanned);
    for (const problem of found) report(problem);
    if (found.length > 0) {
      // Kept as a signed line: the next write moves the tail on, and the cut must not vanish with it.
      marks.push({
        type: 'tombstone',
        facts: { what: 'damage-found', entries: Math.max(0, tailAt - scanned.lines), lastHash: trusted.lastHash, found: found.map(describe) },
      });
      logger?.warn('history.damage-found', { problems: found.length, lastEntryId: trusted.lastId });
    }
  } else if (secret && scanned.sawSigned && !sealing.setAside) {
    report({
      file: TAIL_FILE,
      line: 0,
      problem: "The record of the history's end is missing from the keychain, so the console cannot tell whether lines were cut from its end.",
    });
  }
  let lastHash = scanned.lastHash;
  if (removed > 0) {
    // Everything purged: the new chain starts from the last hash of what was erased.
    if (scanned.lines === 0) lastHash = trusted?.lastHash ?? GENESIS;
    const startsFrom = scanned.lines === 0 ? lastHash : (firstPrev ?? GENESIS);
    marks.push({ type: 'tombstone', facts: { what: 'purged', entries: counted.entries, lastHash: startsFrom, retentionDays } });
    logger?.info('history.purged', { entries: counted.entries, retentionDays });
  }
  const start: Tail = {
    count: scanned.lines,
    lastId: scanned.maxId,
    lastHash,
    lastFile: scanned.files.at(-1) ?? '',
    firstPrev: scanned.lines === 0 ? lastHash : (firstPrev ?? GENESIS),
    firstFile: scanned.files[0] ?? '',
    firstId: scanned.first?.id ?? 0,
    unkeyed: scanned.sawSigned ? scanned.unkeyedLines : scanned.lines,
    at: opened.toISOString(),
  };
  return { key, scanned, lastHash, tail: start, marks };
}

function describe(problem: HistoryProblem): string {
  return `${problem.file}${problem.line > 0 ? `, line ${problem.line}` : ''}: ${problem.problem}`;
}

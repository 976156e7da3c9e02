import { join } from 'node:path';
import type { HistoryEvent, HistoryProblem } from '../../common/history-schemas';
import type { LineCodec } from '../at-rest/sealed-text';
import type { ScanEnd } from './chain-tail';
import { monthFiles, scanLines } from './journal-files';
import { STATUS, fieldMask, readerWordsOf, type JournalIndex } from './journal-index';
import { GENESIS, IndexedLine, IndexedPending, hashLine, macLine } from './journal-lines';
import { MarkLine, eventOf, isChainBytes, isMarkBytes } from './journal-marks';
import { ANCHOR_FILE } from './journal-retention';

// Opening the history: every line of every month file is read once, hashed and checked
// against the next line's `prev`, and indexed. A line that cannot be read, or a break in
// the chain, is reported (which file, which line, which entry, what is wrong) and the scan
// goes on: one damaged line never hides the rest of the history. Lines before the first
// `chain` line follow the older SHA-256 rule; from it on, the HMAC with the keychain's key.

export type ScanOptions = {
  /** The keychain's key; null when it is missing: the signed lines then cannot be verified. */
  key: Buffer | null;
  /** The `prev` the first line must carry; undefined when that cannot be known (damaged anchor). */
  firstPrev: string | undefined;
  /** The history is signed from its first line (the tail says no unsigned line is left). */
  keyedFromStart: boolean;
  /** The hash the tail says the history reached; undefined when there is no trusted tail. */
  tailHash: string | undefined;
  /** Opens sealed lines (main/at-rest/); absent, lines are read as they are stored. */
  codec?: LineCodec | undefined;
};

export type ScanResult = ScanEnd & {
  /** Hash of the last line: the next line's `prev`. */
  lastHash: string;
  maxId: number;
  /** The last file, when its last line has no newline (cut short by a crash). */
  tornFile: string | undefined;
  genesis: string;
  events: HistoryEvent[];
  /** A signed line was seen: the history has been signed with a key. */
  sawSigned: boolean;
  unsignedEntries: number;
  signedFrom: { file: string; line: number } | undefined;
  unverifiableEntries: number;
  /** Changes up to this id cannot be verified (their key is gone); 0 for none. */
  unverifiableUpTo: number;
  first: { file: string; id: number } | undefined;
  /** Lines before the first signed one. */
  unkeyedLines: number;
};

export async function scanJournal(
  dir: string,
  index: JournalIndex,
  report: (problem: HistoryProblem) => void,
  options: ScanOptions,
): Promise<ScanResult> {
  if (options.firstPrev === undefined) {
    report({ file: ANCHOR_FILE, line: 1, problem: 'The record of the last retention purge is damaged, so the first entry cannot be checked.' });
  }
  const { key } = options;
  let expected: string | undefined = options.firstPrev;
  let maxId = 0;
  let lastId = 0;
  let tornFile: string | undefined;
  let lines = 0;
  let tailSeen = false;
  const linesInFile = new Map<string, number>();
  const events: HistoryEvent[] = [];
  let keyed = options.keyedFromStart;
  let sawSigned = keyed;
  let unsignedEntries = 0;
  let signedFrom: { file: string; line: number } | undefined;
  let unverifiableEntries = 0;
  let unverifiableUpTo = 0;
  let first: { file: string; id: number } | undefined;
  let unkeyedLines = 0;
  // Breaks in the signed part since its last chain line: dropped if a later 'new-key' line
  // says that part was signed with a key the keychain no longer holds.
  let epochBreaks: HistoryProblem[] = [];
  let epochEntries = 0;
  let breakRun: { problem: HistoryProblem; base: string; more: number } | undefined;
  const files = await monthFiles(dir);

  const chainBroke = (problem: HistoryProblem, brokeBefore: boolean) => {
    if (brokeBefore && breakRun) {
      // A rewrite re-chained by hand (or with a made-up key) breaks every line after it:
      // one report says so, not one per line.
      breakRun.more += 1;
      breakRun.problem.problem = `${breakRun.base} The ${breakRun.more === 1 ? 'line' : `${breakRun.more} lines`} after it do not chain either: they were re-chained outside the console, without this computer's key.`;
      return;
    }
    breakRun = { problem, base: problem.problem, more: 0 };
    if (keyed) epochBreaks.push(problem);
    else report(problem);
  };
  let brokeLast = false;

  for (const name of files) {
    const file = index.fileIndex(name);
    // The file's last line, when it is an outcome whose record looked whole: if the file
    // does not end with a newline, that record was cut short after all.
    let lastWithRecord: { line: number; entryId: number } | undefined;
    const { endsWithNewline } = await scanLines(
      join(dir, name),
      ({ bytes, offset, size, lineNo, unreadable }) => {
        lines += 1;
        linesInFile.set(name, lineNo);
        const at = { file: name, line: lineNo };
        const wasFirst = lines === 1;
        const wanted = expected;
        const chain = isChainBytes(bytes);
        if (chain && !keyed) {
          keyed = true;
          sawSigned = true;
          if (unsignedEntries > 0) signedFrom = at;
        }
        if (!keyed) unkeyedLines = lines;
        const hash = keyed && key ? macLine(key, bytes) : hashLine(bytes);
        if (hash === options.tailHash) tailSeen = true;
        expected = hash;
        const brokeBefore = brokeLast;
        brokeLast = false;
        lastWithRecord = undefined;
        if (unreadable) {
          report({ ...at, problem: unreadable === 'foreign' ? SEALED_ELSEWHERE : SEALED_DAMAGED });
          return;
        }
        let json: unknown;
        let record: RecordPart = 'none';
        try {
          ({ json, record } = parseIndexPart(bytes));
        } catch {
          report({ ...at, problem: 'This line is unreadable (not valid JSON); it was skipped.' });
          return;
        }
        if (isMarkBytes(bytes)) {
          const mark = MarkLine.safeParse(json);
          if (!mark.success) {
            report({ ...at, problem: `This line is not a history record the console understands (${firstIssue(mark.error)}); it was skipped.` });
            return;
          }
          maxId = Math.max(maxId, mark.data.lastId);
          if (mark.data.type === 'chain' && mark.data.what === 'new-key') {
            // What was signed before this line used a key the keychain lost: say so once.
            unverifiableEntries += epochEntries;
            unverifiableUpTo = maxId;
            epochEntries = 0;
            epochBreaks = [];
          } else if (wanted !== undefined && mark.data.prev !== wanted) {
            brokeLast = true;
            chainBroke({ ...at, problem: wasFirst ? startMoved(options) : CHAIN_BROKEN }, brokeBefore);
          }
          const event = eventOf(mark.data);
          if (event) events.push(event);
          return;
        }
        const line = IndexedLine.safeParse(json);
        if (!line.success) {
          report({ ...at, problem: `This line is not a history entry the console understands (${firstIssue(line.error)}); it was skipped.` });
          return;
        }
        const { id, type } = line.data;
        maxId = Math.max(maxId, id);
        lastId = id;
        first ??= { file: name, id };
        if (wanted !== undefined && line.data.prev !== wanted) {
          brokeLast = true;
          chainBroke({ ...at, entryId: id, problem: wasFirst ? startMoved(options) : CHAIN_BROKEN }, brokeBefore);
        }
        if (type === 'pending') {
          const pending = IndexedPending.safeParse(json);
          if (!pending.success) {
            report({ ...at, entryId: id, problem: `Entry ${id} is incomplete (${firstIssue(pending.error)}); it was skipped.` });
            return;
          }
          if (index.position(id) !== -1) {
            report({ ...at, entryId: id, problem: `Entry ${id} appears twice; the first one counts.` });
            return;
          }
          if (keyed) epochEntries += 1;
          else unsignedEntries += 1;
          const p = pending.data;
          const { words, shown } = readerWordsOf(p);
          index.add({
            id,
            time: Date.parse(line.data.at),
            file,
            offset,
            length: size,
            outFile: -1,
            outOffset: 0,
            outLength: 0,
            status: STATUS.pending,
            connection: index.connectionIndex(p.connection),
            reader: index.readerIndex(p.userId, words, shown),
            revertOf: p.revertOf ?? 0,
            fields: fieldMask(p.changes.map((c) => c.field)),
          });
          return;
        }
        if (record === 'cut') report({ ...at, entryId: id, problem: recordCutProblem(id) });
        else if (record === 'whole') lastWithRecord = { line: lineNo, entryId: id };
        const pos = index.position(id);
        const entry = pos === -1 ? undefined : index.at(pos);
        const outcome = line.data.outcome;
        if (!entry || !outcome) {
          // An answer whose change was purged by retention is expected; any other is not.
          const purged = index.size === 0 || id < index.firstId();
          if (!purged || !outcome) report({ ...at, entryId: id, problem: `This outcome belongs to entry ${id}, which is not in the history.` });
          return;
        }
        if (entry.outFile !== -1) {
          report({ ...at, entryId: id, problem: `Entry ${id} has a second outcome; the first one counts.` });
          return;
        }
        index.setOutcome(pos, { outFile: file, outOffset: offset, outLength: size, status: STATUS[outcome] });
      },
      options.codec,
    );
    tornFile = endsWithNewline ? undefined : name;
    if (tornFile && lastWithRecord) report({ file: name, ...lastWithRecord, problem: recordCutProblem(lastWithRecord.entryId) });
  }
  if (keyed && !key) {
    // The key is gone: the signed lines can be neither trusted nor called broken.
    unverifiableEntries += epochEntries;
    unverifiableUpTo = maxId;
  } else {
    for (const problem of epochBreaks) report(problem);
  }
  return {
    lastHash: expected ?? GENESIS,
    maxId,
    tornFile,
    genesis: GENESIS,
    lines,
    tailSeen,
    files,
    linesInFile,
    lastId,
    events,
    sawSigned,
    unsignedEntries,
    signedFrom,
    unverifiableEntries,
    unverifiableUpTo,
    first,
    unkeyedLines,
  };
}

const SEALED_DAMAGED = 'This line cannot be decrypted: it was changed or damaged outside the console; it was skipped.';
const SEALED_ELSEWHERE = 'This line was encrypted with a key this computer no longer has; it was skipped.';

const CHAIN_BROKEN = 'The chain is broken here: the line before this one was changed, or lines were removed or added, outside the console.';

function startMoved(options: ScanOptions): string {
  return options.keyedFromStart
    ? "The history does not start where it should: its oldest entries (or a whole month file) were removed or changed outside the console; the record of its start is kept in this computer's keychain."
    : 'The history does not start where it should: its oldest entries were removed or changed outside the console.';
}

const RECORD_KEY = Buffer.from(',"record":');
const OUTCOME_START = Buffer.from('{"v":1,"type":"outcome"');

/** Whether an outcome line carries ConsCent's record, and whether it looks whole. */
type RecordPart = 'none' | 'whole' | 'cut';

const RECORD_END = Buffer.from('}}');

function recordCutProblem(id: number): string {
  return (
    `The outcome of entry ${id} is cut short inside the record ConsCent returned: what ConsCent answered is kept, ` +
    'but the values it returned are lost, so they are not used as last known values.'
  );
}

/**
 * The line as JSON, without the record ConsCent returned when it has one: that record is
 * most of an outcome line's bytes and the index needs none of it. The journal writes it
 * as the last key, and a key's quotes cannot occur unescaped inside a string, so the first
 * `,"record":` is that key. The hash chain still covers the whole line, and the record is
 * validated in full whenever it is used. A whole record ends the line with `}}` (its own
 * brace and the line's); a line cut inside it almost never does, and a cut last line of a
 * file is caught by its missing newline.
 */
function parseIndexPart(bytes: Buffer): { json: unknown; record: RecordPart } {
  if (bytes.subarray(0, OUTCOME_START.length).equals(OUTCOME_START)) {
    const cut = bytes.indexOf(RECORD_KEY);
    // Only the part before the record is decoded at all.
    if (cut !== -1) {
      const json: unknown = JSON.parse(`${bytes.toString('utf8', 0, cut)}}`);
      return { json, record: bytes.subarray(bytes.length - RECORD_END.length).equals(RECORD_END) ? 'whole' : 'cut' };
    }
  }
  return { json: JSON.parse(bytes.toString('utf8')), record: 'none' };
}

/** The outcome line without its record, for a line whose record is cut short. */
export function withoutRecord(text: string): unknown {
  const cut = text.indexOf(RECORD_KEY.toString());
  return JSON.parse(cut === -1 ? text : `${text.slice(0, cut)}}`);
}

function firstIssue(error: { issues: { path: PropertyKey[]; message: string }[] }): string {
  const issue = error.issues[0];
  if (!issue) return 'unknown problem';
  return issue.path.length > 0 ? `${issue.path.map(String).join('.')}: ${issue.message}` : issue.message;
}

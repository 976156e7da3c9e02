import { join } from 'node:path';
import type { HistoryProblem } from '../../common/history-schemas';
import { monthFiles, scanLines } from './journal-files';
import { STATUS, fieldMask, type JournalIndex } from './journal-index';
import { GENESIS, IndexedLine, IndexedPending, hashLine } from './journal-lines';
import { ANCHOR_FILE, expectedFirstPrev } from './journal-retention';

// Opening the history: every line of every month file is read once, hashed and checked
// against the next line's `prev`, and indexed. A line that cannot be read, or a break in
// the chain, is reported (which file, which line, which entry, what is wrong) and the scan
// goes on: one damaged line never hides the rest of the history.

export type ScanResult = {
  /** Hash of the last line: the next line's `prev`. */
  lastHash: string;
  maxId: number;
  /** The last file, when its last line has no newline (cut short by a crash). */
  tornFile: string | undefined;
  genesis: string;
};

export async function scanJournal(dir: string, index: JournalIndex, report: (problem: HistoryProblem) => void): Promise<ScanResult> {
  const anchor = await expectedFirstPrev(dir);
  if (anchor === undefined) {
    report({ file: ANCHOR_FILE, line: 1, problem: 'The record of the last retention purge is damaged, so the first entry cannot be checked.' });
  }
  let expected: string | undefined = anchor;
  let maxId = 0;
  let tornFile: string | undefined;
  let first = true;

  for (const name of await monthFiles(dir)) {
    const file = index.fileIndex(name);
    // The file's last line, when it is an outcome whose record looked whole: if the file
    // does not end with a newline, that record was cut short after all.
    let lastWithRecord: { line: number; entryId: number } | undefined;
    const { endsWithNewline } = await scanLines(join(dir, name), ({ bytes, offset, lineNo }) => {
      const hash = hashLine(bytes);
      const at = { file: name, line: lineNo };
      const wasFirst = first;
      const wanted = expected;
      first = false;
      expected = hash;
      lastWithRecord = undefined;
      let json: unknown;
      let record: RecordPart = 'none';
      try {
        ({ json, record } = parseIndexPart(bytes));
      } catch {
        report({ ...at, problem: 'This line is unreadable (not valid JSON); it was skipped.' });
        return;
      }
      const line = IndexedLine.safeParse(json);
      if (!line.success) {
        report({ ...at, problem: `This line is not a history entry the console understands (${firstIssue(line.error)}); it was skipped.` });
        return;
      }
      const { id, type } = line.data;
      maxId = Math.max(maxId, id);
      if (wanted !== undefined && line.data.prev !== wanted) {
        report({
          ...at,
          entryId: id,
          problem: wasFirst
            ? 'The history does not start where it should: its oldest entries were removed or changed outside the console.'
            : 'The chain is broken here: the line before this one was changed, or lines were removed or added, outside the console.',
        });
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
        const p = pending.data;
        index.add({
          id,
          time: Date.parse(line.data.at),
          file,
          offset,
          length: bytes.length,
          outFile: -1,
          outOffset: 0,
          outLength: 0,
          status: STATUS.pending,
          connection: index.connectionIndex(p.connection),
          reader: index.readerIndex(p.userId, [
            p.reader.name,
            p.reader.email,
            ...p.changes.flatMap((c) => ((c.field === 'name' || c.field === 'email') && typeof c.after === 'string' ? [c.after] : [])),
          ]),
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
      index.setOutcome(pos, { outFile: file, outOffset: offset, outLength: bytes.length, status: STATUS[outcome] });
    });
    tornFile = endsWithNewline ? undefined : name;
    if (tornFile && lastWithRecord) report({ file: name, ...lastWithRecord, problem: recordCutProblem(lastWithRecord.entryId) });
  }
  return { lastHash: expected ?? GENESIS, maxId, tornFile, genesis: GENESIS };
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

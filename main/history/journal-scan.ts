import { join } from 'node:path';
import type { HistoryProblem } from '../../common/history-schemas';
import { monthFiles, scanLines } from './journal-files';
import { STATUS, fieldMask, type JournalIndex } from './journal-index';
import { GENESIS, IndexedLine, PendingLine, hashLine } from './journal-lines';
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
    const { endsWithNewline } = await scanLines(join(dir, name), ({ bytes, offset, lineNo }) => {
      const hash = hashLine(bytes);
      const at = { file: name, line: lineNo };
      const wasFirst = first;
      const wanted = expected;
      first = false;
      expected = hash;
      let json: unknown;
      try {
        json = JSON.parse(bytes.toString('utf8'));
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
        const pending = PendingLine.safeParse(json);
        if (!pending.success) {
          report({ ...at, entryId: id, problem: `Entry ${id} is incomplete (${firstIssue(pending.error)}); it was skipped.` });
          return;
        }
        if (index.find(id)) {
          report({ ...at, entryId: id, problem: `Entry ${id} appears twice; the first one counts.` });
          return;
        }
        const p = pending.data;
        index.add({
          id,
          time: Date.parse(p.at),
          file,
          offset,
          length: bytes.length,
          outFile: -1,
          outOffset: 0,
          outLength: 0,
          status: STATUS.pending,
          connection: index.connectionIndex(p.connection),
          reader: index.readerIndex(p.userId, [p.reader.name, p.reader.email, ...p.changes.flatMap((c) => ((c.field === 'name' || c.field === 'email') && typeof c.after === 'string' ? [c.after] : []))]),
          revertOf: p.revertOf ?? 0,
          fields: fieldMask(p.changes.map((c) => c.field)),
        });
        return;
      }
      const entry = index.find(id);
      const outcome = line.data.outcome;
      if (!entry || !outcome) {
        // An answer whose change was purged by retention is expected; any other is not.
        const purged = index.entries.length === 0 || id < index.entries[0]!.id;
        if (!purged || !outcome) report({ ...at, entryId: id, problem: `This outcome belongs to entry ${id}, which is not in the history.` });
        return;
      }
      if (entry.outFile !== -1) {
        report({ ...at, entryId: id, problem: `Entry ${id} has a second outcome; the first one counts.` });
        return;
      }
      Object.assign(entry, { outFile: file, outOffset: offset, outLength: bytes.length, status: STATUS[outcome] });
      const record = (json as { record?: { userId?: unknown; name?: unknown; email?: unknown } }).record;
      if (record && typeof record.userId === 'string') {
        index.readerIndex(record.userId, [typeof record.name === 'string' ? record.name : undefined, typeof record.email === 'string' ? record.email : undefined]);
      }
    });
    tornFile = endsWithNewline ? undefined : name;
  }
  return { lastHash: expected ?? GENESIS, maxId, tornFile, genesis: GENESIS };
}

function firstIssue(error: { issues: { path: PropertyKey[]; message: string }[] }): string {
  const issue = error.issues[0];
  if (!issue) return 'unknown problem';
  return issue.path.length > 0 ? `${issue.path.map(String).join('.')}: ${issue.message}` : issue.message;
}

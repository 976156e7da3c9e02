import { join } from 'node:path';
import type { HistoryEntry, HistoryFilter, HistoryPage, HistoryProblem } from '../../common/history-schemas';
import { AppendError, NODE_JOURNAL_FS, appendDurably, ensureFolder, monthFiles, removeFile, repairTail, type JournalFs } from './journal-files';
import { entryView, loadEntries, type LoadedEntry } from './journal-entries';
import { STATUS, JournalIndex, fieldMask, type IndexEntry, type IndexedConnection } from './journal-index';
import { JOURNAL_VERSION, formatLine, hashLine, monthFileOf, type OutcomeLine, type PendingLine } from './journal-lines';
import { ANCHOR_FILE, purgeOlderThan } from './journal-retention';
import { scanJournal } from './journal-scan';

// The change history's journal: append-only JSON-lines files, a hash chain, an index in
// memory. Writes are serialised (two readers saved at once still chain correctly) and
// each is flushed to disk before its promise resolves.

export type PendingInput = Omit<PendingLine, 'v' | 'type' | 'id' | 'at' | 'prev'>;
export type OutcomeInput = Omit<OutcomeLine, 'v' | 'type' | 'id' | 'at' | 'prev'>;

export const MAX_REPORTED_PROBLEMS = 20;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface JournalOptions {
  dir: string;
  /** Entries older than this are removed when the journal opens. */
  retentionDays: number;
  now?: () => Date;
  /** How files are opened for writing; node's fs unless a test injects faults. */
  fs?: JournalFs;
}

export interface Journal {
  readonly dir: string;
  /** Records a change about to be sent; resolves with its id once it is on disk. */
  recordPending(entry: PendingInput): Promise<number>;
  /** Records ConsCent's answer (or its absence) for a pending entry. */
  complete(id: number, outcome: OutcomeInput): Promise<void>;
  list(filter: HistoryFilter, offset: number, limit: number): Promise<HistoryPage>;
  /** Every matching entry, newest first, a batch at a time (for export). */
  eachMatching(filter: HistoryFilter, batch: (entries: LoadedEntry[]) => Promise<void>): Promise<number>;
  /** One entry with its lines, or undefined. */
  entry(id: number): Promise<{ view: HistoryEntry; loaded: LoadedEntry } | undefined>;
  /** Newest-first index entries of one reader (for "last known values"). */
  readerEntries(userId: string): IndexEntry[];
  load(entries: readonly IndexEntry[]): Promise<LoadedEntry[]>;
  connectionOf(entry: IndexEntry): IndexedConnection | undefined;
  /** Removes every entry. Returns how many there were. */
  clear(): Promise<number>;
  problems(): HistoryProblem[];
}

export async function openJournal(options: JournalOptions): Promise<Journal> {
  const { dir } = options;
  const now = options.now ?? (() => new Date());
  const fs = options.fs ?? NODE_JOURNAL_FS;
  await ensureFolder(dir);
  const opened = now();
  const purge = await purgeOlderThan(dir, new Date(opened.getTime() - options.retentionDays * DAY_MS), opened);
  const index = new JournalIndex();
  const problems: HistoryProblem[] = [...purge.problems];
  const report = (problem: HistoryProblem) => problems.push(problem);
  const scanned = await scanJournal(dir, index, report);
  let lastHash = scanned.lastHash;
  let nextId = scanned.maxId + 1;
  let tornFile = scanned.tornFile;
  // A failed append that could not cut its file back: done before the next line is written.
  let repair: { name: string; size: number } | undefined;
  const inFlight = new Set<number>();
  let queue: Promise<unknown> = Promise.resolve();

  /** Appends one line after the one before it; returns where it went. */
  function append(
    make: (prev: string, at: string) => PendingLine | OutcomeLine,
  ): Promise<{ line: PendingLine | OutcomeLine; file: number; offset: number; length: number }> {
    const next = queue.then(async () => {
      const at = now();
      const line = make(lastHash, at.toISOString());
      const text = formatLine(line);
      const name = monthFileOf(at);
      // A line cut short by a crash has no newline: end it, or this line would join it.
      const lead = tornFile === name ? '\n' : '';
      if (repair) {
        // Still failing: this line is refused too (for a pending line, nothing is sent).
        await repairTail(dir, repair.name, repair.size, fs);
        repair = undefined;
      }
      let start: number;
      try {
        start = await appendDurably(dir, name, `${lead}${text}\n`, fs);
      } catch (error) {
        // lastHash and the index stay as they were: they describe the file,
        // which holds nothing of this line (or will not once repaired).
        if (error instanceof AppendError && !error.restored) repair = { name, size: error.size };
        throw error;
      }
      tornFile = undefined;
      lastHash = hashLine(text);
      return { line, file: index.fileIndex(name), offset: start + lead.length, length: Buffer.byteLength(text) };
    });
    queue = next.catch(() => undefined);
    return next;
  }

  const matching = (filter: HistoryFilter) => index.matcher(filter, inFlight);
  const load = (entries: readonly IndexEntry[]) => loadEntries(dir, index, entries, report);

  return {
    dir,
    async recordPending(input) {
      const id = nextId++;
      const { line, file, offset, length } = await append((prev, at) => ({ v: JOURNAL_VERSION, type: 'pending', id, at, prev, ...input }));
      const pending = line as PendingLine;
      index.add({
        id,
        time: Date.parse(pending.at),
        file,
        offset,
        length,
        outFile: -1,
        outOffset: 0,
        outLength: 0,
        status: STATUS.pending,
        connection: index.connectionIndex(pending.connection),
        reader: index.readerIndex(pending.userId, [pending.reader.name, pending.reader.email, ...afterWords(pending)]),
        revertOf: pending.revertOf ?? 0,
        fields: fieldMask(pending.changes.map((c) => c.field)),
      });
      inFlight.add(id);
      return id;
    },

    async complete(id, outcome) {
      try {
        // The record goes last: opening the history skips it (journal-scan.ts).
        const { record, ...facts } = outcome;
        const { file, offset, length } = await append((prev, at) => ({
          v: JOURNAL_VERSION,
          type: 'outcome',
          id,
          at,
          prev,
          ...facts,
          ...(record ? { record } : {}),
        }));
        const pos = index.position(id);
        if (pos === -1) return; // cleared while the save was in flight
        index.setOutcome(pos, { outFile: file, outOffset: offset, outLength: length, status: STATUS[outcome.outcome] });
      } finally {
        inFlight.delete(id);
      }
    },

    async list(filter, offset, limit) {
      const { entries, total } = index.page(matching(filter), offset, limit);
      const loaded = await load(entries);
      return {
        entries: loaded.map((entry) => entryView(entry, index, inFlight)),
        total,
        offset,
        all: index.size,
        problems: problems.slice(0, MAX_REPORTED_PROBLEMS),
        problemCount: problems.length,
        connections: index.connections.map(({ connectionId, name }) => ({ connectionId, name })),
      };
    },

    async eachMatching(filter, batch) {
      let count = 0;
      let chunk: IndexEntry[] = [];
      for (const entry of index.matching(matching(filter))) {
        chunk.push(entry);
        if (chunk.length === 200) {
          await batch(await load(chunk));
          count += chunk.length;
          chunk = [];
        }
      }
      if (chunk.length > 0) await batch(await load(chunk));
      return count + chunk.length;
    },

    async entry(id) {
      const found = index.find(id);
      if (!found) return undefined;
      const [loaded] = await load([found]);
      return loaded ? { view: entryView(loaded, index, inFlight), loaded } : undefined;
    },

    readerEntries: (userId) => index.ofReader(userId),

    load,
    connectionOf: (entry) => index.connections[entry.connection],

    async clear() {
      const run = queue.then(async () => {
        const count = index.size;
        for (const name of await monthFiles(dir)) await removeFile(join(dir, name));
        await removeFile(join(dir, ANCHOR_FILE));
        index.clear();
        problems.length = 0;
        lastHash = scanned.genesis;
        tornFile = undefined;
        repair = undefined;
        return count;
      });
      queue = run.catch(() => undefined);
      return run;
    },

    problems: () => [...problems],
  };
}

/** Names and emails a change gave the reader: a search for the new email finds the entry. */
function afterWords(pending: PendingLine): string[] {
  return pending.changes.flatMap((change) =>
    (change.field === 'name' || change.field === 'email') && typeof change.after === 'string' ? [change.after] : [],
  );
}

export { STATUS };

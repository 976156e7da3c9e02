import { join } from 'node:path';
import type { HistoryEntry, HistoryEvent, HistoryFilter, HistoryIntegrity, HistoryPage, HistoryProblem } from '../../common/history-schemas';
import { memoryDataKeyring, type DataKeyring } from '../at-rest/data-key';
import { lineCodec } from '../at-rest/sealed-text';
import type { Logger } from '../logging/logger';
import { currentIdentity } from './agent-identity';
import { createMemoryChainKeychain, type ChainKeychain, type Tail } from './chain-keychain';
import { writeTailFile } from './chain-tail';
import { AppendError, NODE_JOURNAL_FS, appendDurably, monthFiles, removeFile, repairTail, type JournalFs } from './journal-files';
import { entryView, loadEntries, type LoadedEntry } from './journal-entries';
import { STATUS, JournalIndex, fieldMask, readerWordsOf, type ReadersFound, type IndexEntry, type IndexedConnection } from './journal-index';
import { JOURNAL_VERSION, formatLine, macLine, monthFileOf, type OutcomeLine, type PendingLine } from './journal-lines';
import { eventOf, type MarkLine, type TombstoneLine, type Who } from './journal-marks';
import type { JournalObserver } from './journal-observer';
import { openChain } from './journal-open';
import { ANCHOR_FILE } from './journal-retention';
import { removeSetAside } from './journal-sealing';

// The change history's journal: append-only JSON-lines files, a chain signed with the
// keychain's key, an index in memory. Writes are serialised (two readers saved at once
// still chain correctly) and each is flushed to disk before its promise resolves; the
// signed tail follows each line (tail.json) and each change (the keychain).

export type PendingInput = Omit<PendingLine, 'v' | 'type' | 'id' | 'at' | 'prev'>;
export type OutcomeInput = Omit<OutcomeLine, 'v' | 'type' | 'id' | 'at' | 'prev'>;

export const MAX_REPORTED_PROBLEMS = 20;
const MAX_REPORTED_EVENTS = 20;

export interface JournalOptions {
  dir: string;
  /** Entries older than this are removed when the journal opens. */
  retentionDays: number;
  now?: () => Date;
  /**
   * Where the signing key and the signed tail live: the OS keychain in the app. When absent
   * (tests, the bench), a memory kept per folder for the life of this process.
   */
  keychain?: ChainKeychain;
  /** Who a purge at open is recorded as; this OS user when absent. */
  who?: () => Who;
  /** The support log: clears, purges and damage found are written there too. */
  logger?: Logger;
  /** How files are opened for writing; node's fs unless a test injects faults. */
  fs?: JournalFs;
  /**
   * The key every line is sealed with (issue 18.4): the OS keychain in the app. When absent
   * (tests, the bench), a key kept in memory per folder for the life of this process.
   */
  dataKeys?: DataKeyring;
  /** Told of each line before it is written (the audit outbox, issue 20). */
  observer?: JournalObserver;
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
  /** Readers whose name or email holds `text` (any case, no accents), worked on over `connectionId`, newest first. */
  findReaders(text: string, connectionId: string, limit: number): ReadersFound;
  /** Newest-first index entries of one reader (for "last known values"). */
  readerEntries(userId: string): IndexEntry[];
  load(entries: readonly IndexEntry[]): Promise<LoadedEntry[]>;
  connectionOf(entry: IndexEntry): IndexedConnection | undefined;
  /** Removes every entry and starts a new chain from a signed tombstone. Returns how many there were. */
  clear(who: Who): Promise<number>;
  /** Records a change of the retention setting as a signed tombstone. */
  retentionChanged(who: Who, previousDays: number, retentionDays: number): Promise<void>;
  problems(): HistoryProblem[];
  integrity(): HistoryIntegrity;
}

export async function openJournal(options: JournalOptions): Promise<Journal> {
  const { dir, logger } = options;
  const now = options.now ?? (() => new Date());
  const keychain = options.keychain ?? memoryKeychainOf(dir);
  const who = options.who ?? defaultWho;
  const fs = options.fs ?? NODE_JOURNAL_FS;
  const index = new JournalIndex();
  const problems: HistoryProblem[] = [];
  const report = (problem: HistoryProblem) => problems.push(problem);
  const codec = lineCodec(await (options.dataKeys ?? memoryDataKeyring(dir)).get(), 'history');
  const opened = await openChain({ dir, retentionDays: options.retentionDays, now, keychain, logger, index, report, codec });
  const { key, scanned } = opened;
  let lastHash = opened.lastHash;
  let tail: Tail = opened.tail;
  let nextId = scanned.maxId + 1;
  let tornFile = scanned.tornFile;
  let events: HistoryEvent[] = [...scanned.events];
  let { unsignedEntries, unverifiableEntries, unverifiableUpTo, signedFrom } = scanned;
  const linesIn = new Map(scanned.linesInFile);
  // A failed append that could not cut its file back: done before the next line is written.
  let repair: { name: string; size: number } | undefined;
  const inFlight = new Set<number>();
  let queue: Promise<unknown> = Promise.resolve();

  /** Runs `task` after every write before it. */
  function serially<T>(task: () => Promise<T>): Promise<T> {
    const next = queue.then(task);
    queue = next.catch(() => undefined);
    return next;
  }

  /** Writes one line after the one before it (inside the queue); returns where it went. */
  async function write(
    make: (prev: string, at: string) => PendingLine | OutcomeLine | MarkLine,
  ): Promise<{ line: PendingLine | OutcomeLine | MarkLine; file: number; offset: number; length: number }> {
    const at = now();
    const line = make(lastHash, at.toISOString());
    const text = formatLine(line as PendingLine);
    const stored = codec.seal(text);
    const name = monthFileOf(at);
    const hash = macLine(key, text);
    if (options.observer) {
      const lastEntryId = Math.max(tail.lastId, 'id' in line ? line.id : line.lastId);
      await options.observer.writing(line, hash, { lines: tail.count + 1, lastEntryId, lastHash: hash });
    }
    // A line cut short by a crash has no newline: end it, or this line would join it.
    const lead = tornFile === name ? '\n' : '';
    if (repair) {
      // Still failing: this line is refused too (for a pending line, nothing is sent).
      await repairTail(dir, repair.name, repair.size, fs);
      repair = undefined;
    }
    let start: number;
    try {
      start = await appendDurably(dir, name, `${lead}${stored}\n`, fs);
    } catch (error) {
      // lastHash, the tail and the index stay as they were: they describe the file,
      // which holds nothing of this line (or will not once repaired).
      if (error instanceof AppendError && !error.restored) repair = { name, size: error.size };
      throw error;
    }
    tornFile = undefined;
    const lineNo = (linesIn.get(name) ?? 0) + 1;
    linesIn.set(name, lineNo);
    if (line.type === 'chain' && line.what === 'keyed' && unsignedEntries > 0) signedFrom = { file: name, line: lineNo };
    const first = tail.count === 0;
    lastHash = hash;
    tail = {
      ...tail,
      count: tail.count + 1,
      lastId: Math.max(tail.lastId, 'id' in line ? line.id : line.lastId),
      lastHash,
      lastFile: name,
      ...(first ? { firstPrev: line.prev, firstFile: name, firstId: 'id' in line ? line.id : 0 } : {}),
      at: at.toISOString(),
    };
    await saveTail(line.type !== 'pending');
    if (line.type === 'tombstone' || line.type === 'chain') {
      const event = eventOf(line);
      if (event) events = [...events, event];
    }
    return { line, file: index.fileIndex(name), offset: start + lead.length, length: Buffer.byteLength(stored) };
  }

  /**
   * The line is on disk whatever happens here: a tail that could not be written shows at
   * the next open as lines after the tail, which the chain still covers. Both copies are
   * written once per change (after its outcome) and after each mark, not per line.
   */
  async function saveTail(changeDone: boolean): Promise<void> {
    if (!changeDone) return;
    await writeTailFile(dir, key, tail).catch(() => logger?.warn('history.tail-not-written', { where: 'file' }));
    await keychain.write({ key, tail }).catch(() => logger?.warn('history.tail-not-written', { where: 'keychain' }));
  }

  const tombstone = (who: Who, facts: Omit<TombstoneLine, 'v' | 'type' | 'at' | 'prev' | 'agent' | 'machine' | 'lastId'>) =>
    write((prev, at) => ({ v: JOURNAL_VERSION, type: 'tombstone', at, prev, ...who, lastId: nextId - 1, ...facts }));

  options.observer?.opened?.({ lines: tail.count, lastEntryId: tail.lastId, lastHash });
  for (const mark of opened.marks) {
    await write((prev, at) =>
      mark.type === 'chain'
        ? { v: JOURNAL_VERSION, type: 'chain', what: mark.what, at, prev, lastId: nextId - 1 }
        : { v: JOURNAL_VERSION, type: 'tombstone', at, prev, ...who(), lastId: nextId - 1, ...mark.facts },
    );
  }

  const matching = (filter: HistoryFilter) => index.matcher(filter, inFlight);
  const load = (entries: readonly IndexEntry[]) => loadEntries(dir, index, entries, report, codec);
  const view = (loaded: LoadedEntry): HistoryEntry => {
    const shown = entryView(loaded, index, inFlight);
    return shown.id <= unverifiableUpTo ? { ...shown, unverifiable: true } : shown;
  };
  const integrity = (): HistoryIntegrity => ({
    unsignedEntries,
    ...(signedFrom ? { signedFrom } : {}),
    unverifiableEntries,
    // Damage found at an earlier open stays in the history as a signed line: still damaged.
    damaged: problems.length > 0 || unverifiableEntries > 0 || events.some((event) => event.what === 'damage-found'),
  });

  return {
    dir,
    async recordPending(input) {
      const id = nextId++;
      const { line, file, offset, length } = await serially(() =>
        write((prev, at) => ({ v: JOURNAL_VERSION, type: 'pending', id, at, prev, ...input })),
      );
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
        reader: readerSlot(index, pending),
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
        const { file, offset, length } = await serially(() =>
          write((prev, at) => ({
            v: JOURNAL_VERSION,
            type: 'outcome',
            id,
            at,
            prev,
            ...facts,
            ...(record ? { record } : {}),
          })),
        );
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
        entries: loaded.map(view),
        total,
        offset,
        all: index.size,
        problems: problems.slice(0, MAX_REPORTED_PROBLEMS),
        problemCount: problems.length,
        connections: index.connections.map(({ connectionId, name }) => ({ connectionId, name })),
        events: events.slice(-MAX_REPORTED_EVENTS).reverse(),
        integrity: integrity(),
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
      return loaded ? { view: view(loaded), loaded } : undefined;
    },

    findReaders: (text, connectionId, limit) => index.findReaders(text, connectionId, limit),
    readerEntries: (userId) => index.ofReader(userId),

    load,
    connectionOf: (entry) => index.connections[entry.connection],

    clear(who) {
      return serially(async () => {
        const count = index.size;
        const cleared = lastHash;
        for (const name of await monthFiles(dir)) await removeFile(join(dir, name));
        await removeFile(join(dir, ANCHOR_FILE));
        await removeSetAside(dir, undefined);
        index.clear();
        linesIn.clear();
        problems.length = 0;
        events = [];
        unsignedEntries = 0;
        unverifiableEntries = 0;
        unverifiableUpTo = 0;
        signedFrom = undefined;
        tornFile = undefined;
        repair = undefined;
        // The new chain starts from the cleared one's last hash, through the tombstone.
        tail = { ...tail, count: 0, unkeyed: 0 };
        await tombstone(who, { what: 'cleared', entries: count, lastHash: cleared });
        logger?.info('history.cleared', { entries: count, lastEntryId: nextId - 1 });
        return count;
      });
    },

    retentionChanged(who, previousDays, retentionDays) {
      return serially(async () => {
        await tombstone(who, { what: 'retention-changed', entries: index.size, lastHash, retentionDays, previousDays });
        logger?.info('history.retention-changed', { previousDays, retentionDays, entries: index.size });
      });
    },

    problems: () => [...problems],
    integrity,
  };
}

const memoryKeychains = new Map<string, ChainKeychain>();
function memoryKeychainOf(dir: string): ChainKeychain {
  const found = memoryKeychains.get(dir) ?? createMemoryChainKeychain();
  memoryKeychains.set(dir, found);
  return found;
}

function defaultWho(): Who {
  const { osUser, machine } = currentIdentity();
  return { agent: { osUser }, machine };
}

/** Names and emails a change gave the reader: a search for the new email finds the entry. */
function readerSlot(index: JournalIndex, pending: PendingLine): number {
  const { words, shown } = readerWordsOf(pending);
  return index.readerIndex(pending.userId, words, shown);
}

export { STATUS };

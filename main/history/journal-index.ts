import { foldForSearch } from '../../common/fold-text';
import type { HistoryFilter, HistoryOutcome } from '../../common/history-schemas';
import { COLUMNS, allocate, type Column } from './journal-columns';

export { fieldMask, fieldsOf } from './journal-columns';

// What the console keeps in memory of the history: per entry a few numbers in typed
// columns (when, where its two lines are on disk, its outcome, which reader and
// connection), and the readers' and connections' text once each. The entries' contents
// stay on disk and are read a page at a time, so 100,000 entries take about 5 MB and
// opening allocates nothing per entry that outlives its line.

export const STATUS = { pending: 0, saved: 1, failed: 2, unknown: 3 } as const;
type Status = (typeof STATUS)[keyof typeof STATUS];

/** One entry of the index, copied out of the columns. */
export type IndexEntry = {
  id: number;
  time: number;
  file: number;
  offset: number;
  length: number;
  /** -1 until the outcome line is known. */
  outFile: number;
  outOffset: number;
  outLength: number;
  status: Status;
  connection: number;
  reader: number;
  revertOf: number;
  /** Bit i set: EDITABLE_FIELDS[i] was changed. */
  fields: number;
};

export type IndexedConnection = { connectionId: string; name: string; baseUrl: string; clientId: string };

/** A reader's name and email as the newest entry about them has them (after its change, when it changed them). */
export type ShownReader = { name?: string; email?: string };

/**
 * What one change tells the index of its reader: the words a search matches (the name and
 * email before, and after when it changed them) and how to name them from now on.
 */
export function readerWordsOf(pending: { reader: ShownReader; changes: readonly { field: string; after: unknown }[] }): {
  words: string[];
  shown: ShownReader;
} {
  const after = (field: 'name' | 'email') => {
    const change = pending.changes.find((c) => c.field === field);
    return change && typeof change.after === 'string' && change.after !== '' ? change.after : undefined;
  };
  const name = after('name') ?? pending.reader.name;
  const email = after('email') ?? pending.reader.email;
  const words = [pending.reader.name, pending.reader.email, after('name'), after('email')].filter((w): w is string => !!w);
  return { words, shown: { ...(name ? { name } : {}), ...(email ? { email } : {}) } };
}

/** A reader the history knows, found by part of their name or email (the local reader search). */
export type FoundReader = ShownReader & { userId: string; lastTime: number };
export type ReadersFound = { readers: FoundReader[]; all: ReadonlySet<string> };

export class JournalIndex {
  readonly files: string[] = [];
  readonly connections: IndexedConnection[] = [];
  private readonly connectionKeys = new Map<string, number>();
  private readonly readerIds: string[] = [];
  private readonly readerText: string[] = [];
  private readonly readerKeys = new Map<string, number>();
  private readonly readerShown: ShownReader[] = [];
  readonly revertedBy = new Map<number, number[]>();
  private columns = allocate(1024);
  size = 0;

  fileIndex(name: string): number {
    const found = this.files.indexOf(name);
    if (found !== -1) return found;
    this.files.push(name);
    return this.files.length - 1;
  }

  connectionIndex(connection: IndexedConnection): number {
    const key = JSON.stringify([connection.connectionId, connection.baseUrl, connection.clientId]);
    const found = this.connectionKeys.get(key);
    if (found !== undefined) {
      // The latest name wins: connections get renamed.
      this.connections[found]!.name = connection.name;
      return found;
    }
    this.connections.push({ ...connection });
    this.connectionKeys.set(key, this.connections.length - 1);
    return this.connections.length - 1;
  }

  /**
   * The reader's slot; `words` (names, emails) are added to what a search matches, folded
   * (foldForSearch: any case, no accents). `shown`, when given, is how the reader is named
   * in the local reader search: entries are indexed oldest first, so the newest wins.
   */
  readerIndex(userId: string, words: readonly (string | undefined)[] = [], shown?: ShownReader): number {
    const id = userId.toLowerCase();
    let index = this.readerKeys.get(id);
    if (index === undefined) {
      index = this.readerIds.length;
      this.readerIds.push(id);
      // Newline-delimited words, with one at each end, so a word is found whole.
      this.readerText.push(`\n${id}\n`);
      this.readerShown.push({});
      this.readerKeys.set(id, index);
    }
    for (const word of words) {
      const folded = word ? foldForSearch(word.trim()) : '';
      if (folded && !this.readerText[index]!.includes(`\n${folded}\n`)) this.readerText[index] += `${folded}\n`;
    }
    if (shown && (shown.name || shown.email)) this.readerShown[index] = { ...shown };
    return index;
  }

  /**
   * Readers whose name or email (any the history recorded, before or after a change)
   * holds `text`, folded; never by their user id. Only entries over `connectionId` count.
   * Newest worked on first, at most `limit`; `all` is the user id of every match.
   */
  findReaders(text: string, connectionId: string, limit: number): ReadersFound {
    const needle = foldForSearch(text.trim());
    if (needle === '') return { readers: [], all: new Set() };
    const matched = new Set<number>();
    this.readerText.forEach((haystack, i) => {
      // Past the id and its newline: a name or email, not the id, has to hold the text.
      if (haystack.includes(needle, this.readerIds[i]!.length + 2)) matched.add(i);
    });
    if (matched.size === 0) return { readers: [], all: new Set() };
    const connections = new Set(this.connections.flatMap((c, i) => (c.connectionId === connectionId ? [i] : [])));
    const c = this.columns;
    const seen = new Set<number>();
    const all = new Set<string>();
    const readers: FoundReader[] = [];
    // Newest entries first, so each reader is met first at their latest change.
    for (let pos = this.size - 1; pos >= 0 && seen.size < matched.size; pos -= 1) {
      const reader = c.reader[pos]!;
      if (!matched.has(reader) || seen.has(reader) || !connections.has(c.connection[pos]!)) continue;
      seen.add(reader);
      all.add(this.readerIds[reader]!);
      if (readers.length < limit) readers.push({ userId: this.readerIds[reader]!, ...this.readerShown[reader], lastTime: c.time[pos]! });
    }
    return { readers, all };
  }

  add(entry: IndexEntry): void {
    if (this.size === this.columns.id.length) this.columns = allocate(this.size * 2, this.columns);
    const c = this.columns;
    for (const name of Object.keys(COLUMNS) as Column[]) c[name][this.size] = entry[name];
    this.size += 1;
    if (entry.revertOf > 0) {
      const list = this.revertedBy.get(entry.revertOf) ?? [];
      list.push(entry.id);
      this.revertedBy.set(entry.revertOf, list);
    }
  }

  at(pos: number): IndexEntry {
    const c = this.columns;
    return {
      id: c.id[pos]!,
      time: c.time[pos]!,
      file: c.file[pos]!,
      offset: c.offset[pos]!,
      length: c.length[pos]!,
      outFile: c.outFile[pos]!,
      outOffset: c.outOffset[pos]!,
      outLength: c.outLength[pos]!,
      status: c.status[pos] as Status,
      connection: c.connection[pos]!,
      reader: c.reader[pos]!,
      revertOf: c.revertOf[pos]!,
      fields: c.fields[pos]!,
    };
  }

  /** Entries are appended in id order, so an id is found by bisection. Its position, or -1. */
  position(id: number): number {
    const ids = this.columns.id;
    let low = 0;
    let high = this.size - 1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      const found = ids[mid]!;
      if (found === id) return mid;
      if (found < id) low = mid + 1;
      else high = mid - 1;
    }
    return -1;
  }

  find(id: number): IndexEntry | undefined {
    const pos = this.position(id);
    return pos === -1 ? undefined : this.at(pos);
  }

  setOutcome(pos: number, outcome: { outFile: number; outOffset: number; outLength: number; status: Status }): void {
    const c = this.columns;
    c.outFile[pos] = outcome.outFile;
    c.outOffset[pos] = outcome.outOffset;
    c.outLength[pos] = outcome.outLength;
    c.status[pos] = outcome.status;
  }

  firstId(): number {
    return this.size > 0 ? this.columns.id[0]! : 0;
  }

  /** A filter compiled to a test over index positions. */
  matcher(filter: HistoryFilter, inFlight: ReadonlySet<number>): (pos: number) => boolean {
    const from = filter.from ? Date.parse(filter.from) : -Infinity;
    const to = filter.to ? Date.parse(filter.to) : Infinity;
    const text = filter.reader ? foldForSearch(filter.reader.trim()) : undefined;
    const readers = text ? new Set(this.readerText.flatMap((haystack, i) => (haystack.includes(text) ? [i] : []))) : undefined;
    const exact = filter.userId ? (this.readerKeys.get(filter.userId.toLowerCase()) ?? -1) : undefined;
    const connections = filter.connectionId
      ? new Set(this.connections.flatMap((c, i) => (c.connectionId === filter.connectionId ? [i] : [])))
      : undefined;
    const outcome = filter.outcome;
    const c = this.columns;
    return (pos) =>
      c.time[pos]! >= from &&
      c.time[pos]! <= to &&
      (exact === undefined || c.reader[pos] === exact) &&
      (!readers || readers.has(c.reader[pos]!)) &&
      (!connections || connections.has(c.connection[pos]!)) &&
      (!outcome || statusOf({ id: c.id[pos]!, status: c.status[pos] as Status }, inFlight) === outcome);
  }

  /** The matching entries from `offset` on (newest first), at most `limit`, and how many match in all. */
  page(match: (pos: number) => boolean, offset: number, limit: number): { entries: IndexEntry[]; total: number } {
    const entries: IndexEntry[] = [];
    let total = 0;
    for (let pos = this.size - 1; pos >= 0; pos -= 1) {
      if (!match(pos)) continue;
      if (total >= offset && entries.length < limit) entries.push(this.at(pos));
      total += 1;
    }
    return { entries, total };
  }

  /** Newest first, every match: for export, which reads them a batch at a time. */
  *matching(match: (pos: number) => boolean): Generator<IndexEntry> {
    for (let pos = this.size - 1; pos >= 0; pos -= 1) if (match(pos)) yield this.at(pos);
  }

  /** Newest first, every entry of one reader. */
  ofReader(userId: string): IndexEntry[] {
    const reader = this.readerKeys.get(userId.toLowerCase());
    if (reader === undefined) return [];
    const found: IndexEntry[] = [];
    for (let pos = this.size - 1; pos >= 0; pos -= 1) if (this.columns.reader[pos] === reader) found.push(this.at(pos));
    return found;
  }

  clear(): void {
    this.files.length = 0;
    this.connections.length = 0;
    this.connectionKeys.clear();
    this.readerIds.length = 0;
    this.readerText.length = 0;
    this.readerShown.length = 0;
    this.readerKeys.clear();
    this.revertedBy.clear();
    this.columns = allocate(1024);
    this.size = 0;
  }
}

/** An entry still pending that this console is not sending now never got its answer recorded. */
export function statusOf(entry: Pick<IndexEntry, 'id' | 'status'>, inFlight: ReadonlySet<number>): HistoryOutcome | 'sending' {
  switch (entry.status) {
    case STATUS.saved:
      return 'saved';
    case STATUS.failed:
      return 'failed';
    case STATUS.unknown:
      return 'unknown';
    default:
      return inFlight.has(entry.id) ? 'sending' : 'unknown';
  }
}

import type { HistoryFilter, HistoryOutcome } from '../../common/history-schemas';
import { EDITABLE_FIELDS, type EditableField } from '../../common/user-schemas';

// What the console keeps in memory of the history: per entry a handful of numbers (when,
// where its two lines are on disk, its outcome, which reader and connection), and the
// readers' and connections' text once each. The entries' contents stay on disk and are
// read a page at a time, so 100,000 entries take a few megabytes.

export const STATUS = { pending: 0, saved: 1, failed: 2, unknown: 3 } as const;
type Status = (typeof STATUS)[keyof typeof STATUS];

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

export type IndexedConnection = { profileId: string; name: string; baseUrl: string; clientId: string };

const FIELD_BIT = new Map(EDITABLE_FIELDS.map((field, i) => [field, 1 << i]));

export function fieldMask(fields: readonly string[]): number {
  return fields.reduce((mask, field) => mask | (FIELD_BIT.get(field as EditableField) ?? 0), 0);
}

export function fieldsOf(mask: number): EditableField[] {
  return EDITABLE_FIELDS.filter((_, i) => (mask & (1 << i)) !== 0);
}

export class JournalIndex {
  readonly files: string[] = [];
  readonly entries: IndexEntry[] = [];
  readonly connections: IndexedConnection[] = [];
  private readonly connectionKeys = new Map<string, number>();
  private readonly readerIds: string[] = [];
  private readonly readerText: string[] = [];
  private readonly readerKeys = new Map<string, number>();
  readonly revertedBy = new Map<number, number[]>();

  fileIndex(name: string): number {
    const found = this.files.indexOf(name);
    if (found !== -1) return found;
    this.files.push(name);
    return this.files.length - 1;
  }

  connectionIndex(connection: IndexedConnection): number {
    const key = JSON.stringify([connection.profileId, connection.baseUrl, connection.clientId]);
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

  /** The reader's slot; `words` (names, emails) are added to what a search matches. */
  readerIndex(userId: string, words: readonly (string | undefined)[] = []): number {
    const id = userId.toLowerCase();
    let index = this.readerKeys.get(id);
    if (index === undefined) {
      index = this.readerIds.length;
      this.readerIds.push(id);
      // Newline-delimited words, with one at each end, so a word is found whole.
      this.readerText.push(`\n${id}\n`);
      this.readerKeys.set(id, index);
    }
    for (const word of words) {
      const lower = word?.trim().toLowerCase();
      if (lower && !this.readerText[index]!.includes(`\n${lower}\n`)) this.readerText[index] += `${lower}\n`;
    }
    return index;
  }

  add(entry: IndexEntry): void {
    this.entries.push(entry);
    if (entry.revertOf > 0) {
      const list = this.revertedBy.get(entry.revertOf) ?? [];
      list.push(entry.id);
      this.revertedBy.set(entry.revertOf, list);
    }
  }

  /** Entries are appended in id order, so an id is found by bisection. */
  find(id: number): IndexEntry | undefined {
    let low = 0;
    let high = this.entries.length - 1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      const entry = this.entries[mid]!;
      if (entry.id === id) return entry;
      if (entry.id < id) low = mid + 1;
      else high = mid - 1;
    }
    return undefined;
  }

  lastId(): number {
    return this.entries.at(-1)?.id ?? 0;
  }

  /** A filter compiled to a test over index entries. */
  matcher(filter: HistoryFilter, inFlight: ReadonlySet<number>): (entry: IndexEntry) => boolean {
    const from = filter.from ? Date.parse(filter.from) : -Infinity;
    const to = filter.to ? Date.parse(filter.to) : Infinity;
    const text = filter.reader?.trim().toLowerCase();
    const readers = text
      ? new Set(this.readerText.flatMap((haystack, i) => (haystack.includes(text) ? [i] : [])))
      : undefined;
    const exact = filter.userId ? this.readerKeys.get(filter.userId.toLowerCase()) ?? -1 : undefined;
    const connections = filter.profileId
      ? new Set(this.connections.flatMap((c, i) => (c.profileId === filter.profileId ? [i] : [])))
      : undefined;
    const outcome = filter.outcome;
    return (entry) =>
      entry.time >= from &&
      entry.time <= to &&
      (exact === undefined || entry.reader === exact) &&
      (!readers || readers.has(entry.reader)) &&
      (!connections || connections.has(entry.connection)) &&
      (!outcome || statusOf(entry, inFlight) === outcome);
  }

  /** The matching entries from `offset` on (newest first), at most `limit`, and how many match in all. */
  page(match: (entry: IndexEntry) => boolean, offset: number, limit: number): { entries: IndexEntry[]; total: number } {
    const entries: IndexEntry[] = [];
    let total = 0;
    for (let i = this.entries.length - 1; i >= 0; i -= 1) {
      const entry = this.entries[i]!;
      if (!match(entry)) continue;
      if (total >= offset && entries.length < limit) entries.push(entry);
      total += 1;
    }
    return { entries, total };
  }

  /** Newest first, every match: for export, which reads them a batch at a time. */
  *matching(match: (entry: IndexEntry) => boolean): Generator<IndexEntry> {
    for (let i = this.entries.length - 1; i >= 0; i -= 1) {
      const entry = this.entries[i]!;
      if (match(entry)) yield entry;
    }
  }

  readerOf(userId: string): number | undefined {
    return this.readerKeys.get(userId.toLowerCase());
  }

  clear(): void {
    this.files.length = 0;
    this.entries.length = 0;
    this.connections.length = 0;
    this.connectionKeys.clear();
    this.readerIds.length = 0;
    this.readerText.length = 0;
    this.readerKeys.clear();
    this.revertedBy.clear();
  }
}

/** An entry still pending that this console is not sending now never got its answer recorded. */
export function statusOf(entry: IndexEntry, inFlight: ReadonlySet<number>): HistoryOutcome | 'sending' {
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

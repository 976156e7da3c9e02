import type { ReaderView } from '../../common/readers-contract';
import type {
  ClearHistoryRequest,
  ExportHistoryResult,
  HistoryChange,
  HistoryEntry,
  HistoryFilter,
  HistoryPage,
  HistoryPreferences,
  HistorySettings,
  HistoryValue,
  PrepareRevertRequest,
  RevertPlan,
} from '../../common/history-schemas';
import { fail, ok, type Result } from '../../common/result';
import { EDITABLE_FIELDS, type UserChanges } from '../../common/user-schemas';

// The change history of the fake bridge (fake-bridge.ts): entries kept in memory, newest
// last, filtered and paged the way main does; updateReader records into it.

export class FakeHistory {
  entries: HistoryEntry[] = [];
  problems: HistoryPage['problems'] = [];
  /** What main says of the history as a whole (issue 18). */
  events: HistoryPage['events'] = [];
  integrity: HistoryPage['integrity'] = { unsignedEntries: 0, unverifiableEntries: 0, damaged: false };
  /** Main's own Clear history dialog: true when the agent confirms it there. */
  clearConfirmed = true;
  preferences: HistoryPreferences = { displayName: '', retentionDays: 180 };
  /** What the next export answers (main's save dialog, cancelled or not). */
  exportAnswer: ExportHistoryResult = { saved: true, path: '/home/agent/conscent-history.csv', entries: 0, rows: 0 };

  add(entry: Omit<HistoryEntry, 'id'>): HistoryEntry {
    const stored = { ...structuredClone(entry), id: this.entries.length + 1 };
    this.entries.push(stored);
    if (stored.revertOf) {
      const reverted = this.entries.find((e) => e.id === stored.revertOf);
      if (reverted) reverted.revertedBy = [...(reverted.revertedBy ?? []), stored.id];
    }
    return stored;
  }

  list({ filter, page }: { filter: HistoryFilter; page: { offset: number; limit: number } }): Result<HistoryPage> {
    const text = filter.reader?.toLowerCase();
    const matching = [...this.entries]
      .reverse()
      .filter(
        (e) =>
          (!filter.userId || e.userId === filter.userId.toLowerCase()) &&
          (!filter.connectionId || e.connection.connectionId === filter.connectionId) &&
          (!filter.outcome || e.status === filter.outcome) &&
          (!filter.from || e.at >= filter.from) &&
          (!filter.to || e.at <= filter.to) &&
          (!text || [e.userId, e.reader.name ?? '', e.reader.email ?? ''].some((s) => s.toLowerCase().includes(text))),
      );
    return ok({
      entries: structuredClone(matching.slice(page.offset, page.offset + page.limit)),
      total: matching.length,
      offset: page.offset,
      all: this.entries.length,
      problems: this.problems,
      problemCount: this.problems.length,
      ...(this.events ? { events: this.events } : {}),
      ...(this.integrity ? { integrity: this.integrity } : {}),
      connections: [...new Map(this.entries.map((e) => [e.connection.connectionId, e.connection.name])).entries()].map(([connectionId, name]) => ({
        connectionId,
        name,
      })),
    });
  }

  prepareRevert({ entryId }: PrepareRevertRequest): Result<RevertPlan> {
    const entry = this.entries.find((e) => e.id === entryId);
    if (!entry) return fail({ kind: 'history', reason: 'history-entry-missing', entryId });
    return ok({
      ...(this.integrity?.damaged ? { fromDamagedHistory: true as const } : {}),
      entry: structuredClone(entry),
      restore: entry.changes.flatMap((c) => (c.before === null ? [] : [{ field: c.field, value: c.before }])),
      cannotRestore: entry.changes.flatMap((c) => (c.before === null ? [c.field] : [])),
    });
  }

  settings(): HistorySettings {
    return { ...this.preferences, osUser: 'agent', machine: 'desk-1', folder: '/home/agent/.config/ConsCent Console/history' };
  }

  clear(_request: ClearHistoryRequest): { removed: number; cancelled?: true } {
    if (!this.clearConfirmed) return { removed: 0, cancelled: true };
    const removed = this.entries.length;
    this.entries = [];
    return { removed };
  }
}

/** The fields a save changes, before (as the reader was shown; null when not known) and after. */
export function historyChanges(changes: UserChanges, shown: ReaderView): HistoryChange[] {
  return EDITABLE_FIELDS.flatMap((field) => {
    if (changes[field] === undefined) return [];
    const before = shown.known.includes(field) && shown[field] !== undefined ? (structuredClone(shown[field]) as HistoryValue) : null;
    return [{ field, before, after: structuredClone(changes[field]) as HistoryValue }];
  });
}

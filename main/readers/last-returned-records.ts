import type { ReaderView } from '../../common/readers-contract';
import { EDITABLE_FIELDS, type EditableField } from '../../common/user-schemas';

// ConsCent's lookup does not return a reader's phone, gender or address lists; only the
// answer to an update does. Forgetting that answer when the agent looks the reader up
// again made the form start from an empty list, and sending it replaced (lost) the
// reader's real addresses. So main keeps, for this session only and in memory, the last
// record an update returned for each reader, and fills the lookup's gaps from it.

/** Readers remembered per session; the oldest are forgotten first. */
export const MAX_REMEMBERED_READERS = 500;

/** Which ConsCent a record came from: a connection that now points elsewhere must not reuse it. */
export type RecordOrigin = { connectionId: string; baseUrl: string; clientId: string };

/** `from`: which memory it came from; this session's updates when absent. */
export type RememberedRecord = {
  view: ReaderView;
  at: string;
  from?: 'session-save' | 'history';
  /** From a history with damage in it (issue 18): the agent is told, never left to trust it. */
  damaged?: true;
};

export interface LastReturnedRecords {
  /** Keeps what an update returned (the whole record) for this reader. */
  remember(origin: RecordOrigin, view: ReaderView): void;
  recall(origin: RecordOrigin, userId: string): RememberedRecord | undefined;
  /** Drops one reader: an update failed, so ConsCent's record may no longer match it. */
  forget(origin: RecordOrigin, userId: string): void;
  /** Drops everything remembered through this connection (it was deleted). */
  forgetConnection(connectionId: string): void;
}

export function createLastReturnedRecords(options: { max?: number; now?: () => Date } = {}): LastReturnedRecords {
  const max = options.max ?? MAX_REMEMBERED_READERS;
  const now = options.now ?? (() => new Date());
  // A Map iterates in insertion order: re-inserting on every save keeps the most recently
  // saved readers at the end, so the first key is always the one to evict.
  const records = new Map<string, RememberedRecord & { connectionId: string }>();
  const keyOf = (origin: RecordOrigin, userId: string) =>
    JSON.stringify([origin.connectionId, origin.baseUrl, origin.clientId, userId.toLowerCase()]);

  return {
    remember(origin, view) {
      const key = keyOf(origin, view.userId);
      records.delete(key);
      records.set(key, { connectionId: origin.connectionId, view: structuredClone(view), at: now().toISOString() });
      while (records.size > max) {
        const oldest = records.keys().next().value;
        if (oldest === undefined) break;
        records.delete(oldest);
      }
    },
    recall(origin, userId) {
      const found = records.get(keyOf(origin, userId));
      return found ? { view: structuredClone(found.view), at: found.at } : undefined;
    },
    forget(origin, userId) {
      records.delete(keyOf(origin, userId));
    },
    forgetConnection(connectionId) {
      for (const [key, record] of records) if (record.connectionId === connectionId) records.delete(key);
    },
  };
}

/**
 * The lookup's view with every editable field it did not return filled from the
 * remembered record, when that record holds it. What the lookup returned always wins: it
 * is newer than anything remembered.
 */
export function withRemembered(lookup: ReaderView, remembered: RememberedRecord | undefined): ReaderView {
  if (!remembered) return lookup;
  const known = new Set<EditableField>(lookup.known);
  const filled: EditableField[] = [];
  const view: ReaderView = { ...lookup };
  for (const field of EDITABLE_FIELDS) {
    if (known.has(field) || !remembered.view.known.includes(field)) continue;
    const value = remembered.view[field];
    if (value === undefined) continue;
    (view as Record<EditableField, unknown>)[field] = structuredClone(value);
    filled.push(field);
  }
  if (filled.length === 0) return lookup;
  view.known = EDITABLE_FIELDS.filter((field) => known.has(field) || filled.includes(field));
  view.remembered = { at: remembered.at, from: remembered.from ?? 'session-save', fields: filled, ...(remembered.damaged ? { damaged: true } : {}) };
  return view;
}

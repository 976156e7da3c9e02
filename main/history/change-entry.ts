import type { ReaderView } from '../../common/readers-contract';
import type { HistoryChange, HistoryValue } from '../../common/history-schemas';
import { EDITABLE_FIELDS, type UserChanges } from '../../common/user-schemas';

// What a save records before it is sent: each field in the body with its value after and,
// when the console knew it (the record it last showed the agent), its value before. A
// field the console never saw is recorded as not known, never as empty.

/** Addresses and lists as plain string records; anything else (undefined) is not recorded. */
export function historyValue(value: unknown): HistoryValue | undefined {
  if (typeof value === 'string') return value;
  const record = (item: unknown): Record<string, string> | undefined => {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) return undefined;
    return Object.fromEntries(Object.entries(item).filter((pair): pair is [string, string] => typeof pair[1] === 'string'));
  };
  if (Array.isArray(value)) {
    const list = value.map(record);
    return list.every((entry) => entry !== undefined) ? (list as Record<string, string>[]) : undefined;
  }
  return record(value);
}

export function recordedChanges(changes: UserChanges, before: ReaderView | undefined): HistoryChange[] {
  const known = new Set(before?.known ?? []);
  return EDITABLE_FIELDS.flatMap((field) => {
    const after = historyValue(changes[field]);
    if (after === undefined) return [];
    const was = known.has(field) ? historyValue(before?.[field]) : undefined;
    return [{ field, before: was ?? null, after }];
  });
}

/** The reader's name and email as the console knew them, for the entry and for searching. */
export function readerOf(before: ReaderView | undefined): { name?: string; email?: string } {
  return {
    ...(before?.name ? { name: before.name } : {}),
    ...(before?.email ? { email: before.email } : {}),
  };
}

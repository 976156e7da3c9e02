import type { HistoryEntry, HistoryValue } from '../../../common/history-schemas';
import { ADDRESS_KEYS } from '../../../common/user-schemas';
import { FIELD_LABELS } from '../edit/field-labels';
import { ADDRESS_LABELS } from '../format/format-address';
import { formatDay, localDayBounds, localTime } from '../format/times';
import { genderLabel } from '../format/format-gender';

// How history entries read on screen: values as lines, outcomes and agents in words.

export const NOT_KNOWN_TEXT = 'not known';

/** A recorded value as lines: text, an address part by part, a list entry by entry. */
export function valueLines(field: string, value: HistoryValue | null): string[] {
  if (value === null) return [`(${NOT_KNOWN_TEXT})`];
  if (typeof value === 'string') {
    if (value === '') return ['(empty)'];
    if (field === 'dateOfBirth') return [formatDay(value) ?? value];
    return [field === 'gender' ? genderLabel(value) : value];
  }
  const address = (a: Record<string, string>) =>
    ADDRESS_KEYS.filter((key) => a[key])
      .map((key) => `${ADDRESS_LABELS[key]}: ${a[key]}`)
      .join(', ') || '(empty address)';
  if (Array.isArray(value)) return value.length === 0 ? ['(no addresses)'] : value.map((entry, i) => `${i + 1}. ${address(entry)}`);
  return [address(value)];
}

export function statusText(entry: HistoryEntry): string {
  switch (entry.status) {
    case 'saved':
      return 'Saved';
    case 'failed':
      if (entry.notSent) return 'Not sent — the console stopped before sending it; nothing was applied';
      return `Not saved${entry.errorKind ? ` (${entry.errorKind.replace(/-/g, ' ')})` : ''}`;
    case 'sending':
      return 'Sending…';
    case 'unknown':
      return entry.interrupted
        ? 'Outcome unknown — the console stopped before ConsCent answered; check the reader'
        : 'Outcome unknown — ConsCent did not confirm it; check the reader';
  }
}

export function agentText(entry: HistoryEntry): string {
  const { displayName, osUser } = entry.agent;
  return displayName ? `${displayName} (${osUser})` : osUser;
}

export function readerText(entry: HistoryEntry): string {
  return entry.reader.name || entry.reader.email || entry.userId;
}

export function fieldsText(entry: HistoryEntry): string {
  return entry.changes.map((change) => FIELD_LABELS[change.field]).join(', ');
}

/** "Phone number changed on 12 Nov 2025, 19:32 IST by Maria K. (maria): Saved" */
export function entrySummary(entry: HistoryEntry): string {
  return `${fieldsText(entry)} changed on ${localTime(entry.at) ?? entry.at} by ${agentText(entry)}: ${statusText(entry)}`;
}

/** <input type="date"> days to the filter's inclusive bounds: the agent's own calendar days, as every time on screen. */
export const dayBounds = localDayBounds;

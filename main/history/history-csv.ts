import type { HistoryValue } from '../../common/history-schemas';
import { ADDRESS_KEYS } from '../../common/user-schemas';
import type { LoadedEntry } from './journal-entries';
import { statusOf } from './journal-index';

// The history as CSV rows, one per changed field; main/exports/csv-file.ts writes them
// (0600, formula-looking cells escaped: the values are what agents and readers typed).

export const CSV_HEADER = [
  'entry',
  'time (UTC)',
  'outcome',
  'error kind',
  'reverts entry',
  'agent OS user',
  'agent display name',
  'computer',
  'connection',
  'environment',
  'host',
  'client id',
  'user id',
  'reader name',
  'reader email',
  'field',
  'before',
  'after',
  'ConsCent message',
  'ticket or reason',
] as const;

export const NOT_KNOWN = '(not known)';

/** A recorded value as one cell: text as it is, an address as its parts, a list entry by entry. */
export function cellOf(value: HistoryValue | null): string {
  if (value === null) return NOT_KNOWN;
  if (typeof value === 'string') return value;
  const address = (a: Record<string, string>) =>
    ADDRESS_KEYS.filter((key) => a[key])
      .map((key) => `${key}: ${a[key]}`)
      .concat(a._id ? [`_id: ${a._id}`] : [])
      .join('; ');
  if (Array.isArray(value)) return value.length === 0 ? '(no addresses)' : value.map((entry, i) => `${i + 1}. ${address(entry)}`).join(' | ');
  return address(value);
}

export function rowsOf(loaded: LoadedEntry): string[][] {
  const { pending, outcome } = loaded;
  const c = pending.connection;
  // Export reads from disk what a previous or this console recorded; nothing is in flight
  // for the export's purposes that the index does not say.
  const status = statusOf(loaded.index, new Set());
  return pending.changes.map((change) => [
    String(pending.id),
    pending.at,
    outcome?.notSent ? 'not-sent' : status,
    outcome?.errorKind ?? '',
    pending.revertOf ? String(pending.revertOf) : '',
    pending.agent.osUser,
    pending.agent.displayName ?? '',
    pending.machine,
    c.name,
    c.environment,
    c.host,
    c.clientId,
    pending.userId,
    pending.reader.name ?? '',
    pending.reader.email ?? '',
    change.field,
    cellOf(change.before),
    cellOf(change.after),
    outcome?.message ?? '',
    pending.ticket ?? '',
  ]);
}

import { createHash, createHmac } from 'node:crypto';
import { z } from 'zod';
import { HistoryChange, HistoryConnection } from '../../common/history-schemas';
import { ErrorKind, NetworkReason } from '../../common/result';
import { EDITABLE_FIELDS } from '../../common/user-schemas';
import { UserData } from '../conscent/conscent-answers';

// One line of a history file: a JSON object on one line (JSON Lines). A change is two
// lines: "pending" written (and flushed) before the PATCH is sent, "outcome" after the
// answer. Each line carries `prev`, the SHA-256 of the line before it, so an edited,
// removed or damaged line shows as a break in the chain (docs/history.md).

export const JOURNAL_VERSION = 1;
/** `prev` of the very first line of a history. */
export const GENESIS = '0'.repeat(64);

/** A bulk run's row, as its history entry names it (main/bulk/). */
export const BulkRef = z.object({ runId: z.string().max(64), row: z.number().int().positive() });
export type BulkRef = z.infer<typeof BulkRef>;

const base = {
  v: z.literal(JOURNAL_VERSION),
  id: z.number().int().positive(),
  at: z.iso.datetime(),
  prev: z.string().regex(/^[0-9a-f]{64}$/),
};

export const PendingLine = z.object({
  ...base,
  type: z.literal('pending'),
  agent: z.object({ osUser: z.string(), displayName: z.string().optional() }),
  machine: z.string(),
  connection: HistoryConnection,
  userId: z.string(),
  reader: z.object({ name: z.string().optional(), email: z.string().optional() }),
  changes: z.array(HistoryChange).min(1),
  revertOf: z.number().int().positive().optional(),
  /** Sent by a bulk run: which run and row. A resuming run trusts only an entry written for its own row (ids restart after Clear history). */
  bulk: BulkRef.optional(),
  /** The ticket or reason the agent gave (issue 20). */
  ticket: z.string().max(200).optional(),
});
export type PendingLine = z.infer<typeof PendingLine>;

export const OutcomeLine = z.object({
  ...base,
  type: z.literal('outcome'),
  outcome: z.enum(['saved', 'failed', 'unknown']),
  errorKind: ErrorKind.optional(),
  reason: NetworkReason.optional(),
  /** ConsCent's message for a saved change. */
  message: z.string().optional(),
  /** The whole record ConsCent returned with a saved change. */
  record: UserData.optional(),
  /** Recorded as "failed" because the request provably never left (a bulk run stopped between this entry and its own "sending" record). */
  notSent: z.literal(true).optional(),
});
export type OutcomeLine = z.infer<typeof OutcomeLine>;

export const JournalLine = z.discriminatedUnion('type', [PendingLine, OutcomeLine]);
export type JournalLine = z.infer<typeof JournalLine>;

/**
 * What the index needs of a line, checked on every line at open. The full schemas above
 * are applied when an entry is read for display, so opening 100,000 entries does not pay
 * for validating every value of every change.
 */
export const IndexedLine = z.object({
  v: z.literal(JOURNAL_VERSION),
  type: z.enum(['pending', 'outcome']),
  id: z.number().int().positive(),
  at: z.iso.datetime(),
  prev: z.string(),
  outcome: z.enum(['saved', 'failed', 'unknown']).optional(),
});

export const IndexedPending = z.object({
  userId: z.string(),
  connection: z.object({ connectionId: z.string(), name: z.string(), baseUrl: z.string(), clientId: z.string() }),
  reader: z.object({ name: z.string().optional(), email: z.string().optional() }),
  changes: z.array(z.object({ field: z.enum(EDITABLE_FIELDS), after: z.unknown() })).min(1),
  revertOf: z.number().int().positive().optional(),
});

/** The older, unkeyed rule: SHA-256 of the line. Anyone who can write the files can recompute it. */
export function hashLine(line: string | Buffer): string {
  return createHash('sha256').update(line).digest('hex');
}

/** The keyed rule (issue 18): HMAC-SHA256 with this install's key from the OS keychain. */
export function macLine(key: Buffer, line: string | Buffer): string {
  return createHmac('sha256', key).update(line).digest('hex');
}

/** The line's text (no newline). Keys in a fixed order so the same entry always hashes the same. */
export function formatLine(line: JournalLine): string {
  return JSON.stringify(line);
}

/** Files are named by the UTC month of their lines: 2025-11.jsonl. */
export const MONTH_FILE = /^(\d{4})-(\d{2})\.jsonl$/;

export function monthFileOf(at: Date): string {
  return `${at.toISOString().slice(0, 7)}.jsonl`;
}

import { z } from 'zod';
import type { BridgeError } from './result';
import { ADDRESS_KEYS } from './user-schemas';
import { TicketOrReason } from './history-schemas';

// Bulk corrections from a CSV file (issue #14) as the bridge carries them: the columns a
// file may fill, the agent's mapping, the validation report, the run's progress and each
// row's result. The CSV, the run's files and the requests stay in main; the page only
// ever sees these.

/** Rows a file may hold, besides the header; a larger one is refused with this number. */
export const MAX_BULK_ROWS = 100_000;
/** Typed in a cell, clears the field where ConsCent allows it (address parts only, today). */
export const CLEAR_MARKER = '(clear)';
export const DEFAULT_CONCURRENCY = 4;
export const MAX_CONCURRENCY = 16;
/** Errors the validation report lists on screen; the downloadable report has them all. */
export const REPORTED_ERRORS = 100;
export const MAX_RESULTS_PAGE = 200;

export const ADDRESS_COLUMNS = ADDRESS_KEYS.map((key) => `address.${key}` as const);
/** What a CSV column can fill. Address lists are not bulk-editable: their content is unknown. */
export const BULK_FIELDS = ['name', 'email', 'countryCode', 'phone', 'gender', 'dateOfBirth', ...ADDRESS_COLUMNS] as const;
export const BulkField = z.enum(BULK_FIELDS);
export type BulkField = z.infer<typeof BulkField>;

export const RunId = z.string().regex(/^[a-z0-9-]{8,64}$/, 'A bulk run id is lowercase letters, digits and dashes.');
const Header = z.string().min(1).max(200);

/** Which header of the file holds the user id and each field; a field left out is not changed. */
export const BulkMapping = z.strictObject({
  userId: Header,
  fields: z.partialRecord(BulkField, Header),
  /** A column with each row's own ticket or reason (issue 20.1); an empty cell takes the run's. */
  ticket: Header.optional(),
});
export type BulkMapping = z.infer<typeof BulkMapping>;

export const BulkValidateRequest = z.strictObject({
  runId: RunId,
  connectionId: z.string().regex(/^[a-z0-9-]{1,64}$/, 'A connection id is lowercase letters, digits and dashes.'),
  mapping: BulkMapping,
});
export type BulkValidateRequest = z.infer<typeof BulkValidateRequest>;

export const BULK_MODES = ['dry-run', 'send', 'retry-failed', 'resume'] as const;
export type BulkMode = (typeof BULK_MODES)[number];

export const BulkStartRequest = z.strictObject({
  runId: RunId,
  mode: z.enum(BULK_MODES),
  concurrency: z
    .number()
    .int()
    .min(1, 'Send at least 1 request at a time.')
    .max(MAX_CONCURRENCY, `Send at most ${MAX_CONCURRENCY} requests at a time.`),
  /** Send the valid rows and leave the rows in error out. Without it, any error stops the run. */
  skipInvalid: z.boolean(),
  /** On a Production connection: the connection's name, typed by the agent. */
  confirmName: z.string().max(200).optional(),
  /** The ticket or reason for the whole run (issue 20.1): kept in every row's history entry. A resume keeps the run's own when absent. */
  ticket: TicketOrReason.optional(),
});
export type BulkStartRequest = z.infer<typeof BulkStartRequest>;

export const BulkControlRequest = z.strictObject({ runId: RunId, action: z.enum(['pause', 'resume', 'cancel']) });
export type BulkControlRequest = z.infer<typeof BulkControlRequest>;

/** Answers once the run has moved past `seen` (and at most a few times a second). */
export const BulkProgressRequest = z.strictObject({ runId: RunId, seen: z.number().int().min(-1) });
export type BulkProgressRequest = z.infer<typeof BulkProgressRequest>;

export const BulkResultsRequest = z.strictObject({
  runId: RunId,
  offset: z.number().int().min(0).max(10_000_000),
  limit: z.number().int().min(1).max(MAX_RESULTS_PAGE),
});
export type BulkResultsRequest = z.infer<typeof BulkResultsRequest>;

export const BulkExportRequest = z.strictObject({ runId: RunId, what: z.enum(['report', 'results']) });
export type BulkExportRequest = z.infer<typeof BulkExportRequest>;

export type BulkFile = {
  chosen: true;
  runId: string;
  fileName: string;
  columns: string[];
  rows: number;
  /** Headers that name a field as the console does (e.g. "email"), mapped already. */
  suggested: BulkMapping;
};

export type RowError = { row: number; column: string; message: string };

export type BulkReport = {
  runId: string;
  rows: number;
  valid: number;
  invalid: number;
  /** Rows whose user id an earlier row has already (flagged as errors too). */
  duplicates: number;
  errorCount: number;
  /** The first REPORTED_ERRORS errors, by row. */
  errors: RowError[];
  fields: BulkField[];
  connection: { id: string; name: string; host: string; production: boolean };
};

/**
 * saved: ConsCent said so. failed: ConsCent or the console refused it and nothing was
 * applied (it may be retried). unknown: it may have been applied (timeout, dropped
 * connection, a 5xx, or the console stopped mid-request): never resent automatically.
 * not-sent: never sent (cancelled, stopped, or skipped as invalid).
 */
export const ROW_OUTCOMES = ['saved', 'failed', 'unknown', 'not-sent'] as const;
export type RowOutcome = (typeof ROW_OUTCOMES)[number];
export const DRY_OUTCOMES = ['will-change', 'no-change', 'unknown-user', 'lookup-failed'] as const;
export type DryOutcome = (typeof DRY_OUTCOMES)[number];

export type BulkRowResult = {
  row: number;
  userId: string;
  outcome: RowOutcome | DryOutcome;
  /** The change history's entry for a sent row. */
  entryId?: number;
  error?: BridgeError;
  /** ConsCent's message for a saved row. */
  message?: string;
  /** For a dry run: fields whose value the lookup returned and the row would change. */
  changes?: string[];
};

export const RUN_STATES = ['ready', 'running', 'paused', 'rate-limited', 'cancelling', 'finished', 'cancelled', 'halted', 'interrupted'] as const;
export type RunState = (typeof RUN_STATES)[number];

export type BulkProgress = {
  runId: string;
  /** Counts up with every change; the next bulkProgress call passes it back. */
  seq: number;
  mode: BulkMode;
  state: RunState;
  total: number;
  saved: number;
  failed: number;
  unknown: number;
  notSent: number;
  /** Rows of the file left out as invalid: never sent, listed "not sent" in the results. */
  leftOut: number;
  remaining: number;
  inFlight: number;
  /** Rows a second over the last few seconds. */
  perSecond: number;
  /** Estimated seconds left at that rate; absent until there is a rate. */
  secondsLeft?: number;
  /** Requests at a time now (lower than asked after repeated 429/503 answers). */
  concurrency: number;
  /** While rate-limited: when sending starts again (ISO time). */
  resumesAt?: string;
  /** Why the run stopped by itself (e.g. the key was refused): nothing more is sent. */
  haltedBy?: BridgeError;
  /** Dry run counts. */
  dry?: Record<DryOutcome, number>;
};

export type BulkResultsPage = { total: number; offset: number; rows: BulkRowResult[] };
export type BulkExportResult = { saved: false } | { saved: true; path: string; rows: number };
export type InterruptedRun = { runId: string; fileName: string; connectionName: string; startedAt: string; sending: number; remaining: number };
/** A run left behind whose files are damaged: `file` (a bad run.json is moved aside to `movedTo`; a bad `line` of events.jsonl stops a resume). */
export type DamagedRun = { runId: string; fileName?: string; damaged: { file: string; line?: number; movedTo?: string } };

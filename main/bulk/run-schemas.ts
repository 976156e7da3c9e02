import { z } from 'zod';
import { BULK_MODES, BULK_FIELDS, BulkMapping, DRY_OUTCOMES, ROW_OUTCOMES, RunId } from '../../common/bulk-schemas';
import { TicketOrReason } from '../../common/history-schemas';
import { BridgeError } from '../../common/result';
import { UserChanges } from '../../common/user-schemas';

// The shapes of a bulk run's files (run-files.ts), checked on every read: they are files on
// disk a crash, a full disk or a hand may have damaged, and a resume decides from them which
// rows go out again. A line that is not one of these stops the run rather than being skipped.

const Row = z.number().int().positive();
const EntryId = z.number().int().positive();

/** run.json: what the run is, and whether its latest pass was still running when last written. */
export const RunMeta = z.object({
  v: z.literal(1),
  runId: RunId,
  fileName: z.string(),
  createdAt: z.string(),
  connection: z.object({
    id: z.string(),
    name: z.string(),
    host: z.string(),
    baseUrl: z.string(),
    clientId: z.string(),
    production: z.boolean(),
  }),
  mapping: BulkMapping,
  fields: z.array(z.enum(BULK_FIELDS)),
  rows: z.number().int().nonnegative(),
  valid: z.number().int().nonnegative(),
  invalid: z.number().int().nonnegative(),
  /** The ticket or reason the agent gave for the run (issue 20.1). */
  ticket: z.string().max(200).optional(),
  lastMode: z.enum(BULK_MODES).optional(),
  running: z.boolean().optional(),
  startedAt: z.string().optional(),
});
export type RunMeta = z.infer<typeof RunMeta>;

/** A row's result, in events.jsonl (a "result" line) and dry.jsonl. */
export const RowResultLine = z.object({
  row: Row,
  userId: z.string(),
  outcome: z.enum([...ROW_OUTCOMES, ...DRY_OUTCOMES]),
  entryId: EntryId.optional(),
  error: BridgeError.optional(),
  message: z.string().optional(),
  changes: z.array(z.string()).optional(),
});

/** A line of events.jsonl (or dry.jsonl): a row being sent, put back in the queue, or its result. */
export const RunEvent = z.discriminatedUnion('t', [
  z.object({ t: z.literal('sending'), row: Row, entryId: EntryId.optional() }),
  z.object({ t: z.literal('requeued'), row: Row }),
  RowResultLine.extend({ t: z.literal('result') }),
]);
export type RunEvent = z.infer<typeof RunEvent>;

/** A line of rows.jsonl: a valid row as it will be sent. */
export const RowLine = z.object({
  row: Row,
  userId: z.string(),
  changes: UserChanges,
  /** The row's own ticket or reason from the file's ticket column; absent: the run's. */
  ticket: TicketOrReason.optional(),
});
export type RowLine = z.infer<typeof RowLine>;

/** A line of errors.jsonl: the report's error and the user id cell as typed, if any. */
export const ErrorLine = z.object({ row: z.number().int().nonnegative(), column: z.string(), message: z.string(), userId: z.string().optional() });
export type ErrorLine = z.infer<typeof ErrorLine>;

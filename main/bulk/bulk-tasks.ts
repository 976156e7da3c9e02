import type { BulkRowResult, DryOutcome } from '../../common/bulk-schemas';
import type { BridgeError } from '../../common/result';
import { saveOutcomeOf } from '../../common/save-outcome';
import type { UserChanges } from '../../common/user-schemas';
import { viewFromDetails } from '../conscent/reader-view';
import type { ConsCentClient } from '../conscent/conscent-client';
import { toBridgeError } from '../errors/console-failure';
import type { ReaderService } from '../readers/reader-service';
import { BulkError } from './bulk-error';
import type { TaskAnswer } from './bulk-runner';
import type { RowLine } from './bulk-validate';

// What one row's request means for the run. Only a refusal that proves nothing was applied
// is "failed" (and may be retried); a timeout, a dropped connection, an unreadable answer
// or any 5xx may have applied the change, so the row's outcome is unknown and it is never
// resent automatically (ConsCent documents no 5xx that proves otherwise).

/** These stop the whole run: every other row would meet the same refusal. */
const HALTS: readonly BridgeError['kind'][] = ['unauthorized', 'forbidden', 'not-configured', 'keychain', 'history', 'bulk', 'rejected-sender'];

/** The same decision as a single save's (common/save-outcome.ts). */
export const outcomeOfFailure = saveOutcomeOf;

export type SendDeps = {
  readers: ReaderService;
  connectionId: string;
  runId: string;
  /** Appends "row N is being sent as history entry E" and flushes it, before the PATCH. */
  markSending: (row: RowLine, entryId: number | undefined) => Promise<void>;
  /** The run's ticket or reason (issue 20.1), kept in each row's history entry unless the row has its own. */
  ticket?: string | undefined;
};

export function sendTask({ readers, connectionId, runId, markSending, ticket }: SendDeps) {
  return async (row: RowLine): Promise<TaskAnswer> => {
    let entryId: number | undefined;
    // Set once the "sending" record is on disk: before that, the PATCH provably never left.
    let marked = false;
    try {
      const answer = await readers.update(connectionId, row.userId, row.changes, undefined, {
        bulk: { runId, row: row.row },
        ...(row.ticket || ticket ? { ticket: row.ticket ?? ticket } : {}),
        beforeSend: async (id) => {
          entryId = id;
          await markSending(row, id).catch((error: NodeJS.ErrnoException) => {
            throw new BulkError('run-files-unwritable', { code: error.code ?? 'unknown' });
          });
          marked = true;
        },
      });
      const saved: BulkRowResult = { row: row.row, userId: row.userId, outcome: 'saved', message: answer.message, ...(entryId ? { entryId } : {}) };
      return { kind: 'done', result: saved };
    } catch (thrown) {
      const error = toBridgeError(thrown);
      // A halt before the "sending" record (history or run files unwritable, no key): not sent, like the rows after it.
      const outcome = !marked && HALTS.includes(error.kind) ? 'not-sent' : outcomeOfFailure(error);
      const result: BulkRowResult = { row: row.row, userId: row.userId, outcome, error, ...(entryId ? { entryId } : {}) };
      if (error.kind === 'rate-limited') return { kind: 'rate-limited', retryAfterSeconds: error.retryAfterSeconds ?? 1 };
      if (HALTS.includes(error.kind)) return { kind: 'halt', result, error };
      return { kind: 'done', result, overloaded: error.kind === 'server-error' && error.status === 503 };
    }
  };
}

/** Fields whose value the lookup returned and that the row would change. Unreturned fields are left out, never guessed. */
function changedFields(changes: UserChanges, known: ReturnType<typeof viewFromDetails>): string[] | undefined {
  const fields = Object.keys(changes) as (keyof UserChanges)[];
  if (fields.some((field) => !known.known.includes(field))) return undefined;
  return fields.filter((field) => JSON.stringify(normalise(changes[field])) !== JSON.stringify(normalise(known[field])));
}

function normalise(value: unknown): unknown {
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key, v]) => key !== '_id' && v !== '' && v !== undefined)
        .sort(),
    );
  }
  return value;
}

export function dryRunTask(client: ConsCentClient) {
  return async (row: RowLine): Promise<TaskAnswer> => {
    try {
      const view = viewFromDetails(row.userId, await client.getUserAndSubscriptions({ userId: row.userId }));
      const changes = changedFields(row.changes, view);
      const outcome: DryOutcome = changes === undefined || changes.length > 0 ? 'will-change' : 'no-change';
      return { kind: 'done', result: { row: row.row, userId: row.userId, outcome, ...(changes ? { changes } : {}) } };
    } catch (thrown) {
      const error = toBridgeError(thrown);
      if (error.kind === 'rate-limited') return { kind: 'rate-limited', retryAfterSeconds: error.retryAfterSeconds ?? 1 };
      const outcome: DryOutcome = error.kind === 'not-found' ? 'unknown-user' : 'lookup-failed';
      const result: BulkRowResult = { row: row.row, userId: row.userId, outcome, ...(outcome === 'lookup-failed' ? { error } : {}) };
      if (HALTS.includes(error.kind)) return { kind: 'halt', result, error };
      return { kind: 'done', result, overloaded: error.kind === 'server-error' && error.status === 503 };
    }
  };
}

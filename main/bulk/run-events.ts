import type { BulkRowResult, RowOutcome } from '../../common/bulk-schemas';
import type { HistoryEntry } from '../../common/history-schemas';
import { countResult, emptyCounts, type Counts } from './run-counts';
import type { LineCodec } from '../at-rest/sealed-text';
import { jsonLines, type AppendFile, type RunPaths } from './run-files';
import { RowLine, RunEvent } from './run-schemas';

// What a run's files say: run.json describes the run; events.jsonl tells, row by row,
// what was sent and what came of it. The last line about a row wins. A row whose last
// line is "sending" was on its way when the console stopped: its history entry says
// whether ConsCent answered; if the history does not know either, the outcome is unknown.

export const RUN_VERSION = 1;
export type { RunEvent, RunMeta } from './run-schemas';

export type RowState = { last: 'sending' | 'requeued' | RowOutcome; entryId?: number };

/** The last state of every row that has one (a row never tried has none). */
export async function rowStates(eventsFile: string, codec: LineCodec): Promise<Map<number, RowState>> {
  const states = new Map<number, RowState>();
  for await (const event of jsonLines(eventsFile, RunEvent, codec)) {
    if (event.t === 'result') {
      const outcome = event.outcome;
      if (outcome === 'saved' || outcome === 'failed' || outcome === 'unknown' || outcome === 'not-sent') {
        states.set(event.row, { last: outcome, ...(event.entryId ? { entryId: event.entryId } : {}) });
      }
    } else states.set(event.row, { last: event.t, ...(event.t === 'sending' && event.entryId ? { entryId: event.entryId } : {}) });
  }
  return states;
}

/** Final results by row (the last result line of each), in row order. */
export async function finalResults(eventsFile: string, codec: LineCodec): Promise<BulkRowResult[]> {
  const byRow = new Map<number, BulkRowResult>();
  for await (const event of jsonLines(eventsFile, RunEvent, codec)) {
    if (event.t !== 'result') continue;
    const { t: _t, ...result } = event;
    byRow.set(result.row, result);
  }
  return [...byRow.values()].sort((a, b) => a.row - b.row);
}

export function countsOf(results: readonly BulkRowResult[]): Counts {
  const counts = emptyCounts();
  results.forEach((result) => countResult(counts, result));
  return counts;
}

/** A row left "sending" by a console that stopped: what its history entry knows, else unknown. */
export function settledOutcome(status: HistoryEntry['status'] | undefined): 'saved' | 'failed' | 'unknown' {
  return status === 'saved' || status === 'failed' ? status : 'unknown';
}

/** Every (row, history entry) a "sending" line recorded: those requests may have left; no other did. */
export async function sendingRecords(eventsFile: string, codec: LineCodec): Promise<(row: number, entryId: number) => boolean> {
  const sent = new Set<string>();
  for await (const event of jsonLines(eventsFile, RunEvent, codec))
    if (event.t === 'sending' && event.entryId) sent.add(`${event.row}:${event.entryId}`);
  return (row, entryId) => sent.has(`${row}:${entryId}`);
}

/**
 * Rows a stopped console left "sending" get the outcome their history entry knows, else
 * unknown; written before anything is sent. `statusOf` answers only for an entry written
 * for that very row (history-service.ts), so a reused id never settles a row.
 */
export async function settleInterrupted(
  paths: RunPaths,
  events: AppendFile,
  statusOf: (entryId: number, row: number) => Promise<HistoryEntry['status'] | undefined> | undefined,
): Promise<void> {
  const settled = new Map<number, BulkRowResult & { t: 'result' }>();
  for (const [row, state] of await rowStates(paths.events, paths.codec)) {
    if (state.last !== 'sending') continue;
    const status = state.entryId !== undefined ? await Promise.resolve(statusOf(state.entryId, row)).catch(() => undefined) : undefined;
    settled.set(row, { t: 'result', row, userId: '', outcome: settledOutcome(status), ...(state.entryId ? { entryId: state.entryId } : {}) });
  }
  if (settled.size === 0) return;
  // Events carry row numbers; the user ids come from rows.jsonl.
  for await (const line of jsonLines(paths.rows, RowLine, paths.codec)) {
    const found = settled.get(line.row);
    if (found) found.userId = line.userId;
  }
  await events.append([...settled.values()], true);
}

/**
 * Whether a pass takes a row whose last recorded state is `last`: a send takes rows never
 * tried or put back after a 429; a retry only the failed ones; a resume also the rows a
 * stopped run left "not sent". A row "sending" when the console stopped is settled from
 * the history first (settle-stopped.ts) and never sent blind.
 */
export function takenByPass(mode: 'send' | 'retry-failed' | 'resume', last: string | undefined): boolean {
  if (mode === 'retry-failed') return last === 'failed';
  if (mode === 'resume') return last === undefined || last === 'requeued' || last === 'not-sent';
  return last === undefined || last === 'requeued';
}

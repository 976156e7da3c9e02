import type { BulkMode, BulkProgress, BulkRowResult, RunState } from '../../common/bulk-schemas';
import { countResult, type Counts } from './run-counts';
import type { BridgeError } from '../../common/result';
import { toBridgeError } from '../errors/console-failure';
import { createRunPace } from './run-pace';

// Sends a bulk run's rows with bounded concurrency and nothing more. Pause stops new
// requests; Cancel lets in-flight ones finish and sends nothing new; a 429 pauses the
// whole run for its Retry-After and puts the row back (ConsCent refused it, so nothing
// was applied). How fast it may go is run-pace.ts's to say. Outcomes go to disk
// (`record`) as they arrive; only counters stay in memory.

export type TaskAnswer =
  | { kind: 'done'; result: BulkRowResult; overloaded?: boolean }
  /** ConsCent said "too many requests": nothing was applied; the row goes back in the queue. */
  | { kind: 'rate-limited'; retryAfterSeconds: number }
  /** The rest cannot work either (the key was refused, the history cannot be written): stop. */
  | { kind: 'halt'; result: BulkRowResult; error: BridgeError };

export interface RunnerOptions<R extends { row: number; userId: string }> {
  runId: string;
  mode: BulkMode;
  rows: AsyncIterator<R>;
  /** Rows this pass may send. */
  total: number;
  /** Rows of the file left out as invalid (counted apart: this pass never sends them). */
  leftOut: number;
  /** Outcomes from earlier passes of the same run (a resume, a retry), counted in the progress. */
  counts: Counts;
  concurrency: number;
  task(row: R): Promise<TaskAnswer>;
  record(result: BulkRowResult): Promise<void>;
  /** A row put back after a 429 (so a crash now does not leave it looking sent). */
  requeued(row: R): Promise<void>;
  onChange(): void;
  now?: () => number;
}

const RATE_WINDOW_MS = 5000;

export function startRunner<R extends { row: number; userId: string }>(options: RunnerOptions<R>) {
  const now = options.now ?? (() => performance.now());
  const counts = options.counts;
  let state: RunState = 'running';
  let seq = 0;
  let processed = 0;
  let active = 0;
  const pace = createRunPace(options.concurrency);
  let haltedBy: BridgeError | undefined;
  let recordFailed = false;
  let exhausted = false;
  const retryQueue: R[] = [];
  const completions: number[] = [];
  let wakers: (() => void)[] = [];
  let reading: Promise<IteratorResult<R>> = Promise.resolve({ done: false, value: undefined as unknown as R });

  const changed = () => {
    seq += 1;
    const wake = wakers;
    wakers = [];
    wake.forEach((resolve) => resolve());
    options.onChange();
  };
  const nextChange = (ms?: number) =>
    new Promise<void>((resolve) => {
      wakers.push(resolve);
      if (ms !== undefined) setTimeout(resolve, Math.max(0, ms));
    });

  /** The file's rows are read one at a time, in order, whichever worker asks. */
  function nextRow(): Promise<R | undefined> {
    const queued = retryQueue.shift();
    if (queued) return Promise.resolve(queued);
    reading = reading.then(() => (exhausted ? { done: true as const, value: undefined } : options.rows.next()));
    return reading.then((item) => {
      if (item.done) exhausted = true;
      return item.done ? undefined : item.value;
    });
  }

  const stopped = () => state === 'cancelling' || state === 'halted' || state === 'cancelled';

  /** Waits until a request may start; false when none will. Holds a slot when true. */
  async function gate(): Promise<boolean> {
    for (;;) {
      if (stopped()) return false;
      const at = now();
      if (state === 'paused') await nextChange();
      else if (at < pace.pausedUntil) await nextChange(pace.pausedUntil - at);
      else if (active >= pace.limit) await nextChange();
      else if (pace.slotIn(at) > 0) await nextChange(pace.slotIn(at));
      else {
        if (state === 'rate-limited') {
          state = 'running';
          changed();
        }
        pace.started(at);
        active += 1;
        return true;
      }
    }
  }

  async function handle(row: R, answer: TaskAnswer): Promise<void> {
    if (answer.kind === 'rate-limited') {
      retryQueue.push(row);
      await options.requeued(row).catch(() => undefined);
      if (pace.rateLimited(now(), answer.retryAfterSeconds) && state === 'running') state = 'rate-limited';
      return;
    }
    if (!(await recorded(answer.result))) return;
    countResult(counts, answer.result);
    processed += 1;
    completions.push(now());
    if (answer.kind === 'halt') {
      haltedBy ??= answer.error;
      state = 'halted';
      return;
    }
    pace.answered(now(), answer.overloaded ?? false);
  }

  async function worker(): Promise<void> {
    while (await gate()) {
      const row = await nextRow();
      if (!row) {
        active -= 1;
        changed();
        return;
      }
      changed();
      const answer = await options.task(row);
      active -= 1;
      await handle(row, answer);
      changed();
    }
  }

  /**
   * Writes an outcome to the run's files. When that fails (a full disk), the run stops:
   * nothing more is sent, and what could not be recorded is left as the files last said
   * (a row "sending" is settled from the history on resume; a row never marked was never sent).
   */
  async function recorded(result: BulkRowResult): Promise<boolean> {
    if (recordFailed) return false;
    try {
      await options.record(result);
      return true;
    } catch (error) {
      recordFailed = true;
      haltedBy ??= toBridgeError(error);
      state = 'halted';
      return false;
    }
  }

  async function drainUnsent(): Promise<void> {
    // Cancelled or halted: what is left is "not sent", on disk like every other outcome.
    for (;;) {
      const row = await nextRow();
      if (!row) return;
      const result: BulkRowResult = { row: row.row, userId: row.userId, outcome: 'not-sent' };
      if (!(await recorded(result))) return;
      countResult(counts, result);
      processed += 1;
    }
  }

  const done = (async () => {
    await Promise.all(Array.from({ length: options.concurrency }, () => worker()));
    if (stopped()) await drainUnsent();
    const ended = state as RunState;
    state = ended === 'halted' ? 'halted' : ended === 'cancelling' ? 'cancelled' : 'finished';
    changed();
  })();

  function perSecond(): number {
    const at = now();
    while (completions.length > 0 && completions[0]! < at - RATE_WINDOW_MS) completions.shift();
    return completions.length / (RATE_WINDOW_MS / 1000);
  }

  return {
    done,
    pause() {
      if (state === 'running' || state === 'rate-limited') state = 'paused';
      changed();
    },
    resume() {
      if (state === 'paused') state = now() < pace.pausedUntil ? 'rate-limited' : 'running';
      changed();
    },
    cancel() {
      if (!stopped() && state !== 'finished') state = 'cancelling';
      changed();
    },
    get seq() {
      return seq;
    },
    get finished() {
      return state === 'finished' || state === 'cancelled' || state === 'halted';
    },
    snapshot(): BulkProgress {
      const rate = perSecond();
      const remaining = Math.max(0, options.total - processed);
      return {
        runId: options.runId,
        seq,
        mode: options.mode,
        state,
        total: options.total,
        saved: counts.saved,
        failed: counts.failed,
        unknown: counts.unknown,
        notSent: counts.notSent,
        leftOut: options.leftOut,
        remaining,
        inFlight: active,
        perSecond: Math.round(rate * 10) / 10,
        ...(rate > 0 ? { secondsLeft: Math.ceil(remaining / rate) } : {}),
        concurrency: pace.limit,
        ...(state === 'rate-limited' ? { resumesAt: new Date(Date.now() + Math.max(0, pace.pausedUntil - now())).toISOString() } : {}),
        ...(haltedBy ? { haltedBy } : {}),
        ...(options.mode === 'dry-run' ? { dry: { ...counts.dry } } : {}),
      };
    },
  };
}

export type Runner = ReturnType<typeof startRunner>;

import type { BulkMode, BulkProgress } from '../../common/bulk-schemas';
import type { Logger } from '../logging/logger';
import type { RunEnded } from '../window/bulk-notification';
import { BulkError } from './bulk-error';
import { startRunner, type Runner, type TaskAnswer } from './bulk-runner';
import type { progressWaiter } from './progress-waiter';
import type { Counts } from './run-counts';
import type { RunMeta } from './run-events';
import { AppendFile, writeJson, type RunPaths } from './run-files';
import type { RowLine } from './run-schemas';

// One pass of a run (a send, a dry run, a retry or a resume) from start to end, apart from
// deciding which rows it takes (bulk-service.ts): run.json says "running" before the first
// row goes, so a console stopped mid-pass finds it on restart (interrupted-runs.ts); each
// outcome is appended to the pass's events file; at the end the files are closed, run.json
// says "not running", and the agent elsewhere is told (onRunEnded).

export interface PassSpec {
  run: RunMeta;
  mode: BulkMode;
  /** events.jsonl for a send, dry.jsonl for a dry run. */
  eventsPath: string;
  rows: AsyncIterator<RowLine>;
  total: number;
  /** Outcomes of earlier passes of the same run. */
  counts: Counts;
  concurrency: number;
  /** The row's task, given the pass's events file (a send marks "sending" in it first). */
  taskOf: (events: AppendFile) => (row: RowLine) => Promise<TaskAnswer>;
}

export interface LaunchDeps {
  filesOf: (runId: string) => Promise<RunPaths>;
  runners: Map<string, Runner>;
  waiter: ReturnType<typeof progressWaiter>;
  logger: Logger;
  onRunEnded?: ((run: RunEnded) => void) | undefined;
}

function unwritable(error: NodeJS.ErrnoException): never {
  throw new BulkError('run-files-unwritable', { code: error.code ?? 'unknown' });
}

export async function launchPass(deps: LaunchDeps, pass: PassSpec): Promise<BulkProgress> {
  const { run, mode } = pass;
  const { runId } = run;
  const paths = await deps.filesOf(runId);
  const events = await AppendFile.open(pass.eventsPath, paths.codec);
  const task = pass.taskOf(events);
  await writeJson(paths.run, { ...run, lastMode: mode, running: true, startedAt: new Date().toISOString() } satisfies RunMeta);
  const runner = startRunner<RowLine>({
    runId,
    mode,
    rows: pass.rows,
    total: pass.total,
    leftOut: run.invalid,
    counts: pass.counts,
    concurrency: pass.concurrency,
    task,
    record: (result) => events.append([{ t: 'result', ...result }], false).catch(unwritable),
    requeued: (row) => events.append([{ t: 'requeued', row: row.row }], false),
    onChange: () => deps.waiter.changed(runId),
  });
  deps.runners.set(runId, runner);
  deps.logger.info('bulk.started', { runId, mode, rows: pass.total, concurrency: pass.concurrency });
  void runner.done.then(async () => {
    await events.close().catch(() => undefined);
    await writeJson(paths.run, { ...run, lastMode: mode, running: false } satisfies RunMeta).catch(() => undefined);
    const ended = runner.snapshot();
    deps.logger.info('bulk.ended', { runId, mode, state: ended.state });
    deps.onRunEnded?.({ ...ended, fileName: run.fileName });
    deps.waiter.changed(runId);
  });
  return runner.snapshot();
}

import { randomUUID } from 'node:crypto';
import { basename, join } from 'node:path';
import { rm } from 'node:fs/promises';
import type {
  BulkControlRequest,
  BulkExportRequest,
  BulkProgressRequest,
  BulkResultsRequest,
  BulkExportResult,
  BulkFile,
  BulkProgress,
  BulkReport,
  BulkResultsPage,
  BulkStartRequest,
  BulkValidateRequest,
  DamagedRun,
  InterruptedRun,
} from '../../common/bulk-schemas';
import { environmentOfHost } from '../../common/environment-of-host';
import { memoryDataKeyring, type DataKeyring } from '../at-rest/data-key';
import { lineCodec, type LineCodec } from '../at-rest/sealed-text';
import type { ConnectionAccess } from '../connections/connection-access';
import type { HistoryService } from '../history/history-service';
import type { Logger } from '../logging/logger';
import type { ReaderService } from '../readers/reader-service';
import { BulkError } from './bulk-error';
import { exportReport, exportResults, resultsPage } from './bulk-results';
import { saveBulkSample } from './bulk-sample';
import type { Runner } from './bulk-runner';
import { emptyCounts } from './run-counts';
import { dryRunTask, sendTask } from './bulk-tasks';
import { RowLine } from './run-schemas';
import { readHeader } from './csv-source';
import { countsOf, finalResults, rowStates, takenByPass, type RunMeta } from './run-events';
import { settleStopped } from './settle-stopped';
import { RUN_FILE, jsonLines, readRunMeta, runPaths } from './run-files';
import { offeredMapping, prepareRun, type ChosenFile } from './run-preparation';
import { launchPass, type PassSpec } from './run-launch';
import { findInterruptedRuns } from './interrupted-runs';
import { progressWaiter } from './progress-waiter';
import type { RunEnded } from '../window/bulk-notification';
import { oncePurge } from './run-retention';
import type { PolicyGate } from '../policy/policy-gate';

// Bulk corrections (issue 14) as main's use-cases: choose a file (main's open dialog),
// validate it into the run's folder, dry-run or send it, pause/resume/cancel, page and
// export the results, and resume a run a stopped console left behind. Each sent row goes
// through the reader service's update (the in-flight guard and the change history). What a
// pass does once its rows are chosen is run-launch.ts.

export interface BulkServiceDeps {
  /** bulk/ under the app's data folder. */
  dir: string;
  access: ConnectionAccess;
  readers: ReaderService;
  history: HistoryService;
  chooseCsvFile: () => Promise<string | null>;
  chooseExportPath: (suggestedName: string) => Promise<string | null>;
  logger: Logger;
  now?: () => Date;
  /** The key the runs' lines are sealed with (the OS keychain in the app); a memory per folder when absent. */
  dataKeys?: DataKeyring;
  /** Told when a run ends (finished, cancelled or halted): main notifies an agent who is elsewhere. */
  onRunEnded?: (run: RunEnded) => void;
  /** The admin's policy (issue 21.1): bulk runs may be turned off (dry runs send nothing and stay allowed). None when absent. */
  policy?: PolicyGate;
}

export type BulkService = ReturnType<typeof createBulkService>;

export function createBulkService(deps: BulkServiceDeps) {
  const chosen = new Map<string, ChosenFile>();
  const runners = new Map<string, Runner>();
  const waiter = progressWaiter();
  const now = deps.now ?? (() => new Date());
  const dataKeys = deps.dataKeys ?? memoryDataKeyring(deps.dir);
  const codec = async (): Promise<LineCodec> => lineCodec(await dataKeys.get(), 'bulk');
  // Once a session, before the Bulk screen lists or starts anything (run-retention.ts).
  const purgeOnce = oncePurge({ ...deps, ownedHere: (runId) => runners.has(runId), codec });
  /** A run's files; asks the keychain for the data key (once a session). */
  const filesOf = async (runId: string) => runPaths(deps.dir, runId, await codec());

  async function meta(runId: string): Promise<RunMeta> {
    const read = await readRunMeta(join(deps.dir, runId, RUN_FILE), now).catch(() => ({ kind: 'missing' }) as const);
    if (read.kind === 'read') return read.data;
    if (read.kind === 'damaged') throw new BulkError('run-file-damaged', { path: 'run.json' });
    throw new BulkError('run-missing');
  }

  /** The rows of this pass, read from rows.jsonl as they are needed. */
  async function* rowsFor(runId: string, keep: (row: RowLine) => boolean): AsyncGenerator<RowLine> {
    const paths = await filesOf(runId);
    for await (const row of jsonLines(paths.rows, RowLine, paths.codec)) if (keep(row)) yield row;
  }

  const launch = (pass: PassSpec) => launchPass({ filesOf, runners, waiter, logger: deps.logger, onRunEnded: deps.onRunEnded }, pass);

  async function countRows(runId: string, keep: (row: RowLine) => boolean): Promise<number> {
    let n = 0;
    for await (const _row of rowsFor(runId, keep)) n += 1;
    return n;
  }

  return {
    async chooseFile(): Promise<BulkFile | { chosen: false }> {
      await purgeOnce();
      const path = await deps.chooseCsvFile();
      if (!path) return { chosen: false };
      const header = await readHeader(path);
      const runId = randomUUID();
      chosen.set(runId, { ...header, path });
      return { chosen: true, runId, fileName: basename(path), columns: header.columns, rows: header.rows, suggested: offeredMapping(header) };
    },

    async validate({ runId, connectionId, mapping }: BulkValidateRequest): Promise<BulkReport> {
      const file = chosen.get(runId);
      if (!file) throw new BulkError('run-missing');
      if (runners.get(runId) && !runners.get(runId)!.finished) throw new BulkError('run-busy');
      return prepareRun(runId, file, await deps.access.find(connectionId), mapping, await filesOf(runId));
    },

    async start({ runId, mode, concurrency, skipInvalid, confirmName, ticket }: BulkStartRequest): Promise<BulkProgress> {
      const stored = await meta(runId);
      // A resume (or a retry) keeps the ticket the run was sent with, unless a new one is given.
      const run: RunMeta = ticket ? { ...stored, ticket } : stored;
      const busy = runners.get(runId);
      if (busy && !busy.finished) throw new BulkError('run-busy');
      const connection = await deps.access.find(run.connection.id);
      // The run was validated for this ConsCent; a connection pointed elsewhere since must not get it.
      if (connection.baseUrl !== run.connection.baseUrl || connection.clientId !== run.connection.clientId)
        throw new BulkError('run-connection-moved');
      const paths = await filesOf(runId);
      if (mode === 'dry-run') {
        await rm(paths.dry, { force: true });
        const client = await deps.access.clientFor(connection);
        const total = await countRows(runId, () => true);
        return launch({
          run,
          mode,
          eventsPath: paths.dry,
          rows: rowsFor(runId, () => true),
          total,
          counts: emptyCounts(),
          concurrency,
          taskOf: () => dryRunTask(client),
        });
      }
      if (deps.policy) {
        await deps.policy.ready();
        deps.policy.check(
          deps.policy.mayWrite({ production: environmentOfHost(connection.baseUrl).kind === 'production', bulk: true, revert: false }),
        );
      }
      if (run.invalid > 0 && !skipInvalid) throw new BulkError('rows-invalid');
      if (environmentOfHost(connection.baseUrl).kind === 'production' && confirmName?.trim() !== connection.name) throw new BulkError('confirm-name');
      if (mode === 'resume') await settleStopped(paths, runId, deps.history, deps.logger);
      const states = await rowStates(paths.events, paths.codec);
      const keep = (row: { row: number }) => takenByPass(mode, states.get(row.row)?.last);
      const total = await countRows(runId, keep);
      if (total === 0) throw new BulkError('nothing-to-send');
      const earlier = countsOf((await finalResults(paths.events, paths.codec)).filter((r) => !keep(r)));
      return launch({
        run,
        mode,
        eventsPath: paths.events,
        rows: rowsFor(runId, keep),
        total,
        counts: earlier,
        concurrency,
        taskOf: (events) =>
          sendTask({
            readers: deps.readers,
            connectionId: connection.id,
            runId,
            // On disk before the PATCH goes: a crash after it leaves the row "sending", never "not tried".
            markSending: (row, entryId) => events.append([{ t: 'sending', row: row.row, ...(entryId ? { entryId } : {}) }], true),
            ticket: run.ticket,
          }),
      });
    },

    control({ runId, action }: BulkControlRequest): BulkProgress {
      const runner = runners.get(runId);
      if (!runner) throw new BulkError('run-missing');
      runner[action]();
      return runner.snapshot();
    },

    /** The run's progress once it has moved past `seen`, a few times a second at most. */
    async progress({ runId, seen }: BulkProgressRequest): Promise<BulkProgress> {
      const runner = runners.get(runId);
      if (!runner) throw new BulkError('run-missing');
      await waiter.wait(runId, () => runner.seq > seen || runner.finished);
      return runner.snapshot();
    },

    async results({ runId, offset, limit }: BulkResultsRequest): Promise<BulkResultsPage> {
      const run = await meta(runId);
      return resultsPage(await filesOf(runId), run.lastMode === 'dry-run', offset, limit);
    },

    async export({ runId, what }: BulkExportRequest): Promise<BulkExportResult> {
      const run = await meta(runId);
      const stem = run.fileName.replace(/\.csv$/i, '');
      const path = await deps.chooseExportPath(`${stem}-${what === 'report' ? 'errors' : run.lastMode === 'dry-run' ? 'dry-run' : 'results'}.csv`);
      if (!path) return { saved: false };
      const paths = await filesOf(runId);
      const rows = what === 'report' ? await exportReport(paths, path) : await exportResults(paths, run.lastMode === 'dry-run', path);
      return { saved: true, path, rows };
    },

    /** The sample CSV, saved where the agent says (main/bulk/bulk-sample.ts). */
    saveSample: (): Promise<BulkExportResult> => saveBulkSample(deps.chooseExportPath),

    /** Runs a console that stopped mid-run left behind (the agent is offered to resume them). */
    interrupted: async (): Promise<(InterruptedRun | DamagedRun)[]> => {
      await purgeOnce();
      return findInterruptedRuns(deps.dir, (runId) => runners.has(runId), now, codec);
    },
  };
}

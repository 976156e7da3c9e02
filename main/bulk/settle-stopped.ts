import type { HistoryService } from '../history/history-service';
import type { Logger } from '../logging/logger';
import { sendingRecords, settleInterrupted } from './run-events';
import { AppendFile, type RunPaths } from './run-files';

// What a resume does before it sends anything, for a run a stopped console left behind
// (docs/bulk.md, "If the console stops mid-run"). A row's request goes out only once the
// run's own "sending" record naming its history entry is on disk, so:
// - a row left "sending" gets the outcome its history entry recorded, when that entry was
//   written for this very run and row; otherwise "outcome unknown" (never resent);
// - a history entry the run wrote that no "sending" record names was never sent: it is
//   recorded "not sent" instead of staying "outcome unknown", and the row is sent now.

export async function settleStopped(paths: RunPaths, runId: string, history: HistoryService, logger: Logger): Promise<void> {
  const events = await AppendFile.open(paths.events, paths.codec);
  try {
    await settleInterrupted(paths, events, (id, row) => history.statusOfBulkRow(id, { runId, row }));
  } finally {
    await events.close();
  }
  const never = await history.settleNeverSent(runId, await sendingRecords(paths.events, paths.codec));
  if (never) logger.info('bulk.never-sent-settled', { runId, entries: never });
}

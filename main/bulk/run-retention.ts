import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { HistoryService } from '../history/history-service';
import type { Logger } from '../logging/logger';
import { runFolders } from './run-files';

// Bulk run folders follow the change history's retention (issue 18 item 4): they hold
// readers' user ids and the values sent, so they must not outlive the history entries of
// the same changes. A folder goes once its last activity (the newest change to any of its
// files) is older than the retention, finished or not: an interrupted run that old can no
// longer be settled from the history either (its entries were purged at the same age), so
// resuming it would only guess. A run this console is sending now is never touched.

const DAY_MS = 24 * 60 * 60 * 1000;

export type PurgedRuns = { removed: string[] };

export async function purgeOldRuns(root: string, retentionDays: number, now: Date, ownedHere: (runId: string) => boolean): Promise<PurgedRuns> {
  const cutoff = now.getTime() - retentionDays * DAY_MS;
  const removed: string[] = [];
  for (const runId of await runFolders(root)) {
    if (ownedHere(runId)) continue;
    const last = await lastActivity(join(root, runId));
    if (last === undefined || last >= cutoff) continue;
    await rm(join(root, runId), { recursive: true, force: true });
    removed.push(runId);
  }
  return { removed };
}

/** The newest modification time of the folder and its files; undefined when it cannot be read (left alone). */
async function lastActivity(dir: string): Promise<number | undefined> {
  try {
    let newest = (await stat(dir)).mtimeMs;
    for (const name of await readdir(dir)) newest = Math.max(newest, (await stat(join(dir, name))).mtimeMs);
    return newest;
  } catch {
    return undefined;
  }
}

/** The purge with the history's retention setting, run once whoever asks first; a failure is logged, never thrown. */
export function oncePurge(deps: {
  dir: string;
  history: HistoryService | undefined;
  logger: Logger;
  now?: () => Date;
  ownedHere: (runId: string) => boolean;
}): () => Promise<void> {
  let purged: Promise<void> | undefined;
  return () =>
    (purged ??= (async () => {
      const days = (await deps.history?.settings().catch(() => undefined))?.retentionDays;
      if (days === undefined) return;
      const { removed } = await purgeOldRuns(deps.dir, days, deps.now?.() ?? new Date(), deps.ownedHere);
      if (removed.length > 0) deps.logger.info('bulk.purged', { runs: removed.length, retentionDays: days });
    })().catch((error: NodeJS.ErrnoException) => deps.logger.warn('bulk.purge-failed', { code: error.code ?? 'unknown' })));
}

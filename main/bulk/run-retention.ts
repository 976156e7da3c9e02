import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { sealPlainLines } from '../at-rest/seal-plain-files';
import type { LineCodec } from '../at-rest/sealed-text';
import type { HistoryService } from '../history/history-service';
import type { Logger } from '../logging/logger';
import { DRY_FILE, ERRORS_FILE, EVENTS_FILE, ROWS_FILE, runFolders } from './run-files';

// Bulk run folders follow the change history's retention (issue 18 item 4): they hold
// readers' user ids and the values sent, so they must not outlive the history entries of
// the same changes. A folder goes once its last activity (the newest change to any of its
// files) is older than the retention, finished or not: an interrupted run that old can no
// longer be settled from the history either (its entries were purged at the same age), so
// resuming it would only guess. A run this console is sending now is never touched.
// Runs a console before encryption left behind are sealed in place (issue 18.4).

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

/** Seals the lines a console before encryption wrote in the runs' files (issue 18.4); answers how many. */
export async function sealOldRuns(root: string, codec: LineCodec, ownedHere: (runId: string) => boolean): Promise<number> {
  let sealed = 0;
  for (const runId of await runFolders(root)) {
    if (ownedHere(runId)) continue;
    for (const name of [ROWS_FILE, ERRORS_FILE, EVENTS_FILE, DRY_FILE]) sealed += await sealPlainLines(join(root, runId, name), codec);
  }
  return sealed;
}

/**
 * Once a session, whoever asks first: the purge with the history's retention setting, then
 * the older runs' plain lines sealed. A failure is logged, never thrown.
 */
export function oncePurge(deps: {
  dir: string;
  history: HistoryService;
  logger: Logger;
  now?: () => Date;
  ownedHere: (runId: string) => boolean;
  codec: () => Promise<LineCodec>;
}): () => Promise<void> {
  let purged: Promise<void> | undefined;
  return () =>
    (purged ??= (async () => {
      const days = (await deps.history.settings().catch(() => undefined))?.retentionDays;
      if (days !== undefined) {
        const { removed } = await purgeOldRuns(deps.dir, days, deps.now?.() ?? new Date(), deps.ownedHere);
        if (removed.length > 0) deps.logger.info('bulk.purged', { runs: removed.length, retentionDays: days });
      }
      if ((await runFolders(deps.dir)).length === 0) return; // no keychain asked for nothing
      const sealed = await sealOldRuns(deps.dir, await deps.codec(), deps.ownedHere);
      if (sealed > 0) deps.logger.info('bulk.sealed', { lines: sealed });
    })().catch((error: NodeJS.ErrnoException) => deps.logger.warn('bulk.purge-failed', { code: error.code ?? 'unknown' })));
}

import { cp, mkdtemp, readFile, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { BulkProgress, InterruptedRun } from '../../common/bulk-schemas';
import { startSimulator, type RunningSimulator } from '../../simulator';
import { bulkConsole, writeBulkCsv } from '../helpers/bulk-console';

// Issue 18 item 4: a bulk run's folder holds readers' user ids and the values sent, so it
// goes with the history's retention: finished or interrupted, once its last activity is
// older than the retention, at the next start; younger runs, and an interrupted one that
// can still be resumed, stay.

let sim: RunningSimulator;
let dir: string;
beforeAll(async () => {
  sim = await startSimulator({ userCount: 10, seed: 18 });
});
afterAll(() => sim.stop());
afterEach(() => rm(dir, { recursive: true, force: true }));

const DAY_MS = 24 * 60 * 60 * 1000;

/** A copy of a run's folder under another id, as finished or interrupted, last touched `daysAgo`. */
async function runLike(bulkDir: string, from: string, runId: string, running: boolean, daysAgo: number): Promise<void> {
  const to = join(bulkDir, runId);
  await cp(join(bulkDir, from), to, { recursive: true });
  const run = JSON.parse(await readFile(join(to, 'run.json'), 'utf8')) as Record<string, unknown>;
  await writeFile(join(to, 'run.json'), JSON.stringify({ ...run, runId, running }));
  const when = new Date(Date.now() - daysAgo * DAY_MS);
  for (const name of await readdir(to)) await utimes(join(to, name), when, when);
  await utimes(to, when, when);
}

describe('bulk run folders and the history’s retention', () => {
  it('removes runs older than the retention at the next start, finished or interrupted, and keeps the younger ones', async () => {
    dir = await mkdtemp(join(tmpdir(), 'cc-bulk-retention-'));
    const csv = await writeBulkCsv(
      join(dir, 'old.csv'),
      sim
        .listUsers()
        .map((u) => u.userId)
        .slice(0, 3),
    );
    const first = await bulkConsole(dir, { csv });
    await first.call('saveHistorySettings', { displayName: '', retentionDays: 30 });
    const { file } = await first.chooseAndValidate(await first.connect(sim));
    await first.untilEnded(
      file.runId,
      await first.call<BulkProgress>('bulkStart', { runId: file.runId, mode: 'send', concurrency: 1, skipInvalid: false }),
    );
    const bulkDir = join(dir, 'bulk');
    await runLike(bulkDir, file.runId, 'old-finished-run', false, 31);
    await runLike(bulkDir, file.runId, 'old-interrupted-run', true, 31);
    await runLike(bulkDir, file.runId, 'young-interrupted-run', true, 29);
    await runLike(bulkDir, file.runId, 'young-finished-run', false, 29);

    // The console starts again; opening the Bulk screen asks for interrupted runs.
    const again = await bulkConsole(dir);
    const interrupted = await again.call<InterruptedRun[]>('bulkInterrupted', {});
    expect(interrupted.map((r) => r.runId)).toEqual(['young-interrupted-run']);
    expect((await readdir(bulkDir)).sort()).toEqual([file.runId, 'young-finished-run', 'young-interrupted-run'].sort());
  });
});

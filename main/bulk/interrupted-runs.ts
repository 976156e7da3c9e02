import type { InterruptedRun } from '../../common/bulk-schemas';
import { rowStates, type RunMeta } from './run-events';
import { readJson, runFolders, runPaths } from './run-files';

// Runs a console that stopped mid-run left behind: still marked running on disk, but no
// runner of this process owns them. The agent is offered to resume each; rows left
// "sending" are counted apart, since they become "outcome unknown" and are never resent.

export async function findInterruptedRuns(dir: string, ownedHere: (runId: string) => boolean): Promise<InterruptedRun[]> {
  const found: InterruptedRun[] = [];
  for (const runId of await runFolders(dir)) {
    if (ownedHere(runId)) continue;
    const run = (await readJson(runPaths(dir, runId).run).catch(() => undefined)) as RunMeta | undefined;
    if (!run?.running || run.lastMode === 'dry-run') continue;
    const states = [...(await rowStates(runPaths(dir, runId).events)).values()];
    const sending = states.filter((s) => s.last === 'sending').length;
    const done = states.filter((s) => s.last !== 'sending' && s.last !== 'requeued' && s.last !== 'not-sent').length;
    found.push({
      runId,
      fileName: run.fileName,
      connectionName: run.connection.name,
      startedAt: run.startedAt ?? run.createdAt,
      sending,
      remaining: run.valid - done - sending,
    });
  }
  return found;
}

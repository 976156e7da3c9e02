import type { DamagedRun, InterruptedRun } from '../../common/bulk-schemas';
import { BulkError } from './bulk-error';
import { rowStates } from './run-events';
import { join } from 'node:path';
import type { LineCodec } from '../at-rest/sealed-text';
import { RUN_FILE, readRunMeta, runFolders, runPaths } from './run-files';

// Runs a console that stopped mid-run left behind: still marked running on disk, but no
// runner of this process owns them. The agent is offered to resume each; rows left
// "sending" are counted apart, since they become "outcome unknown" and are never resent.
// A run whose files are damaged is named instead, never passed over in silence: a bad
// run.json is moved aside (as the settings file is), and a bad line in events.jsonl means
// the run cannot be resumed (which rows went out can no longer be known).

export async function findInterruptedRuns(
  dir: string,
  ownedHere: (runId: string) => boolean,
  now: () => Date,
  codec: () => Promise<LineCodec>,
): Promise<(InterruptedRun | DamagedRun)[]> {
  const found: (InterruptedRun | DamagedRun)[] = [];
  for (const runId of await runFolders(dir)) {
    if (ownedHere(runId)) continue;
    const read = await readRunMeta(join(dir, runId, RUN_FILE), now);
    if (read.kind === 'damaged') {
      const movedTo = read.movedTo?.slice(join(dir, runId).length + 1);
      found.push({ runId, damaged: { file: 'run.json', ...(movedTo ? { movedTo } : {}) } });
      continue;
    }
    if (read.kind === 'missing') continue;
    const run = read.data;
    if (!run.running || run.lastMode === 'dry-run') continue;
    let states;
    try {
      // The keychain is asked only for a run that was left running.
      const paths = runPaths(dir, runId, await codec());
      states = [...(await rowStates(paths.events, paths.codec)).values()];
    } catch (error) {
      if (!(error instanceof BulkError) || error.reason !== 'run-file-damaged') throw error;
      const { path, line } = error.facts;
      found.push({ runId, fileName: run.fileName, damaged: { file: path ?? 'events.jsonl', ...(line ? { line } : {}) } });
      continue;
    }
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

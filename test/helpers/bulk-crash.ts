import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { RunningSimulator } from '../../simulator';

// Runs the crash tests' console (bulk-crash-child.ts) in its own process and waits until
// it is dead: killed by a kill point inside it (kill-points.ts), or by this process once
// the simulator has seen the `killAfterPatches`-th PATCH of this child (still unanswered
// when it can be caught: the simulator holds each one a while). Then waits until the
// simulator's log holds every request the dead process had made.

const CHILD = fileURLToPath(new URL('./bulk-crash-child.ts', import.meta.url));
const KILL_POINTS = fileURLToPath(new URL('./kill-points.ts', import.meta.url));

export type CrashChild = {
  dir: string;
  sim: RunningSimulator;
  csv: string;
  mode: 'send' | 'resume';
  concurrency: number;
  /** CC_KILL_AT for kill-points.ts, e.g. "sending:3". */
  killAt?: string;
  killAfterPatches?: number;
};

export async function runUntilKilled(options: CrashChild): Promise<void> {
  const { sim } = options;
  const patchesBefore = patchCount(sim);
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '--import', KILL_POINTS, CHILD, options.dir, sim.baseUrl, options.csv, options.mode, String(options.concurrency)],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, CC_KILL_AT: options.killAt ?? '' } },
  );
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
  let watching = options.killAfterPatches !== undefined;
  const watcher = (async () => {
    while (watching) {
      if (patchCount(sim) - patchesBefore >= options.killAfterPatches!) {
        child.kill('SIGKILL');
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
  })();
  const signal = await exited;
  watching = false;
  await watcher;
  if (signal !== 'SIGKILL') throw new Error(`the console ended by itself, not killed (${options.killAt ?? 'patch'}): ${stderr}`);
  // The dead process's requests end as its sockets close; wait until the log has them all.
  while (sim.requests.some((r) => r.method === 'PATCH' && r.status === null && !r.closedByClient))
    await new Promise((resolve) => setTimeout(resolve, 5));
}

const patchCount = (sim: RunningSimulator) => sim.requests.filter((r) => r.method === 'PATCH').length;

import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { BulkProgress, BulkResultsPage, InterruptedRun } from '../../common/bulk-schemas';
import { startSimulator } from '../../simulator';
import { bulkConsole, writeBulkCsv } from '../helpers/bulk-console';

// Issue 14, "never lose track": the console's process is killed mid-run; at the next start
// the run is offered for resuming, rows left pending become "outcome unknown" (never
// resent), and every row not sent before the crash is sent exactly once.

let dir: string;
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('a bulk run after a crash', () => {
  it('resumes: each remaining row sent once, none twice, the ones in flight left "outcome unknown"', async () => {
    dir = await mkdtemp(join(tmpdir(), 'cc-bulk-crash-'));
    let patches = 0;
    let killAt: (() => void) | undefined;
    const sim = await startSimulator({
      userCount: 60,
      seed: 9,
      // Slow enough that requests are in flight when the process dies.
      faults: [{ path: '/client/update-user', fault: { kind: 'latency', ms: 40 } }],
      onRequest: (entry) => {
        if (entry.method !== 'PATCH') return;
        patches += 1;
        if (patches === 12) killAt?.();
      },
    });
    try {
      const ids = sim
        .listUsers()
        .map((u) => u.userId)
        .slice(0, 40);
      const csv = await writeBulkCsv(join(dir, 'crash.csv'), ids);
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', fileURLToPath(new URL('../helpers/bulk-crash-child.ts', import.meta.url)), dir, sim.baseUrl, csv],
        {
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      let stderr = '';
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
      await new Promise<void>((resolve, reject) => {
        killAt = () => {
          child.kill('SIGKILL');
          resolve();
        };
        child.once('exit', (code, signal) => (signal === 'SIGKILL' ? resolve() : reject(new Error(`child ended by itself (${code}): ${stderr}`))));
      });
      await new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve(undefined) : child.once('exit', resolve)));
      // The dead process's requests end as its sockets close; wait until the log has them all.
      while (sim.requests.some((r) => r.method === 'PATCH' && r.status === null && !r.closedByClient))
        await new Promise((resolve) => setImmediate(resolve));
      const before = new Set(sim.requests.filter((r) => r.method === 'PATCH').map((r) => r.query.userId));
      const sentBefore = sim.requests.length;

      // The console started again over the same folder.
      const c = await bulkConsole(dir);
      // The keychain outlives the process; this test's stand-in for it lives in memory, so the key goes in again.
      const { connections } = await c.call<{ connections: { id: string }[] }>('listConnections');
      await c.call('saveConnection', {
        id: connections[0]!.id,
        connection: { name: 'Sim', environment: 'custom', baseUrl: sim.baseUrl, clientId: 'demo-client' },
        credentials: { apiKey: 'demo-key', apiSecret: 'demo-secret' },
      });
      const interrupted = await c.call<InterruptedRun[]>('bulkInterrupted', {});
      expect(interrupted).toHaveLength(1);
      const run = interrupted[0]!;
      expect(run).toMatchObject({ fileName: 'crash.csv', connectionName: 'Sim' });
      const progress = await c.call<BulkProgress>('bulkStart', { runId: run.runId, mode: 'resume', concurrency: 4, skipInvalid: false });
      const ended = await c.untilEnded(run.runId, progress);
      expect(ended.state).toBe('finished');

      const all = sim.requests.filter((r) => r.method === 'PATCH').map((r) => r.query.userId);
      const after = sim.requests
        .slice(sentBefore)
        .filter((r) => r.method === 'PATCH')
        .map((r) => r.query.userId);
      // None twice: no reader was ever sent two PATCHes.
      expect(new Set(all).size).toBe(all.length);
      const results = await c.call<BulkResultsPage>('bulkResults', { runId: run.runId, offset: 0, limit: 100 });
      expect(results.total).toBe(40);
      const outcome = new Map(results.rows.map((r) => [r.userId, r.outcome]));
      for (const id of ids) {
        if (before.has(id)) {
          // Sent before the crash: saved (its answer was recorded) or unknown; never again.
          expect(after).not.toContain(id);
          expect(['saved', 'unknown']).toContain(outcome.get(id));
        } else if (outcome.get(id) !== 'unknown') {
          // Not sent before: sent once now, and saved. (A row marked sending whose request never
          // left the dead process is "unknown" too, and not sent.)
          expect(after.filter((a) => a === id)).toHaveLength(1);
          expect(outcome.get(id)).toBe('saved');
        } else expect(after).not.toContain(id);
      }
      // Requests were in flight when the process died: those rows are for the agent to check.
      expect(results.rows.some((r) => r.outcome === 'unknown')).toBe(true);
      expect(after.length).toBeGreaterThan(0);
    } finally {
      await sim.stop();
    }
  });
});

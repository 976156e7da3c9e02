import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { BulkProgress, BulkResultsPage, InterruptedRun } from '../../common/bulk-schemas';
import type { HistoryEntry, HistoryPage } from '../../common/history-schemas';
import { startSimulator, type RunningSimulator } from '../../simulator';
import { bulkConsole, writeBulkCsv, type BulkConsole } from '../helpers/bulk-console';
import { runUntilKilled } from '../helpers/bulk-crash';

// Issue 17 item 8 and issue 18 item 5: a bulk run's console killed at exact points of a
// row's life (chosen at random, every kind at least once), resumed each time. The
// simulator's request log is the truth: no reader gets two PATCHes, and no history entry
// says "outcome unknown" for a request that never reached ConsCent.

let dir: string;
afterEach(() => rm(dir, { recursive: true, force: true }));

const ROWS = 30;

async function reopen(sim: RunningSimulator, dialogs: { clearHistory?: boolean } = {}): Promise<BulkConsole> {
  const c = await bulkConsole(dir, dialogs);
  // The keychain outlives the process; the tests' stand-in for it lives in memory, so the key goes in again.
  const { connections } = await c.call<{ connections: { id: string }[] }>('listConnections');
  await c.call('saveConnection', {
    id: connections[0]!.id,
    connection: { name: 'Sim', environment: 'custom', baseUrl: sim.baseUrl, clientId: 'demo-client' },
    credentials: { apiKey: 'demo-key', apiSecret: 'demo-secret' },
  });
  return c;
}

async function historyOf(c: BulkConsole): Promise<HistoryEntry[]> {
  const entries: HistoryEntry[] = [];
  for (let offset = 0; ; offset += 100) {
    const page = await c.call<HistoryPage>('listHistory', { filter: {}, page: { offset, limit: 100 } });
    entries.push(...page.entries);
    if (offset + 100 >= page.total) return entries;
  }
}

const patchedIds = (sim: RunningSimulator) => sim.requests.filter((r) => r.method === 'PATCH').map((r) => r.query.userId ?? '');

/** A small seeded generator, so a failing order can be run again (the seed is in the failure message). */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe('a bulk run killed at random points of a row’s life', () => {
  it('sends no row twice and leaves no "outcome unknown" entry for a request that never left', async () => {
    dir = await mkdtemp(join(tmpdir(), 'cc-bulk-points-'));
    const seed = Number(process.env.CC_CRASH_SEED ?? Date.now() % 100_000);
    const next = random(seed);
    // Every kind of point once, in a random order, each at a random row of its pass.
    const points = ['pending', 'sending', 'outcome', 'in-flight'].sort(() => next() - 0.5);
    const sim = await startSimulator({ userCount: ROWS + 5, seed: 4, faults: [{ path: '/client/update-user', fault: { kind: 'latency', ms: 40 } }] });
    try {
      const ids = sim
        .listUsers()
        .map((u) => u.userId)
        .slice(0, ROWS);
      const csv = await writeBulkCsv(join(dir, 'points.csv'), ids);
      for (const [i, point] of points.entries()) {
        const nth = 1 + Math.floor(next() * 5);
        // One request at a time: when the console dies, every request it made is in the simulator's log.
        await runUntilKilled({
          dir,
          sim,
          csv,
          mode: i === 0 ? 'send' : 'resume',
          concurrency: 1,
          ...(point === 'in-flight' ? { killAfterPatches: nth } : { killAt: `${point}:${nth}` }),
        });
      }

      const c = await reopen(sim);
      const [run] = await c.call<InterruptedRun[]>('bulkInterrupted', {});
      const ended = await c.untilEnded(
        run!.runId,
        await c.call<BulkProgress>('bulkStart', { runId: run!.runId, mode: 'resume', concurrency: 2, skipInvalid: false }),
      );
      expect(ended.state).toBe('finished');

      const why = `seed ${seed}, points ${points.join(', ')}`;
      const patched = patchedIds(sim);
      expect(new Set(patched).size, `a reader got two PATCHes (${why})`).toBe(patched.length);
      const reached = new Set(patched);
      const history = await historyOf(c);
      // Each entry that says its request left (saved, failed by ConsCent, or outcome unknown)
      // is one request in the simulator's log; "not sent" entries claim none.
      const claimed = new Map<string, number[]>();
      for (const e of history.filter((h) => !h.notSent)) claimed.set(e.userId, [...(claimed.get(e.userId) ?? []), e.id]);
      const phantoms = [...claimed].filter(([userId, entries]) => entries.length > patched.filter((p) => p === userId).length);
      expect(phantoms, `entries for requests that never left (${why})`).toEqual([]);
      expect(history.filter((e) => e.status === 'sending')).toEqual([]);
      // The "sending" kill point left an entry whose request never left: it says so.
      expect(history.filter((e) => e.notSent).length, why).toBeGreaterThan(0);
      for (const e of history.filter((h) => h.notSent)) expect(e.status).toBe('failed');

      const results = await c.call<BulkResultsPage>('bulkResults', { runId: run!.runId, offset: 0, limit: 100 });
      expect(results.total).toBe(ROWS);
      for (const r of results.rows) {
        // Every row was sent once in the end: saved, or unknown when the console died with it on its way.
        expect(reached.has(r.userId), `row ${r.row} (${why})`).toBe(true);
        expect(['saved', 'unknown'], `row ${r.row} (${why})`).toContain(r.outcome);
      }
    } finally {
      await sim.stop();
    }
  }, 120_000);

  it('after Clear history, a row left "sending" stays "outcome unknown" and is never sent again, whatever entry now has its id', async () => {
    dir = await mkdtemp(join(tmpdir(), 'cc-bulk-cleared-'));
    const sim = await startSimulator({ userCount: 15, seed: 5, faults: [{ path: '/client/update-user', fault: { kind: 'latency', ms: 40 } }] });
    try {
      const ids = sim
        .listUsers()
        .map((u) => u.userId)
        .slice(0, 10);
      const csv = await writeBulkCsv(join(dir, 'cleared.csv'), ids);
      // Killed with the 3rd row's request on its way: that row is "sending" as history entry 3.
      await runUntilKilled({ dir, sim, csv, mode: 'send', concurrency: 1, killAfterPatches: 3 });
      const inFlight = ids[2]!;
      expect(patchedIds(sim)).toContain(inFlight);

      expect(await (await reopen(sim, { clearHistory: true })).call('clearHistory', { confirm: true })).toMatchObject({ removed: 3 });
      // The agent's own changes after the clear, refused by ConsCent: whatever ids they get, none may settle the run's row.
      const c = await reopen(sim);
      const { connections } = await c.call<{ connections: { id: string }[] }>('listConnections');
      for (let i = 0; i < 5; i += 1) {
        const answer = await c.raw('updateReader', { connectionId: connections[0]!.id, userId: 'f'.repeat(24), changes: { name: `Agent ${i}` } });
        expect(answer.ok).toBe(false);
      }
      expect((await historyOf(c)).map((e) => e.status)).toEqual(['failed', 'failed', 'failed', 'failed', 'failed']);

      const [run] = await c.call<InterruptedRun[]>('bulkInterrupted', {});
      const start = (mode: string) => c.raw<BulkProgress>('bulkStart', { runId: run!.runId, mode, concurrency: 2, skipInvalid: false });
      const resumed = await start('resume');
      expect(resumed.ok).toBe(true);
      if (resumed.ok) await c.untilEnded(run!.runId, resumed.value);
      const results = await c.call<BulkResultsPage>('bulkResults', { runId: run!.runId, offset: 0, limit: 100 });
      expect(results.rows.find((r) => r.userId === inFlight)?.outcome).toBe('unknown');
      // "Retry the failed rows" has nothing of that row to send.
      const retried = await start('retry-failed');
      if (retried.ok) await c.untilEnded(run!.runId, retried.value);
      const patched = patchedIds(sim).filter((id) => ids.includes(id));
      expect(patched.filter((id) => id === inFlight)).toHaveLength(1);
      expect(new Set(patched).size).toBe(patched.length);
    } finally {
      await sim.stop();
    }
  }, 60_000);
});

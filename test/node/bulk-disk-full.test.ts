import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, open, rm } from 'node:fs/promises';
import { consoleKeyring, readOpenLines } from '../helpers/sealed-lines';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { BulkProgress, BulkResultsPage } from '../../common/bulk-schemas';
import { startSimulator, type RunningSimulator } from '../../simulator';
import { bulkConsole, writeBulkCsv } from '../helpers/bulk-console';

// Issue 17 item 9, bulk part: the app's data folder on a real 256 KiB tmpfs fills up in
// the middle of a bulk run. The run stops by itself with the disk's error, no request goes
// out without its "sending" record on disk, and once space is freed the run resumes and
// finishes with no row sent twice; its files read back whole after a restart.

const run = promisify(execFile);
let dir: string;
let mountedAt: string | undefined;
let sim: RunningSimulator;

beforeAll(async () => {
  sim = await startSimulator({ userCount: 60, seed: 17, faults: [{ path: '/client/update-user', fault: { kind: 'latency', ms: 15 } }] });
});
afterAll(() => sim?.stop());
afterEach(async () => {
  if (mountedAt) await run('umount', [mountedAt]).catch(() => run('umount', ['-l', mountedAt!]));
  mountedAt = undefined;
  await rm(dir, { recursive: true, force: true });
});

/** A real 256 KiB tmpfs at `path` (unmounted after each test). */
async function smallDisk(path: string): Promise<void> {
  await mkdir(path, { recursive: true });
  await run('mount', ['-t', 'tmpfs', '-o', 'size=256k,mode=0700', 'tmpfs', path]);
  mountedAt = path;
}

/** Writes until the disk refuses: what is left for the console is nothing. */
async function fillDisk(path: string): Promise<void> {
  const handle = await open(path, 'w');
  const chunk = Buffer.alloc(4096, 0x78);
  try {
    for (;;) await handle.write(chunk);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  } finally {
    await handle.close();
  }
}

async function jsonLinesOf(data: string, path: string): Promise<Record<string, unknown>[]> {
  // Opened with the data folder's key; a line that does not open stays as stored and fails to parse.
  const lines = await readOpenLines(consoleKeyring(data), path, 'bulk');
  // Every line reads back: a failed append left nothing half-written behind.
  return lines.map((line) => JSON.parse(line) as Record<string, unknown>);
}

// The whole data folder (the history usually meets the full disk first), or only the
// run files' folder (the run's own "sending" and outcome lines meet it).
describe.each([
  ['the whole data folder', ''],
  ['the bulk runs’ folder', 'bulk'],
])('a bulk run when the disk fills up (%s on a small disk)', (_what, small) => {
  it('stops with the disk’s error, sends nothing without its record, and resumes once space is freed, no row sent twice', async () => {
    dir = await mkdtemp(join(tmpdir(), 'cc-bulk-full-'));
    const data = join(dir, 'data');
    await smallDisk(join(data, small));
    const filler = join(data, small, 'filler');
    const ids = sim
      .listUsers()
      .map((u) => u.userId)
      .slice(small ? 0 : 30, small ? 30 : 60);
    const csv = await writeBulkCsv(join(dir, 'full.csv'), ids);
    const c = await bulkConsole(data, { csv });
    const { file } = await c.chooseAndValidate(await c.connect(sim));
    let filled = false;
    const before = sim.requests.length;
    const patched = () =>
      sim.requests
        .slice(before)
        .filter((r) => r.method === 'PATCH')
        .map((r) => r.query.userId ?? '');
    const halted = await c.untilEnded(
      file.runId,
      await c.call<BulkProgress>('bulkStart', { runId: file.runId, mode: 'send', concurrency: 2, skipInvalid: false }),
      async () => {
        if (!filled && patched().length >= 6) {
          filled = true;
          await fillDisk(filler);
        }
      },
    );
    expect(filled).toBe(true);
    expect(halted.state).toBe('halted');
    expect(halted.haltedBy).toMatchObject({ code: 'ENOSPC' });
    expect(['bulk', 'history']).toContain(halted.haltedBy?.kind);
    expect(patched().length).toBeLessThan(ids.length);

    // Every request that went out has its "sending" record on disk.
    const runDir = join(data, 'bulk', file.runId);
    const rowOf = new Map((await jsonLinesOf(data, join(runDir, 'rows.jsonl'))).map((r) => [r.userId as string, r.row as number]));
    const marked = new Set((await jsonLinesOf(data, join(runDir, 'events.jsonl'))).filter((e) => e.t === 'sending').map((e) => e.row as number));
    for (const userId of patched()) expect(marked.has(rowOf.get(userId)!), `${userId} was sent without its record`).toBe(true);

    await rm(filler);
    const resumed = await c.untilEnded(
      file.runId,
      await c.call<BulkProgress>('bulkStart', { runId: file.runId, mode: 'resume', concurrency: 2, skipInvalid: false }),
    );
    expect(resumed.state).toBe('finished');
    const all = patched();
    expect(new Set(all).size, 'a reader got two PATCHes').toBe(all.length);
    expect([...all].sort()).toEqual([...ids].sort());

    // A console started again over the same folder reads the same outcomes from the run's files.
    const again = await bulkConsole(data);
    const results = await again.call<BulkResultsPage>('bulkResults', { runId: file.runId, offset: 0, limit: 100 });
    expect(results.total).toBe(ids.length);
    for (const r of results.rows) expect(['saved', 'unknown'], `row ${r.row}`).toContain(r.outcome);
    await jsonLinesOf(data, join(runDir, 'events.jsonl'));
  }, 60_000);
});

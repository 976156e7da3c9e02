import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { consoleKeyring, readOpenLines } from '../helpers/sealed-lines';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { BulkProgress, BulkResultsPage, DamagedRun, InterruptedRun } from '../../common/bulk-schemas';
import type { BridgeError } from '../../common/result';
import { DEMO_CLIENT, startSimulator, type RunningSimulator } from '../../simulator';
import { bulkConsole, writeBulkCsv, type BulkConsole } from '../helpers/bulk-console';
import { wordsOf } from '../helpers/failure-words';

// Issue 19 item 5: a bulk run's files are checked when read, as every other file on disk.
// A damaged run.json is moved aside and named on the Bulk screen; a damaged line of
// events.jsonl refuses the resume (skipping it could resend a row) and names file and
// line; a last line a crash cut short is the normal crash case and still resumes.

let sim: RunningSimulator;
let dir: string;
beforeAll(async () => {
  sim = await startSimulator({ userCount: 10, seed: 19 });
});
afterAll(() => sim.stop());
afterEach(() => rm(dir, { recursive: true, force: true }));

const patches = () => sim.requests.filter((r) => r.method === 'PATCH').map((r) => r.query.userId);

/**
 * A validated run of four rows left as a console killed mid-send leaves it: run.json still
 * "running", events.jsonl as given (row 2 was saved before the crash); then a console
 * started again over the same folder.
 */
async function interruptedRun(
  events: (rows: { row: number; userId: string }[]) => string,
): Promise<{ c: BulkConsole; runId: string; runDir: string }> {
  dir = await mkdtemp(join(tmpdir(), 'cc-bulk-damaged-'));
  const ids = sim
    .listUsers()
    .map((u) => u.userId)
    .slice(0, 4);
  const first = await bulkConsole(dir, { csv: await writeBulkCsv(join(dir, 'damaged.csv'), ids) });
  const { file } = await first.chooseAndValidate(await first.connect(sim));
  const runDir = join(dir, 'bulk', file.runId);
  const run = JSON.parse(await readFile(join(runDir, 'run.json'), 'utf8')) as Record<string, unknown>;
  await writeFile(join(runDir, 'run.json'), JSON.stringify({ ...run, lastMode: 'send', running: true, startedAt: new Date().toISOString() }));
  const rows = (await readOpenLines(consoleKeyring(dir), join(runDir, 'rows.jsonl'), 'bulk')).map(
    (line) => JSON.parse(line) as { row: number; userId: string },
  );
  await writeFile(join(runDir, 'events.jsonl'), events(rows));
  const c = await bulkConsole(dir);
  // The keychain outlives the process; this test's stand-in for it lives in memory, so the key goes in again.
  const { connections } = await c.call<{ connections: { id: string }[] }>('listConnections');
  await c.call('saveConnection', {
    id: connections[0]!.id,
    connection: { name: 'Sim', environment: 'custom', baseUrl: sim.baseUrl, clientId: DEMO_CLIENT.clientId },
    credentials: { apiKey: DEMO_CLIENT.apiKey, apiSecret: DEMO_CLIENT.apiSecret },
  });
  return { c, runId: file.runId, runDir };
}

const saved = (r: { row: number; userId: string }) =>
  `${JSON.stringify({ t: 'sending', row: r.row })}\n${JSON.stringify({ t: 'result', row: r.row, userId: r.userId, outcome: 'saved' })}\n`;

async function resumeError(c: BulkConsole, runId: string): Promise<BridgeError> {
  const answer = await c.raw<BulkProgress>('bulkStart', { runId, mode: 'resume', concurrency: 2, skipInvalid: false });
  expect(answer.ok).toBe(false);
  return (answer as { ok: false; error: BridgeError }).error;
}

describe('a bulk run whose files are damaged', () => {
  it.each([
    ['not JSON', '{"v":1,"runId":'],
    ['JSON of the wrong shape', JSON.stringify({ v: 1, fileName: 'damaged.csv', running: true })],
  ])('run.json %s: moved aside as run.json.<time>.bad, named on the Bulk screen, nothing sent', async (_what, text) => {
    const { c, runId, runDir } = await interruptedRun((rows) => saved(rows[0]!));
    await writeFile(join(runDir, 'run.json'), text);
    const before = patches().length;

    const left = await c.call<(InterruptedRun | DamagedRun)[]>('bulkInterrupted', {});
    expect(left).toHaveLength(1);
    const damaged = left[0] as DamagedRun;
    expect(damaged).toMatchObject({ runId, damaged: { file: 'run.json', movedTo: expect.stringMatching(/^run\.json\..+\.bad$/) } });
    const names = await readdir(runDir);
    expect(names).not.toContain('run.json');
    expect(await readFile(join(runDir, damaged.damaged.movedTo!), 'utf8')).toBe(text);
    expect(patches().length).toBe(before);
  });

  it('a damaged line in the middle of events.jsonl: the resume is refused, naming file and line, and no row is sent', async () => {
    // Line 3 would have said row 3 was on its way: skipping it would send row 3 again.
    const { c, runId } = await interruptedRun((rows) => `${saved(rows[0]!)}{"t":"sending","row":${rows[1]!.row}, garbage\n${saved(rows[2]!)}`);
    const before = patches().length;

    const left = await c.call<(InterruptedRun | DamagedRun)[]>('bulkInterrupted', {});
    expect(left).toEqual([{ runId, fileName: 'damaged.csv', damaged: { file: 'events.jsonl', line: 3 } }]);
    const error = await resumeError(c, runId);
    expect(error).toMatchObject({ kind: 'bulk', reason: 'run-file-damaged', path: 'events.jsonl', line: 3 });
    expect(wordsOf(error, 'update')).toMatch(
      /^This bulk run's file events\.jsonl is damaged at line 3, so the console cannot tell which rows were already sent/,
    );
    expect(patches().length).toBe(before);
  });

  it('a line of events.jsonl that is JSON but not an event refuses the resume too', async () => {
    const { c, runId } = await interruptedRun((rows) => `${saved(rows[0]!)}${JSON.stringify({ t: 'sending', row: String(rows[1]!.row) })}\n`);
    const before = patches().length;
    expect(await resumeError(c, runId)).toMatchObject({ kind: 'bulk', reason: 'run-file-damaged', path: 'events.jsonl', line: 3 });
    expect(patches().length).toBe(before);
  });

  it('a last line a crash cut short (no newline) still resumes: every row not saved is sent once, and the results read back', async () => {
    const { c, runId, runDir } = await interruptedRun((rows) => `${saved(rows[0]!)}{"t":"sending","ro`);
    const userIds = (await readOpenLines(consoleKeyring(dir), join(runDir, 'rows.jsonl'), 'bulk')).map(
      (line) => (JSON.parse(line) as { userId: string }).userId,
    );
    const before = patches().length;

    const left = await c.call<(InterruptedRun | DamagedRun)[]>('bulkInterrupted', {});
    expect(left).toMatchObject([{ runId, fileName: 'damaged.csv', sending: 0, remaining: 3 }]);
    const ended = await c.untilEnded(runId, await c.call<BulkProgress>('bulkStart', { runId, mode: 'resume', concurrency: 2, skipInvalid: false }));
    expect(ended.state).toBe('finished');
    expect(patches().slice(before).sort()).toEqual(userIds.slice(1).sort());

    const page = await c.call<BulkResultsPage>('bulkResults', { runId, offset: 0, limit: 50 });
    expect(page.rows.map((r) => r.outcome)).toEqual(['saved', 'saved', 'saved', 'saved']);
  });
});

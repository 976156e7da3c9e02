import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { BulkExportResult, BulkProgress, BulkResultsPage } from '../../common/bulk-schemas';
import type { HistoryPage } from '../../common/history-schemas';
import { UPDATE_SUCCESS_MESSAGE, startSimulator, type RunningSimulator } from '../../simulator';
import { bulkConsole, writeBulkCsv } from '../helpers/bulk-console';

// Issue 14 through the bridge as the app wires it: a CSV with a few invalid rows is
// reported row by row, the valid ones are sent once each (history entries and results CSV
// matching what the simulator received), ConsCent's rate limit is honoured, Pause and
// Cancel stop new requests, and Production asks for the connection's name.

let sim: RunningSimulator;
let dir: string;
beforeAll(async () => {
  sim = await startSimulator({ userCount: 80, seed: 14 });
});
afterAll(() => sim.stop());
beforeEach(async () => {
  sim.clearFaults();
  sim.clearRequests();
  dir = await mkdtemp(join(tmpdir(), 'cc-bulk-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const userIds = () => sim.listUsers().map((u) => u.userId);
const patches = () => sim.requests.filter((r) => r.method === 'PATCH');

describe('bulk corrections', () => {
  it('reports invalid rows by row and column, refuses to send them, and sends each valid row once when told to skip them', async () => {
    const ids = userIds().slice(0, 47);
    const csv = await writeBulkCsv(join(dir, 'fix.csv'), ids, ['not-an-id,Someone', `${ids[0]},Twice`, `${userIds()[60]},`]);
    const c = await bulkConsole(dir, { csv, exportTo: join(dir, 'results.csv') });
    const connectionId = await c.connect(sim);
    const { file, report } = await c.chooseAndValidate(connectionId);
    expect(file).toMatchObject({ fileName: 'fix.csv', rows: 50, columns: ['userId', 'name'] });
    expect(report).toMatchObject({ rows: 50, valid: 47, invalid: 3, duplicates: 1 });
    expect(report.errors).toEqual([
      { row: 49, column: 'userId', message: expect.stringContaining('24 hexadecimal') },
      { row: 50, column: 'userId', message: 'This user id is also on row 2; a reader can be changed once per run. Merge the two rows.' },
      { row: 51, column: 'userId', message: expect.stringContaining('Nothing to change') },
    ]);

    const refused = await c.raw('bulkStart', { runId: file.runId, mode: 'send', concurrency: 4, skipInvalid: false });
    expect(refused).toMatchObject({ ok: false, error: { kind: 'bulk', reason: 'rows-invalid' } });
    expect(patches()).toHaveLength(0);

    const started = await c.call<BulkProgress>('bulkStart', { runId: file.runId, mode: 'send', concurrency: 4, skipInvalid: true });
    const ended = await c.untilEnded(file.runId, started);
    expect(ended).toMatchObject({ state: 'finished', saved: 47, failed: 0, unknown: 0, remaining: 0 });

    // Each valid row reached ConsCent once, with its own body.
    const sent = patches().map((r) => r.query.userId);
    expect([...sent].sort()).toEqual([...ids].sort());
    ids.forEach((id, i) => expect(sim.getUser(id)?.name).toBe(`Bulk ${i + 1}`));

    // Every row accounted for in the results, and the export says the same as the simulator.
    const page = await c.call<BulkResultsPage>('bulkResults', { runId: file.runId, offset: 0, limit: 200 });
    expect(page.total).toBe(50);
    expect(page.rows.filter((r) => r.outcome === 'not-sent').map((r) => r.row)).toEqual([49, 50, 51]);
    const exported = await c.call<BulkExportResult>('bulkExport', { runId: file.runId, what: 'results' });
    expect(exported).toMatchObject({ saved: true, rows: 50 });
    const rows = parse(await readFile(join(dir, 'results.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
    const savedIds = rows.filter((r) => r.outcome === 'saved').map((r) => r['user id']);
    expect(savedIds.sort()).toEqual([...sent].sort());

    // And each is an entry of the change history.
    const history = await c.call<HistoryPage>('listHistory', { filter: { outcome: 'saved' }, page: { offset: 0, limit: 1 } });
    expect(history.total).toBe(47);
  });

  it('the results and their export say what happened to each row: ConsCent’s message, the typed user id, the error (issue 17 item 10)', async () => {
    const ids = userIds().slice(0, 4);
    const unknownToConsCent = 'f'.repeat(24);
    const csv = await writeBulkCsv(join(dir, 'say.csv'), [...ids, unknownToConsCent], ['not-an-id,Someone', `${ids[0]},Twice`]);
    const c = await bulkConsole(dir, { csv, exportTo: join(dir, 'say-results.csv') });
    const { file } = await c.chooseAndValidate(await c.connect(sim));
    const ended = await c.untilEnded(
      file.runId,
      await c.call<BulkProgress>('bulkStart', { runId: file.runId, mode: 'send', concurrency: 2, skipInvalid: true }),
    );
    const page = await c.call<BulkResultsPage>('bulkResults', { runId: file.runId, offset: 0, limit: 200 });
    // The progress counts the rows the results list as not sent: the two left out as invalid.
    expect(ended).toMatchObject({ state: 'finished', saved: 4, failed: 1, unknown: 0, notSent: 0, leftOut: 2 });
    expect(page.rows.filter((r) => r.outcome === 'not-sent')).toHaveLength(ended.notSent + ended.leftOut);

    await c.call<BulkExportResult>('bulkExport', { runId: file.runId, what: 'results' });
    const rows = parse(await readFile(join(dir, 'say-results.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
    const byRow = new Map(rows.map((r) => [Number(r.row), r]));
    for (const row of [2, 3, 4, 5]) expect(byRow.get(row)).toMatchObject({ outcome: 'saved', message: UPDATE_SUCCESS_MESSAGE });
    expect(byRow.get(6)).toMatchObject({ 'user id': unknownToConsCent, outcome: 'failed', 'error kind': 'not-found', 'HTTP status': '404' });
    expect(byRow.get(6)?.message).toMatch(/not found/i);
    // Rows left out keep the user id the CSV gave, with why they were left out.
    expect(byRow.get(7)).toMatchObject({ 'user id': 'not-an-id', outcome: 'not-sent', 'error kind': 'invalid-input' });
    expect(byRow.get(7)?.message).toMatch(/^userId: .*24 hexadecimal/);
    expect(byRow.get(8)).toMatchObject({ 'user id': ids[0], outcome: 'not-sent', message: expect.stringContaining('also on row 2') });
  });

  it('honours a 429 by pausing the whole run, and still sends each row exactly once', async () => {
    const limited = await startSimulator({ userCount: 40, seed: 3, rate: { perSecond: 40, burst: 5 } });
    try {
      const ids = limited
        .listUsers()
        .map((u) => u.userId)
        .slice(0, 30);
      const c = await bulkConsole(dir, { csv: await writeBulkCsv(join(dir, 'rate.csv'), ids) });
      const connectionId = await c.connect(limited);
      const { file } = await c.chooseAndValidate(connectionId);
      const states = new Set<string>();
      const ended = await c.untilEnded(
        file.runId,
        await c.call('bulkStart', { runId: file.runId, mode: 'send', concurrency: 8, skipInvalid: false }),
        (p) => void states.add(p.state),
      );
      expect(ended).toMatchObject({ state: 'finished', saved: 30, failed: 0, unknown: 0 });
      const answered = limited.requests.filter((r) => r.method === 'PATCH');
      expect(answered.some((r) => r.status === 429)).toBe(true);
      const okIds = answered.filter((r) => r.status === 200).map((r) => r.query.userId);
      expect(okIds.sort()).toEqual([...ids].sort());
    } finally {
      await limited.stop();
    }
  });

  it('Pause stops new requests; Cancel sends nothing new and leaves the rest "not sent"', async () => {
    sim.addFault({ path: '/client/update-user', fault: { kind: 'latency', ms: 30 } });
    const ids = userIds().slice(0, 40);
    const c = await bulkConsole(dir, { csv: await writeBulkCsv(join(dir, 'pause.csv'), ids) });
    const connectionId = await c.connect(sim);
    const { file } = await c.chooseAndValidate(connectionId);
    let progress = await c.call<BulkProgress>('bulkStart', { runId: file.runId, mode: 'send', concurrency: 2, skipInvalid: false });
    while (progress.saved < 4) progress = await c.call<BulkProgress>('bulkProgress', { runId: file.runId, seen: progress.seq });
    await c.call('bulkControl', { runId: file.runId, action: 'pause' });
    while (progress.state !== 'paused' || progress.inFlight > 0)
      progress = await c.call<BulkProgress>('bulkProgress', { runId: file.runId, seen: progress.seq });
    const whilePaused = patches().length;
    expect(progress.saved).toBe(whilePaused);
    await c.call('bulkControl', { runId: file.runId, action: 'cancel' });
    const ended = await c.untilEnded(file.runId, progress);
    expect(ended.state).toBe('cancelled');
    expect(patches()).toHaveLength(whilePaused);
    expect(ended).toMatchObject({ saved: whilePaused, notSent: 40 - whilePaused, remaining: 0 });
  });

  it('on a Production connection, sends nothing unless the connection’s name is typed', async () => {
    const c = await bulkConsole(dir, { csv: await writeBulkCsv(join(dir, 'prod.csv'), userIds().slice(0, 2)) });
    const connectionId = await c.connect(sim, { name: 'Live ConsCent', baseUrl: 'https://api.conscent.in/api/v1' });
    const { file, report } = await c.chooseAndValidate(connectionId);
    expect(report.connection).toMatchObject({ name: 'Live ConsCent', production: true });
    for (const confirmName of [undefined, 'live conscent', 'Sim']) {
      const refused = await c.raw('bulkStart', {
        runId: file.runId,
        mode: 'send',
        concurrency: 1,
        skipInvalid: false,
        ...(confirmName ? { confirmName } : {}),
      });
      expect(refused).toMatchObject({ ok: false, error: { kind: 'bulk', reason: 'confirm-name' } });
    }
  });
});

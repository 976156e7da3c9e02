import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect } from 'vitest';
import type { HistoryPage } from '../../common/history-schemas';
import { SEED_EXAMPLE_USER_ID } from '../../simulator';
import type { BulkFile, BulkProgress, BulkReport } from '../../common/bulk-schemas';
import { bridgeTest } from '../helpers/bridge-fixture';
import { writeBulkCsv } from '../helpers/bulk-console';

// Issue 20.1 in main: a change's ticket or reason is checked at the bridge, kept in its
// history entry (sealed with the rest), shown by History and written to the export.

let exportTo = '';
let csv = '';
const it = bridgeTest({ simulator: { userCount: 3, seed: 2 }, chooseExportPath: async () => exportTo, chooseCsvFile: async () => csv });

describe('a ticket or reason with a change', () => {
  it('is kept in the history entry and in the CSV export', async ({ sim, bridge }) => {
    const connectionId = await bridge.connectTo(sim);
    const saved = await bridge.call('updateReader', {
      connectionId,
      userId: SEED_EXAMPLE_USER_ID,
      changes: { phone: '9000000012' },
      ticket: '  SUP-4411 reader called  ',
    });
    expect(saved.ok).toBe(true);
    const page = await bridge.call<HistoryPage>('listHistory', { filter: {}, page: { offset: 0, limit: 10 } });
    expect(page.ok && page.value.entries[0]?.ticket).toBe('SUP-4411 reader called');

    exportTo = join(bridge.dir, 'export.csv');
    expect((await bridge.call('exportHistory', { filter: {} })).ok).toBe(true);
    const rows = parse(await readFile(exportTo, 'utf8'), { columns: true }) as Record<string, string>[];
    expect(rows.map((row) => row['ticket or reason'])).toEqual(['SUP-4411 reader called']);
  });

  it('of two lines, or longer than 200 characters, is refused before anything is sent', async ({ sim, bridge }) => {
    const connectionId = await bridge.connectTo(sim);
    sim.clearRequests();
    for (const ticket of ['SUP-1\nand more', 'x'.repeat(201)]) {
      const refused = await bridge.call('updateReader', { connectionId, userId: SEED_EXAMPLE_USER_ID, changes: { phone: '9000000013' }, ticket });
      expect(refused).toMatchObject({ ok: false, error: { kind: 'invalid-input', fields: { ticket: expect.any(String) } } });
    }
    expect(sim.requests.filter((r) => r.method === 'PATCH')).toEqual([]);
  });

  it('given once for a bulk run, is kept in every row’s history entry', async ({ sim, bridge }) => {
    const connectionId = await bridge.connectTo(sim);
    const ids = sim
      .listUsers()
      .map((u) => u.userId)
      .slice(0, 2);
    csv = await writeBulkCsv(join(bridge.dir, 'fixes.csv'), ids);
    const file = await bridge.call<BulkFile>('bulkChooseFile', {});
    if (!file.ok || !file.value.chosen) throw new Error('no file');
    const { runId, suggested } = file.value;
    expect((await bridge.call('bulkValidate', { runId, connectionId, mapping: suggested })).ok).toBe(true);
    let progress = await bridge.call<BulkProgress>('bulkStart', {
      runId,
      mode: 'send',
      concurrency: 1,
      skipInvalid: false,
      ticket: 'CHG-31 bounced emails',
    });
    while (progress.ok && progress.value.state !== 'finished')
      progress = await bridge.call<BulkProgress>('bulkProgress', { runId, seen: progress.value.seq });
    const page = await bridge.call<HistoryPage>('listHistory', { filter: {}, page: { offset: 0, limit: 10 } });
    expect(page.ok && page.value.entries.map((e) => e.ticket)).toEqual(['CHG-31 bounced emails', 'CHG-31 bounced emails']);
  });

  it('in a bulk file’s ticket column, too long or with a text-direction override, is that row’s error; the rows left are sent', async ({
    sim,
    bridge,
  }) => {
    const connectionId = await bridge.connectTo(sim);
    const ids = sim.listUsers().map((u) => u.userId);
    csv = join(bridge.dir, 'fixes.csv');
    const { writeFile } = await import('node:fs/promises');
    await writeFile(
      csv,
      ['userId;name;Reason', `${ids[0]};One;SUP-1 ${'x'.repeat(200)}`, `${ids[1]};Two;SUP-\u202e2`, `${ids[2]};Three;SUP-3`].join('\r\n'),
    );
    const file = await bridge.call<BulkFile>('bulkChooseFile', {});
    if (!file.ok || !file.value.chosen) throw new Error('no file');
    expect(file.value.suggested.ticket).toBe('Reason');
    const report = await bridge.call<BulkReport>('bulkValidate', { runId: file.value.runId, connectionId, mapping: file.value.suggested });
    expect(report.ok && report.value.errors).toEqual([
      { row: 2, column: 'Reason', message: 'Keep the ticket or reason under 200 characters.' },
      { row: 3, column: 'Reason', message: 'Use plain text for the ticket or reason: no control or text-direction characters.' },
    ]);
    let progress = await bridge.call<BulkProgress>('bulkStart', { runId: file.value.runId, mode: 'send', concurrency: 1, skipInvalid: true });
    while (progress.ok && progress.value.state !== 'finished')
      progress = await bridge.call<BulkProgress>('bulkProgress', { runId: file.value.runId, seen: progress.value.seq });
    const page = await bridge.call<HistoryPage>('listHistory', { filter: {}, page: { offset: 0, limit: 10 } });
    expect(page.ok && page.value.entries.map((e) => [e.userId, e.ticket])).toEqual([[ids[2], 'SUP-3']]);
  });
});

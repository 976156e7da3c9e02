import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect } from 'vitest';
import type { HistoryPage } from '../../common/history-schemas';
import { SEED_EXAMPLE_USER_ID } from '../../simulator';
import { bridgeTest } from '../helpers/bridge-fixture';

// Issue 20.1 in main: a change's ticket or reason is checked at the bridge, kept in its
// history entry (sealed with the rest), shown by History and written to the export.

let exportTo = '';
const it = bridgeTest({ simulator: { userCount: 3, seed: 2 }, chooseExportPath: async () => exportTo });

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
});

import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { BULK_FIELDS, type BulkExportResult } from '../../common/bulk-schemas';
import { startSimulator, type RunningSimulator } from '../../simulator';
import { bulkConsole } from '../helpers/bulk-console';
import { tempFolders } from '../helpers/temp-folders';

// Issue 22.7: the Bulk screen's "Save sample CSV". Main's save dialog picks the path; the
// sample is read back by the real bulk parser (choose, map, check every row) as an agent's
// file would be: every column is mapped on its own, every row is valid, none in error.

const folder = tempFolders('cc-bulk-sample-');
let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator({ userCount: 5, seed: 22 });
});
afterAll(() => sim.stop());

describe('the sample CSV', () => {
  it('is saved where main’s dialog says, and the bulk parser maps every column and finds every row valid', async () => {
    const dir = folder();
    const path = join(dir, 'chosen-by-the-dialog.csv');
    const c = await bulkConsole(dir, { exportTo: path, csv: path });
    const saved = await c.call<BulkExportResult>('bulkSaveSample', {});
    expect(saved).toEqual({ saved: true, path, rows: 5 });
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect((await readFile(path, 'utf8')).split('\r\n')[0]).toBe(['userId', ...BULK_FIELDS, 'ticket'].join(','));

    const connectionId = await c.connect(sim);
    const { file, report } = await c.chooseAndValidate(connectionId);
    // Every column of the sample is one the parser maps by its header alone.
    expect(file.suggested.userId).toBe('userId');
    expect(Object.keys(file.suggested.fields).sort()).toEqual([...BULK_FIELDS].sort());
    expect(file.suggested.ticket).toBe('ticket');
    expect(file.columns).toHaveLength(1 + BULK_FIELDS.length + 1);
    expect(report).toMatchObject({ rows: 5, valid: 5, invalid: 0, duplicates: 0, errorCount: 0, errors: [] });
    // Between them the rows fill every column, so each one's format is shown at least once.
    const rows = parse(await readFile(path, 'utf8'), { from_line: 2 }) as string[][];
    expect(file.columns.filter((_, i) => rows.every((row) => row[i] === ''))).toEqual([]);
  });

  it('answers "not saved" when the agent cancels the dialog', async () => {
    const dir = folder();
    const c = await bulkConsole(dir, { exportTo: null });
    expect(await c.call<BulkExportResult>('bulkSaveSample', {})).toEqual({ saved: false });
  });
});

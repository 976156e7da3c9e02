import { chmod, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RowError } from '../../common/bulk-schemas';
import type { ReaderView } from '../../common/readers-contract';
import { exportReport, exportResults, REPORT_HEADER, RESULTS_HEADER } from '../../main/bulk/bulk-results';
import { runPaths } from '../../main/bulk/run-files';
import { codecFor } from '../helpers/sealed-lines';
import { writeCsvFile } from '../../main/exports/csv-file';
import { CSV_HEADER } from '../../main/history/history-csv';
import { createHistoryService } from '../../main/history/history-service';
import { STORED_CONNECTION as CONNECTION, manualClock, record } from './history-fixtures';

// Issue 18 item 2: an export cannot be forged. Whatever a reader, an agent or ConsCent
// wrote, every export (history, bulk results, bulk report) reads back as one record per
// entry, none of its cells is one a spreadsheet would run, and the file is the agent's
// alone even when it replaces one that was not.

/** How a strict reader splits records: at CRLF, and at a bare LF or CR (as spreadsheets do). */
const readBack = (text: string): string[][] => parse(text, { record_delimiter: ['\r\n', '\n', '\r'] }) as string[][];

// What a spreadsheet runs, written out here on its own rather than taken from the code:
// a cell that starts (after any spaces, tabs, line breaks or quotes the import strips) with
// = + - @ or their full-width forms, or that starts with a tab or CR. A leading ' is text.
const FORMULA = new Set(['=', '+', '-', '@', '\uFF1D', '\uFF0B', '\uFF0D', '\uFF20']);
const STRIPPED = /^[\s"'\uFF02\uFF07]*/u;
function spreadsheetWouldRun(cell: string): boolean {
  if (cell.startsWith("'")) return false;
  if (cell.startsWith('\t') || cell.startsWith('\r')) return true;
  return FORMULA.has(cell.replace(STRIPPED, '').charAt(0));
}

// The first three would forge a row that starts with a formula if a line break ended the
// record; quoted, they stay one multi-line cell (which does not start with a formula).
const FORGING = ['Ann\n=HYPERLINK("http://evil","x")', 'Ann\r=1+2', 'Ann\r\n@SUM(1)'];
const HOSTILE = [...FORGING, ' =1+1', "\"=cmd|' /C calc'!A0", '\t=1', '\r-2', '\u3000\uFF1D1', '\uFF02+1', "'=1"];

/** What the export holds for a hostile value: a formula behind a leading ', the rest as written. */
const exported = (value: string) => (FORGING.some((f) => value.startsWith(f)) ? value : `'${value}`);

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cc-csv-forgery-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

function expectSafe(records: string[][]): void {
  for (const cell of records.flat()) expect(spreadsheetWouldRun(cell), JSON.stringify(cell)).toBe(false);
}

describe('writeCsvFile never lets a cell forge a row or run as a formula', () => {
  it("hostile cells: one record per row, each read back as written, behind a leading ' when it would run", async () => {
    const path = join(dir, 'hostile.csv');
    await writeCsvFile(path, ['n', 'value'], (emit) => emit(HOSTILE.map((value, i) => [String(i), value])));
    const records = readBack(await readFile(path, 'utf8'));
    expect(records).toHaveLength(HOSTILE.length + 1);
    expect(records.slice(1).map((r) => r[1])).toEqual(HOSTILE.map(exported));
    expectSafe(records);
  });

  it('property: any rows of any strings read back as the same rows, none runnable', async () => {
    const unit = fc.oneof(
      fc.constantFrom(
        'a',
        '1',
        ' ',
        '\t',
        '\r',
        '\n',
        '"',
        "'",
        ',',
        '=',
        '+',
        '-',
        '@',
        '|',
        '\uFF1D',
        '\uFF0B',
        '\uFF0D',
        '\uFF20',
        '\uFF02',
        '\u00A0',
        '\u3000',
        '\uFEFF',
      ),
      fc.string({ maxLength: 1 }),
    );
    const cell = fc.string({ unit, maxLength: 12 });
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(cell, cell, cell), { maxLength: 8 }), async (rows) => {
        const path = join(dir, `p${n++}.csv`);
        await writeCsvFile(path, ['a', 'b', 'c'], (emit) => emit(rows));
        const records = readBack(await readFile(path, 'utf8'));
        expect(records).toHaveLength(rows.length + 1);
        records.slice(1).forEach((read, i) =>
          read.forEach((value, j) => {
            const written = rows[i]![j]!;
            expect([written, `'${written}`]).toContain(value);
          }),
        );
        expectSafe(records);
        await rm(path);
      }),
      { numRuns: 200 },
    );
  });

  it('an export saved over an existing 0644 file ends up 0600, with only the new rows', async () => {
    const path = join(dir, 'existing.csv');
    await writeFile(path, 'old,content,from,before\r\n'.repeat(50));
    await chmod(path, 0o644);
    await writeCsvFile(path, ['name'], (emit) => emit([['Asha']]));
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(await readFile(path, 'utf8')).toBe('name\r\nAsha\r\n');
  });
});

describe('every export the console makes reads back safe', () => {
  const USER = '681c74b2333e169d16a7e58b';

  it('the history export: one record per changed field, hostile names and values escaped', async () => {
    const clock = manualClock('2025-11-12T10:00:00.000Z');
    const exportPath = join(dir, 'history.csv');
    const service = createHistoryService({
      dir: join(dir, 'history'),
      preferences: async () => undefined,
      savePreferences: async () => undefined,
      savedConnections: async () => [CONNECTION],
      chooseExportPath: async () => exportPath,
      identity: () => ({ osUser: 'maria', machine: 'desk-12' }),
      now: clock.now,
    });
    for (const hostile of HOSTILE) {
      const before: ReaderView = { userId: USER, name: hostile, email: 'ann@example.com', source: 'lookup', known: ['name', 'email'] };
      const id = await service.begin({ connection: CONNECTION, userId: USER, changes: { name: `${hostile} B` }, before });
      clock.advance(1000);
      await service.finish(id, { ok: true, message: hostile, record: record({ name: `${hostile} B` }) });
    }
    // An old 0644 file in the way: the export replaces it and makes it private.
    await writeFile(exportPath, 'x');
    await chmod(exportPath, 0o644);
    expect(await service.exportCsv({})).toMatchObject({ saved: true, entries: HOSTILE.length, rows: HOSTILE.length });
    expect((await stat(exportPath)).mode & 0o777).toBe(0o600);

    const [header, ...records] = readBack(await readFile(exportPath, 'utf8'));
    expect(header).toEqual([...CSV_HEADER]);
    expect(records).toHaveLength(HOSTILE.length);
    const column = (name: string) => CSV_HEADER.indexOf(name as (typeof CSV_HEADER)[number]);
    // Newest first: entry n holds HOSTILE[n - 1].
    for (const r of records) {
      const hostile = HOSTILE[Number(r[column('entry')]) - 1]!;
      expect(r[column('reader name')]).toBe(exported(hostile));
      expect(r[column('before')]).toBe(exported(hostile));
      expect(r[column('after')]).toBe(exported(`${hostile} B`));
    }
    expectSafe([header!, ...records]);
  });

  it("a bulk run's results and report exports: one record per row, hostile messages escaped", async () => {
    const paths = runPaths(dir, 'run-forgery-1', await codecFor(dir, 'bulk'));
    await mkdir(paths.dir, { recursive: true });
    const events = HOSTILE.map((hostile, i) => ({
      t: 'result',
      row: i + 2,
      userId: USER,
      outcome: 'failed',
      error: { kind: 'invalid-input', apiMessage: hostile },
    }));
    await writeFile(paths.events, events.map((e) => `${JSON.stringify(e)}\n`).join(''));
    const errors: RowError[] = HOSTILE.map((hostile, i) => ({ row: 100 + i, column: hostile, message: hostile }));
    await writeFile(paths.errors, errors.map((e) => `${JSON.stringify(e)}\n`).join(''));

    const resultsPath = join(dir, 'results.csv');
    expect(await exportResults(paths, false, resultsPath)).toBe(HOSTILE.length * 2);
    const [resultsHeader, ...results] = readBack(await readFile(resultsPath, 'utf8'));
    expect(resultsHeader).toEqual([...RESULTS_HEADER]);
    expect(results.map((r) => r[0])).toEqual([...events.map((e) => String(e.row)), ...errors.map((e) => String(e.row))]);
    expect(results.slice(0, HOSTILE.length).map((r) => r[RESULTS_HEADER.indexOf('message')])).toEqual(HOSTILE.map(exported));
    expectSafe(results);

    const reportPath = join(dir, 'report.csv');
    expect(await exportReport(paths, reportPath)).toBe(HOSTILE.length);
    const [reportHeader, ...report] = readBack(await readFile(reportPath, 'utf8'));
    expect(reportHeader).toEqual([...REPORT_HEADER]);
    expect(report).toEqual(errors.map((e) => [String(e.row), exported(e.column), exported(e.message)]));
    expectSafe(report);
  });
});

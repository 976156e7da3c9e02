import { createWriteStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { finished } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import type { BulkResultsPage, BulkRowResult, RowError } from '../../common/bulk-schemas';
import { finalResults } from './run-events';
import { jsonLines, type RunPaths } from './run-files';

// A run's results, every row accounted for: each sent row's last outcome, and each row
// left out as invalid ("not sent", with its validation messages). Exported as CSV by
// csv-stringify, 0600, with formula-looking cells escaped (they hold what agents typed
// and what ConsCent said).

export const RESULTS_HEADER = ['row', 'user id', 'outcome', 'history entry', 'error kind', 'reason', 'HTTP status', 'message', 'fields'] as const;
export const REPORT_HEADER = ['row', 'column', 'message'] as const;

async function invalidRows(paths: RunPaths): Promise<BulkRowResult[]> {
  const byRow = new Map<number, BulkRowResult>();
  for await (const e of jsonLines<RowError>(paths.errors)) {
    const known = byRow.get(e.row) ?? { row: e.row, userId: '', outcome: 'not-sent', error: { kind: 'invalid-input', fields: {} } };
    known.error!.fields![e.column || 'row'] ??= e.message;
    byRow.set(e.row, known);
  }
  return [...byRow.values()];
}

export async function allResults(paths: RunPaths, dry: boolean): Promise<BulkRowResult[]> {
  const sent = await finalResults(dry ? paths.dry : paths.events);
  return [...sent, ...(await invalidRows(paths))].sort((a, b) => a.row - b.row);
}

export async function resultsPage(paths: RunPaths, dry: boolean, offset: number, limit: number): Promise<BulkResultsPage> {
  const all = await allResults(paths, dry);
  return { total: all.length, offset, rows: all.slice(offset, offset + limit) };
}

function resultCells(r: BulkRowResult): string[] {
  const e = r.error;
  const message = e?.apiMessage ?? (e?.fields ? Object.entries(e.fields).map(([column, text]) => `${column}: ${text}`).join(' | ') : '');
  return [String(r.row), r.userId, r.outcome, r.entryId ? String(r.entryId) : '', e?.kind ?? '', e?.reason ?? '', e?.status ? String(e.status) : '', message, (r.changes ?? []).join(' ')];
}

async function writeCsv(path: string, header: readonly string[], rows: AsyncIterable<string[]> | Iterable<string[]>): Promise<number> {
  const file = createWriteStream(path, { mode: 0o600, flags: 'w' });
  const csv = stringify({ header: true, columns: [...header], escape_formulas: true, record_delimiter: 'windows' });
  csv.pipe(file);
  let count = 0;
  try {
    for await (const row of rows) {
      if (!csv.write(row)) await new Promise((resolve) => csv.once('drain', resolve));
      count += 1;
    }
  } finally {
    csv.end();
    await finished(file);
  }
  const handle = await open(path, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
  return count;
}

export async function exportResults(paths: RunPaths, dry: boolean, path: string): Promise<number> {
  return writeCsv(path, RESULTS_HEADER, (await allResults(paths, dry)).map(resultCells));
}

export async function exportReport(paths: RunPaths, path: string): Promise<number> {
  async function* rows() {
    for await (const e of jsonLines<RowError>(paths.errors)) yield [String(e.row), e.column, e.message];
  }
  return writeCsv(path, REPORT_HEADER, rows());
}

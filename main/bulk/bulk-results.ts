import type { BulkResultsPage, BulkRowResult } from '../../common/bulk-schemas';
import { writeCsvFile } from '../exports/csv-file';
import { finalResults } from './run-events';
import { jsonLines, type RunPaths } from './run-files';
import { ErrorLine } from './run-schemas';

// A run's results, every row accounted for: each sent row's last outcome, and each row
// left out as invalid ("not sent", with its validation messages). Exported as CSV by
// csv-stringify, 0600, with formula-looking cells escaped (they hold what agents typed
// and what ConsCent said).

export const RESULTS_HEADER = ['row', 'user id', 'outcome', 'history entry', 'error kind', 'reason', 'HTTP status', 'message', 'fields'] as const;
export const REPORT_HEADER = ['row', 'column', 'message'] as const;

async function invalidRows(paths: RunPaths): Promise<BulkRowResult[]> {
  const byRow = new Map<number, { userId: string; fields: Record<string, string> }>();
  for await (const e of jsonLines(paths.errors, ErrorLine, paths.codec)) {
    const fields = byRow.get(e.row)?.fields ?? {};
    fields[e.column || 'row'] ??= e.message;
    byRow.set(e.row, { userId: byRow.get(e.row)?.userId ?? e.userId ?? '', fields });
  }
  return [...byRow].map(([row, { userId, fields }]) => ({ row, userId, outcome: 'not-sent', error: { kind: 'invalid-input', fields } }));
}

export async function allResults(paths: RunPaths, dry: boolean): Promise<BulkRowResult[]> {
  const sent = await finalResults(dry ? paths.dry : paths.events, paths.codec);
  return [...sent, ...(await invalidRows(paths))].sort((a, b) => a.row - b.row);
}

export async function resultsPage(paths: RunPaths, dry: boolean, offset: number, limit: number): Promise<BulkResultsPage> {
  const all = await allResults(paths, dry);
  return { total: all.length, offset, rows: all.slice(offset, offset + limit) };
}

function resultCells(r: BulkRowResult): string[] {
  const e = r.error;
  const fields = e?.kind === 'invalid-input' ? e.fields : undefined;
  const message =
    (e && 'apiMessage' in e ? e.apiMessage : undefined) ??
    r.message ??
    (fields
      ? Object.entries(fields)
          .map(([column, text]) => `${column}: ${text}`)
          .join(' | ')
      : '');
  return [
    String(r.row),
    r.userId,
    r.outcome,
    r.entryId ? String(r.entryId) : '',
    e?.kind ?? '',
    e?.reason ?? '',
    e && 'status' in e && e.status ? String(e.status) : '',
    message,
    (r.changes ?? []).join(' '),
  ];
}

export async function exportResults(paths: RunPaths, dry: boolean, path: string): Promise<number> {
  const rows = (await allResults(paths, dry)).map(resultCells);
  return writeCsvFile(path, RESULTS_HEADER, (emit) => emit(rows));
}

export async function exportReport(paths: RunPaths, path: string): Promise<number> {
  return writeCsvFile(path, REPORT_HEADER, async (emit) => {
    for await (const e of jsonLines(paths.errors, ErrorLine, paths.codec)) await emit([[String(e.row), e.column, e.message]]);
  });
}

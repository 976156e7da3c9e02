import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { parse, type Options } from 'csv-parse';
import { MAX_BULK_ROWS } from '../../common/bulk-schemas';
import { BulkError } from './bulk-error';

// Reads the agent's CSV file as a stream (csv-parse), never whole: UTF-8 with or without
// a byte-order mark, comma- or semicolon-separated (decided by the header line, so a
// comma inside a semicolon file's cell stays text), header row first. Row numbers count
// the header as row 1, as a spreadsheet does.

export type Delimiter = ',' | ';';
export type CsvRecord = { row: number; cells: string[] };

const HEAD_BYTES = 64 * 1024;
/** One record may not be larger than this (a file that is not CSV would otherwise be one huge cell). */
const MAX_RECORD_BYTES = 64 * 1024;

/** The delimiter the header line uses most; a comma when it uses neither. */
export async function sniffDelimiter(path: string): Promise<Delimiter> {
  const handle = await open(path, 'r').catch((error: NodeJS.ErrnoException) => {
    throw new BulkError('file-unreadable', { code: error.code ?? 'unknown' });
  });
  try {
    const buffer = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, HEAD_BYTES, 0);
    const firstLine = buffer.subarray(0, bytesRead).toString('utf8').split(/\r?\n/, 1)[0] ?? '';
    const count = (char: string) => firstLine.split(char).length - 1;
    return count(';') > count(',') ? ';' : ',';
  } finally {
    await handle.close();
  }
}

function parserOptions(delimiter: Delimiter): Options {
  return {
    bom: true,
    delimiter,
    // Rows with too few or too many cells are reported per row, not as a broken file.
    relax_column_count: true,
    skip_empty_lines: true,
    max_record_size: MAX_RECORD_BYTES,
    info: true,
  };
}

/** Every record after the header, streamed. Throws a BulkError for a file that is not CSV or not UTF-8. */
export async function* csvRecords(path: string, delimiter: Delimiter): AsyncGenerator<CsvRecord> {
  const parser = createReadStream(path).pipe(parse(parserOptions(delimiter)));
  try {
    for await (const item of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      const { record, info } = item;
      if (record.some((cell) => cell.includes('\uFFFD'))) throw new BulkError('file-not-utf8', { row: info.lines });
      yield { row: info.lines, cells: record };
    }
  } catch (error) {
    if (error instanceof BulkError) throw error;
    const code = (error as { code?: string }).code;
    const line = (error as { lines?: number }).lines;
    if (code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR') throw new BulkError('file-unreadable', { code });
    throw new BulkError('file-not-csv', { ...(code ? { code } : {}), ...(typeof line === 'number' ? { row: line } : {}) });
  } finally {
    parser.destroy();
  }
}

export type CsvHeader = { columns: string[]; delimiter: Delimiter; rows: number };

/** Reads the header and counts the rows (the file's one full pass before validation). */
export async function readHeader(path: string): Promise<CsvHeader> {
  const delimiter = await sniffDelimiter(path);
  let columns: string[] | undefined;
  let rows = 0;
  for await (const { cells } of csvRecords(path, delimiter)) {
    if (!columns) {
      columns = cells.map((cell) => cell.trim());
      columns.forEach((column, index) => {
        if (column === '') throw new BulkError('header-problem', { row: 1, column: `#${index + 1}` });
        if (columns!.indexOf(column) !== index) throw new BulkError('header-problem', { row: 1, column });
      });
      continue;
    }
    rows += 1;
    if (rows > MAX_BULK_ROWS) throw new BulkError('file-too-large', { limit: MAX_BULK_ROWS });
  }
  if (!columns) throw new BulkError('file-empty');
  return { columns, delimiter, rows };
}

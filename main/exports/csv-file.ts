import { createWriteStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { finished } from 'node:stream/promises';
import { stringify } from 'csv-stringify';

/** Hands rows to the file as they are produced; resolves once the file can take more. */
export type EmitRows = (rows: readonly (readonly string[])[]) => Promise<void>;

/**
 * Writes a CSV export (the change history, a bulk run's results or report) to `path`,
 * feeding rows as `produce` emits them, and resolves with how many it wrote (header
 * excluded). The file is created 0600: it holds readers' personal data. RFC 4180 with a
 * header row and CRLF line ends, by csv-stringify; cells starting with = + - @ (or a tab
 * or carriage return) get a leading ' so a spreadsheet never runs what agents, readers or
 * ConsCent wrote as a formula. Flushed to disk before it resolves, since the agent is then
 * told it was saved.
 */
export async function writeCsvFile(path: string, header: readonly string[], produce: (emit: EmitRows) => Promise<void>): Promise<number> {
  const file = createWriteStream(path, { mode: 0o600, flags: 'w' });
  const csv = stringify({ header: true, columns: [...header], escape_formulas: true, record_delimiter: 'windows' });
  csv.pipe(file);
  let count = 0;
  const writeRow = (row: readonly string[]) =>
    new Promise<void>((resolve) => {
      if (csv.write(row)) resolve();
      else csv.once('drain', resolve);
    });
  try {
    await produce(async (rows) => {
      for (const row of rows) await writeRow(row);
      count += rows.length;
    });
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

import { constants, createWriteStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { finished } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import { escapeFormula } from './formula-escape';

/** Hands rows to the file as they are produced; resolves once the file can take more. */
export type EmitRows = (rows: readonly (readonly string[])[]) => Promise<void>;

/**
 * Writes a CSV export (the change history, a bulk run's results or report) to `path`,
 * feeding rows as `produce` emits them, and resolves with how many it wrote (header
 * excluded). Flushed to disk before it resolves, since the agent is then told it was saved.
 *
 * - The file is 0600 even when it replaces an existing file: it holds readers' personal
 *   data, and open(2)'s mode only applies to a file it creates, so the mode is set on
 *   the open handle before the old content is cut and a byte is written.
 * - RFC 4180 with a header row and CRLF line ends, by csv-stringify. Every cell holding a
 *   CR or LF is quoted (`quote_record_delimiter`): csv-stringify only quotes the record
 *   delimiter itself (CRLF) otherwise, and a spreadsheet starts a new row at a bare LF or
 *   CR, so a reader named "Ann\n=HYPERLINK(…)" would forge a row of its own.
 * - Cells a spreadsheet would run as a formula get a leading ' (formula-escape.ts), in
 *   place of csv-stringify's escape_formulas, which misses one behind a space or a quote.
 */
export async function writeCsvFile(
  path: string,
  header: readonly string[],
  produce: (emit: EmitRows) => Promise<void>,
  /** `ownText`: every cell is the console's own constant text (the bulk sample), so none is defused. */
  options: { ownText?: true } = {},
): Promise<number> {
  // Opened without truncating: a file the agent may not re-mode (another user's) is
  // refused before its content is lost.
  const handle = await open(path, constants.O_WRONLY | constants.O_CREAT, 0o600);
  try {
    await handle.chmod(0o600);
    await handle.truncate(0);
  } catch (error) {
    await handle.close();
    throw error;
  }
  const file = createWriteStream('', { fd: handle, autoClose: true });
  const csv = stringify({
    header: true,
    columns: [...header],
    record_delimiter: 'windows',
    quote_record_delimiter: true,
    ...(options.ownText ? {} : { cast: { string: escapeFormula } }),
  });
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
  const synced = await open(path, 'r+');
  try {
    await synced.sync();
  } finally {
    await synced.close();
  }
  return count;
}

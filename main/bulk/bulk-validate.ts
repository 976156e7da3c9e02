import {
  ADDRESS_COLUMNS,
  MAX_BULK_ROWS,
  REPORTED_ERRORS,
  type BulkField,
  type BulkMapping,
  type BulkReport,
  type RowError,
} from '../../common/bulk-schemas';
import { checkRow, mappingProblem } from '../../common/bulk-row';
import { TicketOrReason } from '../../common/history-schemas';
import { BulkError } from './bulk-error';
import { csvRecords, type Delimiter } from './csv-source';
import type { LineCodec } from '../at-rest/sealed-text';
import { AppendFile } from './run-files';
import type { ErrorLine, RowLine } from './run-schemas';

// Validates every row of the file with the form's schemas, streaming: valid rows go to
// rows.jsonl as they will be sent, errors to errors.jsonl (row, column, message), and
// only the first REPORTED_ERRORS come back to the page. A user id seen on an earlier row
// is an error on the later one: two changes to one reader in one run would race. A mapped
// ticket column gives a row its own ticket or reason (issue 20.1), checked as the review's
// field is: a bad one is the row's error, never cut or dropped silently.

export type { ErrorLine, RowLine } from './run-schemas';
/** What the report says of the file itself (the report adds the run and the connection). */
export type ValidationCounts = Omit<BulkReport, 'runId' | 'connection'>;

export async function validateFile(input: {
  path: string;
  delimiter: Delimiter;
  mapping: BulkMapping;
  rowsFile: string;
  errorsFile: string;
  /** Seals each line written (main/at-rest/). */
  codec: LineCodec;
}): Promise<ValidationCounts> {
  const { mapping } = input;
  const fields = (Object.keys(mapping.fields) as BulkField[]).sort((a, b) => order(a) - order(b));
  const problem = mappingProblem(fields);
  if (problem) throw new BulkError('mapping-problem', { column: fields.find((f) => f.startsWith('address.')) ?? '' });

  const rows = await AppendFile.open(input.rowsFile, input.codec);
  const errorsOut = await AppendFile.open(input.errorsFile, input.codec);
  const counts: ValidationCounts = { rows: 0, valid: 0, invalid: 0, duplicates: 0, errorCount: 0, errors: [], fields };
  const firstRowOf = new Map<string, number>();
  let index: { userId: number; fields: [BulkField, number][]; ticket?: number; width: number } | undefined;
  try {
    for await (const { row, cells } of csvRecords(input.path, input.delimiter)) {
      if (!index) {
        const header = cells.map((cell) => cell.trim());
        const at = (name: string) => {
          const found = header.indexOf(name);
          if (found < 0) throw new BulkError('mapping-problem', { column: name });
          return found;
        };
        index = {
          userId: at(mapping.userId),
          fields: fields.map((field) => [field, at(mapping.fields[field] ?? '')]),
          ...(mapping.ticket !== undefined ? { ticket: at(mapping.ticket) } : {}),
          width: header.length,
        };
        continue;
      }
      counts.rows += 1;
      if (counts.rows > MAX_BULK_ROWS) throw new BulkError('file-too-large', { limit: MAX_BULK_ROWS });
      const rowErrors: RowError[] = [];
      if (cells.length !== index.width) {
        rowErrors.push({
          row,
          column: '',
          message: `This row has ${cells.length} cells; the header has ${index.width}. Check for a missing or extra separator.`,
        });
      }
      const userIdColumn = mapping.userId;
      const checked = checkRow({
        userId: cells[index.userId] ?? '',
        fields: Object.fromEntries(index.fields.map(([field, i]) => [field, cells[i] ?? ''])),
      });
      if (!checked.ok) {
        for (const e of checked.errors)
          rowErrors.push({ row, column: e.column === 'userId' ? userIdColumn : (mapping.fields[e.column] ?? e.column), message: e.message });
      } else {
        const first = firstRowOf.get(checked.userId);
        if (first !== undefined) {
          counts.duplicates += 1;
          rowErrors.push({
            row,
            column: userIdColumn,
            message: `This user id is also on row ${first}; a reader can be changed once per run. Merge the two rows.`,
          });
        } else firstRowOf.set(checked.userId, row);
      }
      const ticket = index.ticket === undefined ? undefined : TicketOrReason.safeParse(cells[index.ticket] ?? '');
      if (ticket && !ticket.success) rowErrors.push({ row, column: mapping.ticket ?? '', message: ticket.error.issues[0]?.message ?? '' });
      if (rowErrors.length > 0 || !checked.ok) {
        counts.invalid += 1;
        counts.errorCount += rowErrors.length;
        for (const e of rowErrors) if (counts.errors.length < REPORTED_ERRORS) counts.errors.push(e);
        // The user id as typed goes with the error lines: the results list it for the row left out.
        const typedId = (cells[index.userId] ?? '').trim();
        await errorsOut.append(
          rowErrors.map((e) => ({ ...e, ...(typedId ? { userId: typedId } : {}) }) satisfies ErrorLine),
          false,
        );
        continue;
      }
      counts.valid += 1;
      const own = ticket?.success && ticket.data !== '' ? { ticket: ticket.data } : {};
      await rows.append([{ row, userId: checked.userId, changes: checked.changes, ...own } satisfies RowLine], false);
    }
  } finally {
    await rows.close();
    await errorsOut.close();
  }
  return counts;
}

const FIELD_ORDER: readonly string[] = ['name', 'email', 'countryCode', 'phone', 'gender', 'dateOfBirth', ...ADDRESS_COLUMNS];
const order = (field: string) => FIELD_ORDER.indexOf(field);

import { BULK_FIELDS, CLEAR_MARKER, type BulkExportResult, type BulkField } from '../../common/bulk-schemas';
import { TICKET_COLUMN_NAMES } from '../../common/bulk-row';
import { writeCsvFile } from '../exports/csv-file';

// The sample CSV the Bulk screen offers to save (issue 22.7): one column for the user id
// and one per field a file may fill, named as suggestMapping maps them on its own, so the
// header is built from BULK_FIELDS, the parser's own list, and follows it when a column is
// added there. The rows show one kind of fix each. Saved like every export: main's save
// dialog picks the path, the page never gives one (csv-file.ts: 0600, flushed).

/** The user id column's header, as the mapping recognises it (common/bulk-row.ts suggestMapping). */
export const SAMPLE_USER_ID_COLUMN = 'userId';
export const SAMPLE_FILE_NAME = 'conscent-bulk-sample.csv';

/** The row's own ticket or reason (optional in a real file; an empty cell keeps the run's). */
export const SAMPLE_TICKET_COLUMN = TICKET_COLUMN_NAMES[0];

export const BULK_SAMPLE_HEADER: readonly string[] = [SAMPLE_USER_ID_COLUMN, ...BULK_FIELDS, SAMPLE_TICKET_COLUMN];

type SampleRow = { userId: string; ticket?: string } & Partial<Record<BulkField, string>>;

const ROWS: readonly SampleRow[] = [
  { userId: '64a1f0c2b3d4e5f607182930', name: 'Asha Verma' },
  { userId: '64a1f0c2b3d4e5f607182931', email: 'ravi.kumar@example.com', ticket: 'ZD-4821' },
  { userId: '64a1f0c2b3d4e5f607182932', countryCode: '+91', phone: '9876543210' },
  { userId: '64a1f0c2b3d4e5f607182933', name: 'Mehta, Priya', gender: 'FEMALE', dateOfBirth: '1990-05-01' },
  {
    userId: '64a1f0c2b3d4e5f607182934',
    'address.name': 'Home',
    'address.apartment': '20/41 Rambagh',
    'address.area': 'Civil Lines',
    'address.pincode': '282008',
    // The address travels whole: a part to empty is marked, the others given as they should be.
    'address.landmark': CLEAR_MARKER,
    'address.city': 'Agra',
    'address.state': 'UP',
    'address.country': 'India',
  },
];

/** The sample's rows, one cell per header column (empty where a row leaves the field alone). */
export function bulkSampleRows(): string[][] {
  return ROWS.map((row) =>
    BULK_SAMPLE_HEADER.map((column) => {
      if (column === SAMPLE_USER_ID_COLUMN) return row.userId;
      if (column === SAMPLE_TICKET_COLUMN) return row.ticket ?? '';
      return row[column as BulkField] ?? '';
    }),
  );
}

/** Asks where (main's save dialog) and writes the sample there. */
export async function saveBulkSample(chooseExportPath: (suggestedName: string) => Promise<string | null>): Promise<BulkExportResult> {
  const path = await chooseExportPath(SAMPLE_FILE_NAME);
  if (!path) return { saved: false };
  // The cells are the console's own text, not a reader's or an agent's: "+91" is kept as
  // the parser needs it rather than defused as a formula (csv-file.ts).
  const rows = await writeCsvFile(path, BULK_SAMPLE_HEADER, (emit) => emit(bulkSampleRows()), { ownText: true });
  return { saved: true, path, rows };
}

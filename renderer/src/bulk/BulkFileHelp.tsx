import { useId } from 'react';
import { TICKET_COLUMN_NAMES } from '../../../common/bulk-row';
import { ADDRESS_COLUMNS, BULK_FIELDS, CLEAR_MARKER, MAX_BULK_ROWS } from '../../../common/bulk-schemas';

// What CSV the Bulk screen expects, said before the agent chooses a file (issue 22.7), and
// a sample to start from. The columns are listed from BULK_FIELDS, the list the parser
// maps by header, and main writes the sample from the same list (main/bulk/bulk-sample.ts),
// so neither can drift from what a file may hold. The full rules are in the user guide.

const FORMATS: Partial<Record<(typeof BULK_FIELDS)[number], string>> = {
  countryCode: '+91',
  phone: 'digits, no country code',
  gender: 'MALE, FEMALE or OTHERS',
  dateOfBirth: '1990-05-01',
};

export function BulkFileHelp({ onSaveSample }: { onSaveSample: () => void }) {
  const headingId = useId();
  const plainFields = BULK_FIELDS.filter((field) => !field.startsWith('address.'));
  return (
    <section className="bulk-help" aria-labelledby={headingId}>
      <h3 id={headingId}>The CSV file</h3>
      <p>
        A header row, then one reader per row: a <code>userId</code> column and any of{' '}
        {plainFields.map((field, i) => (
          <span key={field}>
            <code>{field}</code>
            {FORMATS[field] ? ` (${FORMATS[field]})` : ''}
            {i < plainFields.length - 1 ? ', ' : ''}
          </span>
        ))}{' '}
        and the {ADDRESS_COLUMNS.length} address parts <code>{ADDRESS_COLUMNS[0]}</code> … <code>{ADDRESS_COLUMNS.at(-1)}</code> (all of them or
        none). An empty cell leaves the field as it is; <code>{CLEAR_MARKER}</code> empties an address part. UTF-8, commas or semicolons, up to{' '}
        {MAX_BULK_ROWS.toLocaleString('en-US')} rows. An optional <code>{TICKET_COLUMN_NAMES[0]}</code> column gives a row its own ticket or reason
        instead of the run&apos;s. Headers spelled like these are mapped for you.
      </p>
      <p>
        <button type="button" onClick={onSaveSample}>
          Save sample CSV…
        </button>{' '}
        <span className="hint">A file with every column and a row for each kind of fix, to fill in or copy from.</span>
      </p>
    </section>
  );
}

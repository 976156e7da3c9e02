import type { BulkField, BulkFile, BulkMapping } from '../../../common/bulk-schemas';
import { BULK_FIELDS, CLEAR_MARKER } from '../../../common/bulk-schemas';
import { FIELD_LABELS } from './bulk-text';

// Step 2: which column holds the user id and which holds each field. A field left at
// "not changed" is not sent; address lists are not offered (their content is unknown).
// A ticket column gives each row its own ticket or reason (issue 20.1).

export function BulkMappingFields({ file, mapping, onChange }: { file: BulkFile; mapping: BulkMapping; onChange: (next: BulkMapping) => void }) {
  const setField = (field: BulkField, column: string) => {
    const fields = { ...mapping.fields };
    if (column === '') delete fields[field];
    else fields[field] = column;
    onChange({ ...mapping, fields });
  };
  return (
    <fieldset className="bulk-mapping">
      <legend>Columns</legend>
      <p className="hint">
        An empty cell leaves the field as it is; <code>{CLEAR_MARKER}</code> clears it where ConsCent allows (address parts). The address is sent
        whole: map all eight address columns, or none.
      </p>
      <label>
        User id column
        <select value={mapping.userId} onChange={(event) => onChange({ ...mapping, userId: event.target.value })}>
          {file.columns.map((column) => (
            <option key={column} value={column}>
              {column}
            </option>
          ))}
        </select>
      </label>
      {BULK_FIELDS.map((field) => (
        <label key={field}>
          {FIELD_LABELS[field]}
          <select value={mapping.fields[field] ?? ''} onChange={(event) => setField(field, event.target.value)}>
            <option value="">— not changed —</option>
            {file.columns.map((column) => (
              <option key={column} value={column}>
                {column}
              </option>
            ))}
          </select>
        </label>
      ))}
      <label>
        Ticket or reason column
        <select
          value={mapping.ticket ?? ''}
          aria-describedby="bulk-ticket-column-hint"
          onChange={(event) => {
            const { ticket: _previous, ...rest } = mapping;
            onChange(event.target.value === '' ? rest : { ...rest, ticket: event.target.value });
          }}
        >
          <option value="">— the run’s ticket for every row —</option>
          {file.columns.map((column) => (
            <option key={column} value={column}>
              {column}
            </option>
          ))}
        </select>
      </label>
      <p className="hint" id="bulk-ticket-column-hint">
        A row’s own ticket or reason replaces the run’s for that row; an empty cell keeps the run’s.
      </p>
    </fieldset>
  );
}

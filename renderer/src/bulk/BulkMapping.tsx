import type { BulkField, BulkFile, BulkMapping } from '../../../common/bulk-schemas';
import { BULK_FIELDS, CLEAR_MARKER } from '../../../common/bulk-schemas';
import { FIELD_LABELS } from './bulk-text';

// Step 2: which column holds the user id and which holds each field. A field left at
// "not changed" is not sent; address lists are not offered (their content is unknown).

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
    </fieldset>
  );
}

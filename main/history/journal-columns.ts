import { EDITABLE_FIELDS, type EditableField } from '../../common/user-schemas';

// The history index's storage: one typed array per number it keeps of an entry, grown by
// doubling, so 100,000 entries cost a few megabytes and no object per entry. Also the
// bit mask that records which fields a change touched.

const FIELD_BIT = new Map(EDITABLE_FIELDS.map((field, i) => [field, 1 << i]));

export function fieldMask(fields: readonly string[]): number {
  return fields.reduce((mask, field) => mask | (FIELD_BIT.get(field as EditableField) ?? 0), 0);
}

export function fieldsOf(mask: number): EditableField[] {
  return EDITABLE_FIELDS.filter((_, i) => (mask & (1 << i)) !== 0);
}

export const COLUMNS = {
  id: Float64Array,
  time: Float64Array,
  file: Uint16Array,
  offset: Float64Array,
  length: Uint32Array,
  outFile: Int32Array,
  outOffset: Float64Array,
  outLength: Uint32Array,
  status: Uint8Array,
  connection: Uint32Array,
  reader: Uint32Array,
  revertOf: Float64Array,
  fields: Uint32Array,
} as const;
export type Column = keyof typeof COLUMNS;
export type Columns = { [K in Column]: InstanceType<(typeof COLUMNS)[K]> };

export function allocate(capacity: number, from?: Columns): Columns {
  const columns = Object.fromEntries(
    (Object.keys(COLUMNS) as Column[]).map((name) => {
      const column = new COLUMNS[name](capacity);
      if (from) column.set(from[name] as never);
      return [name, column];
    }),
  ) as Columns;
  return columns;
}

import { ADDRESS_COLUMNS, CLEAR_MARKER, type BulkField } from './bulk-schemas';
import { ObjectId, UserChanges, type UserChanges as Changes } from './user-schemas';

// One CSV row as a PATCH body, checked with the same schemas as the edit form. An empty
// cell leaves the field alone; CLEAR_MARKER clears it where ConsCent allows an empty
// value. The address travels whole (ConsCent takes it as one object and the console does
// not know the stored one), so a row that fills any address column gives all of them.

export type RowCells = { userId: string; fields: Partial<Record<BulkField, string>> };
export type RowCheck = { ok: true; userId: string; changes: Changes } | { ok: false; errors: { column: BulkField | 'userId'; message: string }[] };

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Why a mapping cannot work, or undefined: the address columns go all together. */
export function mappingProblem(fields: readonly BulkField[]): string | undefined {
  const address = ADDRESS_COLUMNS.filter((column) => fields.includes(column));
  if (address.length > 0 && address.length < ADDRESS_COLUMNS.length) {
    return `Map all ${ADDRESS_COLUMNS.length} address columns (${ADDRESS_COLUMNS.join(', ')}): ConsCent takes the address whole, and the console does not know the parts a file leaves out.`;
  }
  if (fields.length === 0) return 'Map at least one field to change besides the user id.';
  return undefined;
}

function cellValue(field: BulkField, raw: string): string {
  const value = raw.trim();
  if (value.toLowerCase() === CLEAR_MARKER) return '';
  // The form's date input gives a day; it is sent as midnight UTC there, and here too.
  if (field === 'dateOfBirth' && DAY.test(value)) return `${value}T00:00:00.000Z`;
  return value;
}

export function checkRow(cells: RowCells): RowCheck {
  const errors: { column: BulkField | 'userId'; message: string }[] = [];
  const userId = cells.userId.trim();
  const id = ObjectId.safeParse(userId);
  if (!id.success)
    errors.push({ column: 'userId', message: userId === '' ? 'The user id is empty.' : (id.error.issues[0]?.message ?? 'Not a user id.') });

  const body: Record<string, unknown> = {};
  const address: Record<string, string> = {};
  let addressTouched = false;
  for (const [field, raw] of Object.entries(cells.fields) as [BulkField, string][]) {
    if (raw.trim() === '') continue;
    const value = cellValue(field, raw);
    if (field.startsWith('address.')) {
      addressTouched = true;
      continue;
    }
    if (value === '') {
      errors.push({ column: field, message: `ConsCent does not let ${field} be cleared: leave the cell empty to keep it as it is.` });
      continue;
    }
    body[field] = value;
  }
  if (addressTouched) {
    for (const column of ADDRESS_COLUMNS) address[column.slice('address.'.length)] = cellValue(column, cells.fields[column] ?? '');
    body.address = address;
  }
  if (Object.keys(body).length === 0 && errors.length === 0) {
    errors.push({ column: 'userId', message: 'Nothing to change on this row: every mapped cell is empty.' });
  }
  const parsed = UserChanges.safeParse(body);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const [field, part] = issue.path.map(String);
      const column = (field === 'address' && part ? `address.${part}` : field) as BulkField | undefined;
      if (column && !errors.some((e) => e.column === column)) errors.push({ column, message: issue.message });
    }
  }
  return errors.length > 0 || !parsed.success ? { ok: false, errors } : { ok: true, userId: userId.toLowerCase(), changes: parsed.data };
}

/** Headers that already say which field they hold ("email", "Address.City", "user id"). */
/** Headers taken as the row's own ticket or reason, compared lower-case without spaces or punctuation. */
export const TICKET_COLUMN_NAMES = ['ticket', 'reason', 'ticketorreason'] as const;

export function suggestMapping(
  columns: readonly string[],
  fields: readonly BulkField[],
): { userId?: string; fields: Partial<Record<BulkField, string>>; ticket?: string } {
  const plain = (text: string) => text.toLowerCase().replace(/[^a-z0-9.]/g, '');
  const byName = new Map(columns.map((column) => [plain(column), column]));
  const userId = byName.get('userid') ?? byName.get('id');
  const mapped: Partial<Record<BulkField, string>> = {};
  const used = new Set<string>(userId ? [userId] : []);
  for (const field of fields) {
    const found = byName.get(plain(field));
    if (found && !used.has(found)) {
      mapped[field] = found;
      used.add(found);
    }
  }
  // A "ticket" (or "reason", "ticket or reason") column holds each row's own ticket or reason.
  const ticket = TICKET_COLUMN_NAMES.map((name) => byName.get(name)).find((column) => column && !used.has(column));
  return { ...(userId ? { userId } : {}), fields: mapped, ...(ticket ? { ticket } : {}) };
}

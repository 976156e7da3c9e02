// What a spreadsheet (Excel, LibreOffice Calc, Google Sheets, Numbers) would run as a
// formula when it opens a CSV cell, and the one way to stop it: a leading ' (shown as text,
// and the cell reads as what was written). Exports hold what agents, readers and ConsCent
// wrote, so any of them could plant "=HYPERLINK(…)" or a DDE call (OWASP "CSV Injection").

/** The characters that start a formula, with their full-width forms (Numbers and Sheets fold those). */
const FORMULA_START = '=+\\-@\\uFF1D\\uFF0B\\uFF0D\\uFF20';
/**
 * Spreadsheets trim these before deciding whether a cell is a formula (a leading space,
 * tab, CR or LF, a quote the import strips, their full-width forms), so a formula start
 * behind any run of them counts too. \s covers the no-break, ideographic and other
 * Unicode spaces and the byte-order mark.
 */
const SKIPPED = `\\s"'\\uFF02\\uFF07`;
const RUNNABLE = new RegExp(`^[${SKIPPED}]*[${FORMULA_START}]`, 'u');
/** A cell starting with a tab or CR is escaped even with nothing after it (OWASP's list). */
const CONTROL_START = /^[\t\r]/;

/** True when a spreadsheet could run the cell as a formula. */
export function isRunnable(cell: string): boolean {
  return RUNNABLE.test(cell) || CONTROL_START.test(cell);
}

/** The cell as a spreadsheet shows it but never runs it. */
export function escapeFormula(cell: string): string {
  return isRunnable(cell) ? `'${cell}` : cell;
}

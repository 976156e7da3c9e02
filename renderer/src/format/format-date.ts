// Dates are shown as ISO-style text in UTC: agents in different places read the same
// value, nothing depends on the machine's locale, and ConsCent stores UTC anyway.

function parse(iso: string | null | undefined): Date | null {
  if (!iso) return null;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** "2025-05-08 09:09 UTC"; the raw text when it is not a date; null when absent. */
export function formatDateTime(iso: string | null | undefined): string | null {
  if (!iso) return null;
  const date = parse(iso);
  if (!date) return iso;
  return `${date.toISOString().slice(0, 10)} ${date.toISOString().slice(11, 16)} UTC`;
}

/** "2025-05-13" (the UTC calendar day); the raw text when it is not a date; null when absent. */
export function formatDay(iso: string | null | undefined): string | null {
  if (!iso) return null;
  const date = parse(iso);
  return date ? date.toISOString().slice(0, 10) : iso;
}

/** ISO date-time → value for <input type="date"> (UTC day), or '' when unknown/invalid. */
export function isoToDateInput(iso: string | null | undefined): string {
  const date = parse(iso);
  return date ? date.toISOString().slice(0, 10) : '';
}

/** <input type="date"> value → ISO date-time at midnight UTC, as the API expects. */
export function dateInputToIso(day: string): string {
  return day === '' ? '' : `${day}T00:00:00.000Z`;
}

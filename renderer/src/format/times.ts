// Every time and date the agent reads is formatted here (issue 22 item 2).
//
// Times are shown in the agent's own time zone with its name ("3 Dec 2026, 21:42 IST"):
// agents and readers are mostly on IST and a ticket says "yesterday evening", not a UTC
// minute. The UTC minute stays one hover away (utcTime, the title of <Time>), for
// comparing with ConsCent's own records. Day–month–year with a month name in words, in
// every locale: "03/12" is 3 December to one agent and 12 March to another.
//
// A date of birth is a calendar day, not a moment: ConsCent stores it as midnight UTC, so
// it is read as the UTC day (never shifted to the day before in New York), and it is typed
// and shown in the same form, "13 May 1990".
//
// Formatters are built per call, not at import: the zone is the machine's when the text is
// made (tests change it between files).

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

function parse(iso: string | null | undefined): Date | null {
  if (!iso) return null;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** "IST", "EST", "GMT", "UTC"; "GMT+4" only where no locale has a short name for the zone. */
function zoneName(date: Date): string {
  const nameIn = (locale: string | undefined) =>
    new Intl.DateTimeFormat(locale, { timeZoneName: 'short' }).formatToParts(date).find((part) => part.type === 'timeZoneName')?.value ?? '';
  // The agent's own locale first; then those that name the zones agents are in (en-IN knows
  // "IST", en-US the American zones, en-GB the European ones) rather than an offset.
  // (Read through globalThis: main's tests import renderer words where there is no navigator.)
  const agentLocale = (globalThis as { navigator?: { language?: string } }).navigator?.language;
  const candidates = [agentLocale, 'en-IN', 'en-US', 'en-GB'];
  let fallback = '';
  for (const locale of candidates) {
    let name = '';
    try {
      name = nameIn(locale);
    } catch {
      continue; // an unknown locale tag from the system
    }
    if (name && !/^(GMT|UTC)[+-−]/.test(name)) return name;
    fallback ||= name;
  }
  return fallback || 'local time';
}

/** "3 Dec 2026, 21:42 IST" in the agent's zone; the raw text when it is not a date; null when absent. */
export function localTime(iso: string | null | undefined): string | null {
  if (!iso) return null;
  const date = parse(iso);
  if (!date) return iso;
  const day = `${date.getDate()} ${MONTHS[date.getMonth()]} ${date.getFullYear()}`;
  return `${day}, ${pad(date.getHours())}:${pad(date.getMinutes())} ${zoneName(date)}`;
}

/** "2026-12-03 16:12 UTC", for the hover; the raw text when it is not a date; null when absent. */
export function utcTime(iso: string | null | undefined): string | null {
  if (!iso) return null;
  const date = parse(iso);
  if (!date) return iso;
  return `${date.toISOString().slice(0, 10)} ${date.toISOString().slice(11, 16)} UTC`;
}

/** "13 May 1990": the UTC calendar day of a date of birth; the raw text when it is not a date; null when absent. */
export function formatDay(iso: string | null | undefined): string | null {
  if (!iso) return null;
  const date = parse(iso);
  return date ? `${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}` : iso;
}

/** A stored date of birth → the text the form's field starts with ("13 May 1990"), or '' when unknown/invalid. */
export function isoToDayText(iso: string | null | undefined): string {
  return parse(iso) ? (formatDay(iso) ?? '') : '';
}

/** The typed day as [year, month 1–12, day], or null when it is not a real calendar day. */
function parseDayText(text: string): [number, number, number] | null {
  const t = text.trim().replace(/\s+/g, ' ');
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  let ymd: [number, number, number] | null = m ? [Number(m[1]), Number(m[2]), Number(m[3])] : null;
  // Day first, as the console shows dates: 13 May 1990, 13 may 1990, 13 May, 1990, 13/05/1990, 13.05.1990.
  m ??= /^(\d{1,2})[ ./-]([A-Za-z]{3,}|\d{1,2}),?[ ./-](\d{4})$/.exec(t);
  if (!ymd && m) {
    const monthText = (m[2] ?? '').toLowerCase();
    const month = /^\d+$/.test(monthText) ? Number(monthText) : MONTHS.findIndex((name) => monthText.startsWith(name.toLowerCase())) + 1;
    ymd = [Number(m[3]), month, Number(m[1])];
  }
  if (!ymd) return null;
  const [year, month, day] = ymd;
  const date = new Date(Date.UTC(year, month - 1, day));
  const real = month >= 1 && month <= 12 && date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  return real ? ymd : null;
}

/** The typed day → ISO date-time at midnight UTC, as the API expects; '' stays ''; text that is not a day comes back as typed (validation refuses it). */
export function dayTextToIso(text: string): string {
  if (text.trim() === '') return '';
  const ymd = parseDayText(text);
  return ymd ? `${ymd[0]}-${pad(ymd[1])}-${pad(ymd[2])}T00:00:00.000Z` : text.trim();
}

/** The typed day as "YYYY-MM-DD" (the History filter's days); '' stays ''; null when it is not a day. */
export function dayTextToYmd(text: string): string | null {
  if (text.trim() === '') return '';
  const ymd = parseDayText(text);
  return ymd ? `${ymd[0]}-${pad(ymd[1])}-${pad(ymd[2])}` : null;
}

/** "YYYY-MM-DD" → "13 May 1990"; '' stays ''. */
export function ymdToDayText(ymd: string): string {
  return ymd ? (formatDay(`${ymd}T00:00:00.000Z`) ?? ymd) : '';
}

/** The typed day in the one form dates are shown in ("13 May 1990"); as typed when it is not a day. */
export function normaliseDayText(text: string): string {
  const iso = dayTextToIso(text);
  return parse(iso) && iso.endsWith('T00:00:00.000Z') ? (formatDay(iso) ?? text.trim()) : text.trim();
}

/** <input type="date"> days (the agent's calendar days) → inclusive bounds as ISO instants, for the History filter. */
export function localDayBounds(fromDay: string, toDay: string): { from?: string; to?: string } {
  const at = (day: string, hours: number, minutes: number, seconds: number, ms: number) => {
    const [y, mo, d] = day.split('-').map(Number);
    return new Date(y ?? 0, (mo ?? 1) - 1, d ?? 1, hours, minutes, seconds, ms).toISOString();
  };
  return {
    ...(fromDay ? { from: at(fromDay, 0, 0, 0, 0) } : {}),
    ...(toDay ? { to: at(toDay, 23, 59, 59, 999) } : {}),
  };
}

/** An ISO instant → the agent's calendar day for <input type="date"> (History filter). */
export function localDayOf(iso: string | undefined): string {
  const date = parse(iso);
  return date ? `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` : '';
}

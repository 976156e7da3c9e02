// What the support log scrubs before anything is written. Callers are meant to pass only
// structured, non-secret fields; this is the second line of defence for when one slips:
// the exact secrets in use, HTTP credentials in any spelling, emails and phone numbers.

/** Field names whose values are never written, whatever they hold. */
export const SECRET_KEY_PATTERN = /secret|password|passwd|authori[sz]ation|apikey|api[-_]key|token|cookie|credential/i;

/** Secrets shorter than this are not searched for: replacing "ab" everywhere would wreck the log, and such keys cannot pass the contract anyway. */
export const MIN_SECRET_LENGTH = 4;

/** Longest string value kept; the rest is cut (at a word boundary, so no half email survives redaction). */
export const MAX_VALUE_CHARS = 2_000;

const AUTH_HEADER = /\b(authori[sz]ation|proxy-authorization)(["']?\s*[:=]\s*["']?)(?:(?:basic|bearer|digest|token)\s+)?[^\s"',;}]+/gi;
const AUTH_SCHEME = /\b(basic|bearer)\s+[A-Za-z0-9+/=._~-]{8,}/gi;
const URL_USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/@"']+@/gi;
const EMAIL = /[^\s@"'<>()[\]{},;:]+@[^\s@"'<>()[\]{},;:]+\.[^\s@"'<>()[\]{},;:]+/g;
// Eight or more digits with spaces, dashes or brackets between: also catches dates, which are personal data too.
const PHONE = /\+?\d[\d\s()-]{6,}\d/g;

/**
 * Returns `value` with credentials and personal data replaced by placeholders, cut to
 * MAX_VALUE_CHARS. Exact secrets are replaced before cutting, so a cut cannot leave
 * half a secret behind; the pattern rules run after it, on bounded text.
 */
export function redact(value: string, secrets: readonly string[] = []): string {
  let text = value;
  for (const secret of secrets) {
    if (typeof secret === 'string' && secret.length >= MIN_SECRET_LENGTH) text = text.split(secret).join('[redacted]');
  }
  if (text.length > MAX_VALUE_CHARS) {
    // Drop the token the cut went through: a partial email or number would not match below.
    text = `${text.slice(0, MAX_VALUE_CHARS).replace(/\S*$/, '')}…[truncated]`;
  }
  return text
    .replace(URL_USERINFO, '$1[redacted]@')
    .replace(AUTH_HEADER, '$1$2[redacted]')
    .replace(AUTH_SCHEME, '$1 [redacted]')
    .replace(EMAIL, '[email]')
    .replace(PHONE, '[phone]');
}

// What the support log scrubs before anything is written. Callers are meant to pass only
// structured, non-secret fields (the secrets in use never reach the logger: ConsCent's own
// messages are scrubbed of them by the client, keychain details by keychain-errors.ts);
// this is the second line of defence for when one slips: HTTP credentials in any
// spelling, emails and phone numbers, and whatever sits under a personal key (a name
// cannot be recognised by its shape).
// Identifiers are kept as they are: a support log that cannot name the reader or the
// connection an event was about is of no use to the person reading it.

/** Field names whose values are never written, whatever they hold. */
export const SECRET_KEY_PATTERN = /secret|password|passwd|authori[sz]ation|apikey|api[-_]key|token|cookie|credential/i;

/** Longest string value kept; the rest is cut (at a word boundary, so no half email survives redaction). */
export const MAX_VALUE_CHARS = 2_000;

const AUTH_HEADER = /\b(authori[sz]ation|proxy-authorization)(["']?\s*[:=]\s*["']?)(?:(?:basic|bearer|digest|token)\s+)?[^\s"',;}]+/gi;
const AUTH_SCHEME = /\b(basic|bearer)\s+[A-Za-z0-9+/=._~-]{8,}/gi;
const URL_USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/@"']+@/gi;
const EMAIL = /[^\s@"'<>()[\]{},;:]+@[^\s@"'<>()[\]{},;:]+\.[^\s@"'<>()[\]{},;:]+/g;
// A ConsCent user id (24 hex, with at least one letter so a long number is not one) or a
// UUID (connection ids). Matched first, so the phone rule below never eats their digits.
const ID_TOKEN = /\b(?:(?=[0-9a-f]{0,23}[a-f])[0-9a-f]{24}|[0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12})\b/i;
// Eight or more digits with spaces, dashes or brackets between: also catches dates, which are personal data too.
const PHONE = /\+?\d[\d\s()-]{6,}\d/;
const ID_OR_PHONE = new RegExp(`(${ID_TOKEN.source})|${PHONE.source}`, 'gi');
// `"key": value` inside free text (an API body quoted in a message): value a JSON string or a bare scalar.
const JSON_MEMBER = /("([A-Za-z0-9_.-]{1,64})"\s*:\s*)("(?:[^"\\]|\\.)*"|-?[\d.eE+]+)/g;

// Personal data by the words of a key (camelCase, snake_case, dotted or dashed), with the
// placeholder written in its place. Booleans such as isPhoneVerified are kept: a yes/no
// says nothing about the reader.
const PERSONAL_WORDS: ReadonlyMap<string, string> = new Map([
  ...['email', 'mail', 'emails'].map((w) => [w, '[email]'] as const),
  ...['phone', 'mobile', 'msisdn', 'telephone', 'phonenumber'].map((w) => [w, '[phone]'] as const),
  ...['name', 'firstname', 'lastname', 'fullname', 'username'].map((w) => [w, '[name]'] as const),
  ...['address', 'apartment', 'street', 'area', 'pincode', 'postcode', 'zip', 'zipcode', 'landmark', 'city', 'state'].map(
    (w) => [w, '[address]'] as const,
  ),
  ...['birth', 'dob', 'birthday', 'dateofbirth', 'gender'].map((w) => [w, '[personal]'] as const),
]);

function keyWords(key: string): string[] {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** The placeholder for a key that names personal data (email, phone, name, address…), else undefined. */
export function personalPlaceholder(key: string): string | undefined {
  for (const word of keyWords(key)) {
    const placeholder = PERSONAL_WORDS.get(word);
    if (placeholder) return placeholder;
  }
  return undefined;
}

/** A key that holds an identifier: id, userId, connectionId, user_id… */
export function isIdentifierKey(key: string): boolean {
  const words = keyWords(key);
  return words.at(-1) === 'id';
}

/**
 * A value shaped like one of the console's identifiers: a ConsCent user id, a UUID, or a
 * slug of letters, digits, "-" and "_" with at least one letter (a connection id, a Client
 * ID). All digits is never an id here: that is what a phone number looks like.
 */
export function looksLikeIdentifier(value: string): boolean {
  return new RegExp(`^${ID_TOKEN.source}$`, 'i').test(value) || /^(?=[\w-]*[A-Za-z])[\w-]{1,128}$/.test(value);
}

/**
 * Returns `value` with credentials and personal data replaced by placeholders, cut to
 * MAX_VALUE_CHARS first, so the pattern rules run on bounded text.
 */
export function redact(value: string): string {
  let text = value;
  if (text.length > MAX_VALUE_CHARS) {
    // Drop the token the cut went through: a partial email or number would not match below.
    text = `${text.slice(0, MAX_VALUE_CHARS).replace(/\S*$/, '')}…[truncated]`;
  }
  return text
    .replace(URL_USERINFO, '$1[redacted]@')
    .replace(AUTH_HEADER, '$1$2[redacted]')
    .replace(AUTH_SCHEME, '$1 [redacted]')
    .replace(JSON_MEMBER, (member: string, head: string, key: string) => {
      const placeholder = SECRET_KEY_PATTERN.test(key) ? '[redacted]' : personalPlaceholder(key);
      return placeholder ? `${head}"${placeholder}"` : member;
    })
    .replace(EMAIL, '[email]')
    .replace(ID_OR_PHONE, (match: string, id: string | undefined) => id ?? '[phone]');
}

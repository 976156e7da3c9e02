import { parsePhoneNumberFromString } from 'libphonenumber-js/min';
// zod's own email pattern (what z.email() checks), without zod's schema machinery: this
// parser runs on the page's first paint, and the schemas load only with the screens
// that need them (issue #12).
import { regexes } from 'zod/v4/core';
import { LOCAL_SEARCH_MAX, LOCAL_SEARCH_MIN } from './local-search-limits';
import { OBJECT_ID_PATTERN } from './object-id';

// One search box takes a userId, an email or a phone number. Both the renderer (to say
// what it understood while the agent types) and main (to decide which API call to make)
// use this one parser, so they can never disagree.

/** What the parser made of the search box: its own output, never read from outside, so a plain type. */
export type ParsedQuery =
  | { kind: 'userId'; userId: string }
  | { kind: 'email'; email: string }
  | {
      kind: 'phone';
      /** Digits without country code, as ConsCent stores `phone`. */
      phone: string;
      /** `+91` style, when the agent typed one. */
      countryCode?: string;
    };

/** `foundInText`: the value was found inside longer text (a pasted ticket), not typed alone. */
export type QueryParse = { ok: true; query: ParsedQuery; foundInText?: true } | { ok: false; message: string };

export function parseLookupQuery(raw: string): QueryParse {
  const alone = parseOneValue(raw);
  // Smart paste (issue #11): text with spaces or punctuation around the value, such as a
  // line pasted from a ticket, is searched for the first user id, else the first email,
  // else the first phone number in it.
  if (alone.ok || !looksLikeText(raw.trim())) return alone;
  const found = findInText(raw);
  if (found) return { ok: true, query: found, foundInText: true };
  return /\s/.test(raw.trim()) ? { ok: false, message: NOTHING_IN_TEXT } : alone;
}

export const NOTHING_IN_TEXT = 'No user id, email or phone number was found in this text. Type or paste just one of them.';

/** The value to search for, as the box would take it alone: what the page sends when the box holds a whole pasted text. */
export function lookupText(query: ParsedQuery): string {
  switch (query.kind) {
    case 'userId':
      return query.userId;
    case 'email':
      return query.email;
    case 'phone':
      return query.countryCode ? `${query.countryCode}${query.phone}` : query.phone;
  }
}

const MAX_TEXT = 10_000;
const looksLikeText = (input: string) => input.length > 254 || /[\s,;:<>()"'[\]]/.test(input.replace(/^\+?[\d\s().-]+$/, ''));

function findInText(raw: string): ParsedQuery | null {
  const text = raw.slice(0, MAX_TEXT);
  const id = /(?<![a-f0-9])[a-f0-9]{24}(?![a-f0-9])/i.exec(text);
  if (id) return { kind: 'userId', userId: id[0].toLowerCase() };
  for (const [candidate] of text.matchAll(/[\w.%+'-]+@[\w-]+(?:\.[\w-]+)+/g)) {
    const email = candidate.replace(/^[.'-]+|[.'-]+$/g, '');
    if (regexes.email.test(email)) return { kind: 'email', email: email.toLowerCase() };
  }
  for (const [candidate] of text.matchAll(/(?:\+|\b00)?\d[\d\s().-]{5,18}\d/g)) {
    // Dates and short reference numbers look like phone numbers; a phone has 7 digits or more.
    if (/^\d{1,4}[./-]\d{1,2}[./-]\d{1,4}$/.test(candidate) || candidate.replace(/\D/g, '').length < 7) continue;
    const parsed = parseOneValue(candidate);
    if (parsed.ok && parsed.query.kind === 'phone') return parsed.query;
  }
  return null;
}

function parseOneValue(raw: string): QueryParse {
  const input = raw.trim();
  if (input === '') return { ok: false, message: 'Type a user id, an email or a phone number.' };
  if (input.length > 254) return { ok: false, message: 'That is too long to be a user id, email or phone number.' };
  if (OBJECT_ID_PATTERN.test(input)) return { ok: true, query: { kind: 'userId', userId: input.toLowerCase() } };
  if (input.includes('@')) {
    return regexes.email.test(input)
      ? { ok: true, query: { kind: 'email', email: input.toLowerCase() } }
      : { ok: false, message: `"${input}" looks like an email address but is not a valid one.` };
  }
  const compact = input.replace(/[\s().-]/g, '');
  if (/^(\+|00)\d{6,18}$/.test(compact)) {
    const international = compact.startsWith('00') ? `+${compact.slice(2)}` : compact;
    const parsed = parsePhoneNumberFromString(international);
    if (!parsed) return { ok: false, message: `"${input}" does not start with a known country code.` };
    return {
      ok: true,
      query: { kind: 'phone', phone: String(parsed.nationalNumber), countryCode: `+${parsed.countryCallingCode}` },
    };
  }
  if (/^\d{4,15}$/.test(compact)) return { ok: true, query: { kind: 'phone', phone: compact } };
  if (/^[a-f0-9]+$/i.test(input)) {
    return { ok: false, message: `A user id is 24 hexadecimal characters; this one has ${input.length}.` };
  }
  return { ok: false, message: `"${input}" is not a user id, an email or a phone number.` };
}

/**
 * The text to look for among the readers this computer has worked with (issue 22.5), when
 * the box holds no user id, email or phone number that ConsCent could be searched by: a
 * name, part of one, or part of an email ("priya@exa", "sharma"). Null when ConsCent can
 * take it, or when it is plainly a mistyped identifier (digits, a part of a user id with
 * digits in it), whose own message helps more.
 */
export function localSearchText(raw: string, parsed: QueryParse = parseLookupQuery(raw)): string | null {
  if (parsed.ok) return null;
  const text = raw.trim().replace(/\s+/g, ' ');
  if (text.length < LOCAL_SEARCH_MIN || text.length > LOCAL_SEARCH_MAX) return null;
  if (!/\p{L}/u.test(text)) return null;
  if (/^[a-f0-9]+$/i.test(text) && /\d/.test(text)) return null;
  return text;
}

export function describeQuery(query: ParsedQuery): string {
  switch (query.kind) {
    case 'userId':
      return `user id ${query.userId}`;
    case 'email':
      return `email ${query.email}`;
    case 'phone':
      return query.countryCode ? `phone ${query.countryCode} ${query.phone}` : `phone ${query.phone} (no country code)`;
  }
}

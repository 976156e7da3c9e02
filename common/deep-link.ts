import { TicketOrReason } from './history-schemas';
import { parseLookupQuery } from './lookup-query';

// Links that open a reader straight from a ticket: conscent-console://reader?email=…
// (or ?userId=…, ?phone=…), optionally &connection=<name>. In the way GitHub Desktop's
// parseAppURL turns its x-github-client:// links into typed actions, this one pure
// function turns a link into a typed action or says why it refuses it; main calls it on
// every link the OS hands over, and nothing else reads a link. A link only ever asks for
// a lookup: there is no action that changes data, so a link in a ticket cannot either.
// &ticket=<ticket or reason> only pre-fills the review's "Ticket or reason" field (issue
// 20.1): the agent still reads it, may change it, and sends nothing unless they choose to.

export const DEEP_LINK_SCHEME = 'conscent-console';

/** The lookup a link asks for: the value goes into the search box as it is. */
export type ReaderLink = {
  kind: 'userId' | 'email' | 'phone';
  value: string;
  /** The connection the link names (matched by name); absent: the active one. */
  connection?: string;
  /** Pre-fills the review's "Ticket or reason" field; checked as that field is (TicketOrReason). */
  ticket?: string;
};

export const LINK_REFUSALS = [
  /** Not a conscent-console:// URL at all, or not a URL. */
  'not-a-link',
  /** Longer than any real link (a ticket macro's link is well under this). */
  'too-long',
  /** conscent-console://<something other than reader>. */
  'unknown-action',
  /** None of userId, email, phone. */
  'no-reader',
  /** More than one of userId, email, phone, or one of them twice. */
  'several-readers',
  /** A parameter this console does not know (say, one that would change data). */
  'unknown-parameter',
  /** userId, email or phone is there but is not a valid one. */
  'bad-value',
  /** connection= is empty, too long or given twice. */
  'bad-connection',
  /** ticket= is empty, given twice, or not a valid ticket or reason (two lines, too long, control characters). */
  'bad-ticket',
] as const;
export type LinkRefusal = (typeof LINK_REFUSALS)[number];

export type LinkParse = { ok: true; link: ReaderLink } | { ok: false; reason: LinkRefusal; parameter?: string };

export const MAX_LINK_LENGTH = 2048;
const MAX_CONNECTION_NAME = 80;
const READER_KEYS = ['userId', 'email', 'phone'] as const;
const KNOWN_KEYS = new Set<string>([...READER_KEYS, 'connection', 'ticket']);

export function parseReaderLink(raw: string): LinkParse {
  if (raw.length > MAX_LINK_LENGTH) return { ok: false, reason: 'too-long' };
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return { ok: false, reason: 'not-a-link' };
  }
  if (url.protocol !== `${DEEP_LINK_SCHEME}:`) return { ok: false, reason: 'not-a-link' };
  // conscent-console://reader?… and …://reader/?… (some ticket tools add the slash).
  if (url.hostname.toLowerCase() !== 'reader' || (url.pathname !== '' && url.pathname !== '/') || url.username || url.password || url.port) {
    return { ok: false, reason: 'unknown-action' };
  }

  const params = [...url.searchParams];
  const unknown = params.find(([key]) => !KNOWN_KEYS.has(key));
  if (unknown) return { ok: false, reason: 'unknown-parameter', parameter: unknown[0].slice(0, 40) };
  const readers = params.filter(([key]) => (READER_KEYS as readonly string[]).includes(key));
  if (readers.length === 0) return { ok: false, reason: 'no-reader' };
  if (readers.length > 1) return { ok: false, reason: 'several-readers' };

  const [key] = readers[0] as [ReaderLink['kind'], string];
  // Decoded without the form rule that turns + into a space: ticket tools rarely encode
  // the + of a phone's country code or of an address like a+b@x.in (%20 is still a space).
  const value = rawParam(url, key);
  if (value === null) return { ok: false, reason: 'bad-value', parameter: key };
  const parsed = parseLookupQuery(value);
  // The value alone, never one found inside longer text (smart paste is for the search box).
  if (!parsed.ok || parsed.foundInText || parsed.query.kind !== key || value.trim() !== value || value.length > 254) {
    return { ok: false, reason: 'bad-value', parameter: key };
  }

  const connections = url.searchParams.getAll('connection');
  if (connections.length > 1) return { ok: false, reason: 'bad-connection' };
  const connection = connections[0]?.trim();
  if (connection !== undefined && (connection === '' || connection.length > MAX_CONNECTION_NAME)) {
    return { ok: false, reason: 'bad-connection' };
  }
  const ticket = linkTicket(url);
  if (ticket === null) return { ok: false, reason: 'bad-ticket' };
  return {
    ok: true,
    link: { kind: key, value, ...(connection !== undefined ? { connection } : {}), ...(ticket !== undefined ? { ticket } : {}) },
  };
}

/**
 * The ticket a link pre-fills: undefined when it names none, null when it is refused.
 * Decoded as a form value (+ is a space: ticket tools encode "SUP-12 refund" that way);
 * held to the field's own schema, and the link is refused rather than the text cut.
 */
function linkTicket(url: URL): string | undefined | null {
  const given = url.search
    .slice(1)
    .split('&')
    .filter((part) => part.split('=')[0] === 'ticket');
  const named = url.searchParams.getAll('ticket').length;
  if (named === 0) return undefined;
  // Twice, or once under an encoded name (tick%65t=) the strict reading cannot see.
  if (named > 1 || given.length !== 1) return null;
  let text: string;
  try {
    // Strict decoding: a broken %-sequence is refused, not turned into �.
    text = decodeURIComponent((given[0] ?? '').slice('ticket='.length).replace(/\+/g, ' '));
  } catch {
    return null;
  }
  const checked = TicketOrReason.safeParse(text);
  return checked.success && checked.data !== '' ? checked.data : null;
}

function rawParam(url: URL, key: string): string | null {
  const pair = url.search
    .slice(1)
    .split('&')
    .find((part) => part.split('=')[0] === key);
  try {
    return decodeURIComponent(pair?.slice(key.length + 1) ?? '');
  } catch {
    return null;
  }
}

/** The link that opens this reader, for "Copy link to this reader" (by user id: it never changes). */
export function readerLinkFor(userId: string, connection?: string, ticket?: string): string {
  const params = new URLSearchParams({ userId });
  if (connection !== undefined) params.set('connection', connection);
  if (ticket !== undefined) params.set('ticket', ticket);
  return `${DEEP_LINK_SCHEME}://reader?${params.toString()}`;
}

/** The first argument that is one of our links, as the OS passes it on Windows and Linux. */
export function linkInArgv(argv: readonly string[]): string | undefined {
  return argv.find((arg) => arg.toLowerCase().startsWith(`${DEEP_LINK_SCHEME}:`));
}

import { describe, expect, it } from 'vitest';
import { linkInArgv, parseReaderLink, readerLinkFor, type LinkParse } from '../../common/deep-link';

// The one parser of conscent-console:// links (issue #11): every link the OS hands the
// console goes through it, so this table is what a ticket's link can and cannot do.

const ID = '5f92a62013332e0f667794dc';

const accepted: Array<[string, LinkParse]> = [
  [`conscent-console://reader?userId=${ID}`, { ok: true, link: { kind: 'userId', value: ID } }],
  [`conscent-console://reader/?userId=${ID}`, { ok: true, link: { kind: 'userId', value: ID } }],
  ['conscent-console://reader?email=asha%40example.com', { ok: true, link: { kind: 'email', value: 'asha@example.com' } }],
  ['conscent-console://reader?email=asha@example.com', { ok: true, link: { kind: 'email', value: 'asha@example.com' } }],
  // Unencoded + in an email (Zendesk's {{ticket.requester.email}} is not encoded).
  ['conscent-console://reader?email=shivamdubey+kljo@conscent.ai', { ok: true, link: { kind: 'email', value: 'shivamdubey+kljo@conscent.ai' } }],
  ['conscent-console://reader?phone=9876543210', { ok: true, link: { kind: 'phone', value: '9876543210' } }],
  ['conscent-console://reader?phone=%2B919876543210', { ok: true, link: { kind: 'phone', value: '+919876543210' } }],
  // An unencoded + (what most ticket macros produce) is the country code's +, not a space.
  ['conscent-console://reader?phone=+919876543210', { ok: true, link: { kind: 'phone', value: '+919876543210' } }],
  [
    'conscent-console://reader?email=asha%40example.com&connection=Sandbox%20India',
    { ok: true, link: { kind: 'email', value: 'asha@example.com', connection: 'Sandbox India' } },
  ],
  ['CONSCENT-CONSOLE://READER?email=a%40b.co', { ok: true, link: { kind: 'email', value: 'a@b.co' } }],
  // ticket= pre-fills the review's "Ticket or reason" (issue 20.1); + and %20 are spaces there.
  [
    `conscent-console://reader?userId=${ID}&ticket=SUP-4411+refund%20asked`,
    { ok: true, link: { kind: 'userId', value: ID, ticket: 'SUP-4411 refund asked' } },
  ],
  [
    `conscent-console://reader?email=a%40b.co&ticket=%20%20https%3A%2F%2Fdesk.example.com%2Ft%2F12%20%20`,
    { ok: true, link: { kind: 'email', value: 'a@b.co', ticket: 'https://desk.example.com/t/12' } },
  ],
];

const refused: Array<[string, string, string?]> = [
  ['', 'not-a-link'],
  ['not a url', 'not-a-link'],
  [`https://reader?userId=${ID}`, 'not-a-link'],
  [`x-github-client://reader?userId=${ID}`, 'not-a-link'],
  [`conscent-console://reader?userId=${ID}&pad=${'x'.repeat(2100)}`, 'too-long'],
  [`conscent-console://update?userId=${ID}`, 'unknown-action'],
  [`conscent-console://reader/edit?userId=${ID}`, 'unknown-action'],
  [`conscent-console://user:pass@reader?userId=${ID}`, 'unknown-action'],
  [`conscent-console://reader:8080?userId=${ID}`, 'unknown-action'],
  ['conscent-console://reader', 'no-reader'],
  ['conscent-console://reader?connection=Production', 'no-reader'],
  [`conscent-console://reader?userId=${ID}&email=a%40b.co`, 'several-readers'],
  [`conscent-console://reader?userId=${ID}&userId=${ID}`, 'several-readers'],
  // A link only looks a reader up: anything that reads like a change is refused whole.
  [`conscent-console://reader?userId=${ID}&phoneNew=1234567890`, 'unknown-parameter', 'phoneNew'],
  [`conscent-console://reader?userId=${ID}&name=Mallory`, 'unknown-parameter', 'name'],
  ['conscent-console://reader?userId=123', 'bad-value', 'userId'],
  ['conscent-console://reader?userId=asha%40example.com', 'bad-value', 'userId'],
  ['conscent-console://reader?email=not-an-email', 'bad-value', 'email'],
  ['conscent-console://reader?email=hello%20asha%40example.com', 'bad-value', 'email'],
  ['conscent-console://reader?email=%20a%40b.co', 'bad-value', 'email'],
  [`conscent-console://reader?email=${ID}`, 'bad-value', 'email'],
  ['conscent-console://reader?phone=call%20me', 'bad-value', 'phone'],
  ['conscent-console://reader?phone=', 'bad-value', 'phone'],
  [`conscent-console://reader?userId=${ID}&connection=`, 'bad-connection'],
  [`conscent-console://reader?userId=${ID}&connection=%20%20`, 'bad-connection'],
  [`conscent-console://reader?userId=${ID}&connection=${'n'.repeat(81)}`, 'bad-connection'],
  [`conscent-console://reader?userId=${ID}&connection=A&connection=B`, 'bad-connection'],
  // A ticket is held to the review field's own rule, and refused whole rather than cut.
  [`conscent-console://reader?userId=${ID}&ticket=`, 'bad-ticket'],
  [`conscent-console://reader?userId=${ID}&ticket=%20+%20`, 'bad-ticket'],
  [`conscent-console://reader?userId=${ID}&ticket=A&ticket=B`, 'bad-ticket'],
  [`conscent-console://reader?userId=${ID}&ticket=${'t'.repeat(201)}`, 'bad-ticket'],
  [`conscent-console://reader?userId=${ID}&ticket=SUP-1%0Aapproved+by+admin`, 'bad-ticket'],
  [`conscent-console://reader?userId=${ID}&ticket=SUP-1%00`, 'bad-ticket'],
  [`conscent-console://reader?userId=${ID}&ticket=SUP-1%1B%5B31m`, 'bad-ticket'],
  // A right-to-left override would make the ticket read differently in History and exports.
  [`conscent-console://reader?userId=${ID}&ticket=SUP-%E2%80%AE1234`, 'bad-ticket'],
  [`conscent-console://reader?userId=${ID}&ticket=%E0%A4`, 'bad-ticket'],
  // A ticket with no reader is still no lookup.
  ['conscent-console://reader?ticket=SUP-1', 'no-reader'],
];

describe('parseReaderLink', () => {
  it.each(accepted)('%s opens a lookup', (url, expected) => {
    expect(parseReaderLink(url)).toEqual(expected);
  });

  it.each(refused)('%s is refused: %s', (url, reason, parameter) => {
    expect(parseReaderLink(url)).toEqual({ ok: false, reason, ...(parameter ? { parameter } : {}) });
  });

  it('reads back the link it makes for "Copy link to this reader"', () => {
    expect(parseReaderLink(readerLinkFor(ID))).toEqual({ ok: true, link: { kind: 'userId', value: ID } });
    expect(parseReaderLink(readerLinkFor(ID, 'Prod & Co'))).toEqual({ ok: true, link: { kind: 'userId', value: ID, connection: 'Prod & Co' } });
    expect(parseReaderLink(readerLinkFor(ID, undefined, 'SUP-9 a+b & c'))).toEqual({
      ok: true,
      link: { kind: 'userId', value: ID, ticket: 'SUP-9 a+b & c' },
    });
  });
});

describe('linkInArgv', () => {
  it('finds the link Windows and Linux pass as an argument, and nothing else', () => {
    expect(linkInArgv(['/opt/ConsCent Console/conscent-console', '--no-sandbox', `conscent-console://reader?userId=${ID}`])).toBe(
      `conscent-console://reader?userId=${ID}`,
    );
    expect(linkInArgv(['/opt/ConsCent Console/conscent-console', '--flag'])).toBeUndefined();
  });
});

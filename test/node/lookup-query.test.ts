import { describe, expect, it } from 'vitest';
import { describeQuery, lookupText, parseLookupQuery } from '../../common/lookup-query';

// The one search box: what the console understands each input to be. Main and the
// renderer both use this parser, so this table is what the agent gets on either side.

describe('parseLookupQuery', () => {
  it.each([
    ['681c74b2333e169d16a7e58b', { kind: 'userId', userId: '681c74b2333e169d16a7e58b' }],
    ['  681C74B2333E169D16A7E58B ', { kind: 'userId', userId: '681c74b2333e169d16a7e58b' }],
    ['Asha@Example.IN', { kind: 'email', email: 'asha@example.in' }],
    ['+91 90000 11111', { kind: 'phone', phone: '9000011111', countryCode: '+91' }],
    ['0091 90000-11111', { kind: 'phone', phone: '9000011111', countryCode: '+91' }],
    ['+1 (415) 555-0100', { kind: 'phone', phone: '4155550100', countryCode: '+1' }],
    ['90000 11111', { kind: 'phone', phone: '9000011111' }],
    ['9000011111', { kind: 'phone', phone: '9000011111' }],
  ])('%j → %j', (input, query) => {
    expect(parseLookupQuery(input)).toEqual({ ok: true, query });
  });

  it.each([
    ['', 'Type a user id'],
    ['   ', 'Type a user id'],
    ['asha@', 'not a valid one'],
    ['681c74b2333e', 'this one has 12'],
    ['hello there', 'No user id, email or phone number was found in this text'],
    ['hello', 'is not a user id, an email or a phone number'],
    ['x'.repeat(255), 'too long'],
  ])('%j is refused, saying %j', (input, words) => {
    const parsed = parseLookupQuery(input);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toContain(words);
  });
});

describe('describeQuery', () => {
  it.each([
    [{ kind: 'userId', userId: 'abc' }, 'user id abc'],
    [{ kind: 'email', email: 'a@b.in' }, 'email a@b.in'],
    [{ kind: 'phone', phone: '9000011111', countryCode: '+91' }, 'phone +91 9000011111'],
    [{ kind: 'phone', phone: '9000011111' }, 'phone 9000011111 (no country code)'],
  ] as const)('%j → %s', (query, words) => {
    expect(describeQuery(query)).toBe(words);
  });
});

describe('smart paste: the first user id, else email, else phone in pasted text (issue 11)', () => {
  it.each([
    ['Hi team, reader asha.k@example.in says her phone changed. Thanks', { kind: 'email', email: 'asha.k@example.in' }],
    ['From: "Asha K" <Asha.K@Example.in>\nSubject: phone', { kind: 'email', email: 'asha.k@example.in' }],
    ['Ticket #48213 (2024-05-01): user 681c74b2333e169d16a7e58b, email asha@example.in', { kind: 'userId', userId: '681c74b2333e169d16a7e58b' }],
    ['Please call me on +91 90000 11111 today', { kind: 'phone', phone: '9000011111', countryCode: '+91' }],
    ['Ticket #48213 opened 01/05/2024, reader phone 90000 11111.', { kind: 'phone', phone: '9000011111' }],
    [`${'ticket text '.repeat(40)} asha@example.in`, { kind: 'email', email: 'asha@example.in' }],
  ])('%j → %j', (input, query) => {
    expect(parseLookupQuery(input)).toEqual({ ok: true, query, foundInText: true });
  });

  it('finds nothing in text without one, and says so', () => {
    expect(parseLookupQuery('Ticket #48213 opened 2024-05-01, please help')).toEqual({
      ok: false,
      message: 'No user id, email or phone number was found in this text. Type or paste just one of them.',
    });
  });

  it('a value typed alone is not "found in text"', () => {
    expect(parseLookupQuery('asha@example.in')).toEqual({ ok: true, query: { kind: 'email', email: 'asha@example.in' } });
  });

  it.each(['681c74b2333e169d16a7e58b', 'asha@example.in', '+91 90000 11111', '90000 11111'])(
    'lookupText(%j) is searched as the same value',
    (value) => {
      const first = parseLookupQuery(value);
      if (!first.ok) throw new Error('expected a value');
      expect(parseLookupQuery(lookupText(first.query))).toEqual(first);
    },
  );
});

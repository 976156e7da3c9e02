import { describe, expect, it } from 'vitest';
import { describeQuery, parseLookupQuery } from '../../common/lookup-query';

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
    ['hello there', 'is not a user id, an email or a phone number'],
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

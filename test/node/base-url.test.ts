import { describe, expect, it } from 'vitest';
import { ConnectionFields } from '../../common/connections-contract';
import { baseUrlProblem } from '../../common/environments';

// A connection's base URL (issue 8, item 5): a bare "?" or "#" used to pass (the URL
// parser drops an empty query, so url.search was '') and then moved every request to
// another path; what is stored is the URL as the parser reads it.

const connection = (baseUrl: string) => ({ name: 'Sandbox', environment: 'custom', baseUrl, clientId: 'client-1' });

describe('base URLs with a query or fragment', () => {
  it.each([
    'https://sandbox-api.conscent.in/api/v1?',
    'https://sandbox-api.conscent.in/api/v1#',
    'https://sandbox-api.conscent.in/api/v1?#',
    'https://sandbox-api.conscent.in/api/v1/?',
    'https://sandbox-api.conscent.in/api/v1?clientId=1',
    'https://sandbox-api.conscent.in/api/v1#/client',
    'http://127.0.0.1:4010/api/v1?',
  ])('%s is refused with a message that says what to remove', (url) => {
    expect(baseUrlProblem(url)).toBe(
      'The base URL must not contain "?" or "#": remove them and anything after them (e.g. https://api.conscent.in/api/v1).',
    );
    const parsed = ConnectionFields.safeParse(connection(url));
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([['baseUrl', baseUrlProblem(url)]]);
  });

  it('a plain base URL still passes', () => {
    expect(baseUrlProblem('https://sandbox-api.conscent.in/api/v1')).toBeUndefined();
    expect(baseUrlProblem('http://127.0.0.1:4010/api/v1')).toBeUndefined();
  });
});

describe('the stored base URL is the normalised one', () => {
  it.each([
    ['HTTPS://Sandbox-API.ConsCent.in:443/api/v1/', 'https://sandbox-api.conscent.in/api/v1'],
    ['https://sandbox-api.conscent.in/api/./beta/../v1', 'https://sandbox-api.conscent.in/api/v1'],
    ['  https://sandbox-api.conscent.in/api/v1//  ', 'https://sandbox-api.conscent.in/api/v1'],
    ['http://LOCALHOST:4010/api/v1', 'http://localhost:4010/api/v1'],
    ['https://sandbox-api.conscent.in/api v1', 'https://sandbox-api.conscent.in/api%20v1'],
    ['https://sandbox-api.conscent.in', 'https://sandbox-api.conscent.in'],
  ])('%s is stored as %s', (typed, stored) => {
    const parsed = ConnectionFields.parse(connection(typed));
    expect(parsed.baseUrl).toBe(stored);
    // Stable: saving the stored value again changes nothing.
    expect(ConnectionFields.parse(connection(stored)).baseUrl).toBe(stored);
  });
});

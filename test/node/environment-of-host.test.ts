// Issue #8 item 3: what the console shows follows the base URL's host, never the
// connection's name or preset. One pure function decides it for main and renderer.
import { describe, expect, it } from 'vitest';
import { environmentOfHost, presetProblem } from '../../common/environment-of-host';
import type { Environment } from '../../common/environments';

describe('environmentOfHost', () => {
  it.each([
    ['https://api.conscent.in/api/v1', 'production', 'api.conscent.in'],
    ['https://API.ConsCent.in/api/v2', 'production', 'api.conscent.in'],
    ['https://api.conscent.in./api/v1', 'production', 'api.conscent.in.'],
    ['https://api.conscent.in:8443/api/v1', 'production', 'api.conscent.in:8443'],
    ['https://sandbox-api.conscent.in/api/v1', 'sandbox', 'sandbox-api.conscent.in'],
    ['http://127.0.0.1:4010/api/v1', 'local', '127.0.0.1:4010'],
    ['http://127.8.9.10:4010', 'local', '127.8.9.10:4010'],
    ['http://localhost:4010/api/v1', 'local', 'localhost:4010'],
    ['http://[::1]:4010/api/v1', 'local', '[::1]:4010'],
    ['https://api.partner.test/v1', 'custom', 'api.partner.test'],
    ['https://api.conscent.in.evil.test/api/v1', 'custom', 'api.conscent.in.evil.test'],
    ['https://demo-api.conscent.in/api/v1', 'custom', 'demo-api.conscent.in'],
    ['not a url', 'custom', 'not a url'],
  ])('%s → %s (%s)', (baseUrl, kind, host) => {
    expect(environmentOfHost(baseUrl)).toEqual({ kind, host });
  });
});

describe('presetProblem', () => {
  it.each<[Environment, string, boolean]>([
    ['production', 'https://api.conscent.in/api/v1', false],
    ['production', 'https://api.conscent.in/api/v2', false],
    ['sandbox', 'https://sandbox-api.conscent.in/api/v1', false],
    ['sandbox', 'https://api.conscent.in/api/v1', true],
    ['production', 'http://127.0.0.1:4010/api/v1', true],
    ['production', 'https://sandbox-api.conscent.in/api/v1', true],
    ['sandbox', 'https://api.partner.test/v1', true],
    ['custom', 'https://api.conscent.in/api/v1', false],
    ['custom', 'http://localhost:4010/api/v1', false],
  ])('%s with %s: contradiction %s', (environment, baseUrl, contradicts) => {
    const problem = presetProblem(environment, baseUrl);
    if (!contradicts) {
      expect(problem).toBeUndefined();
      return;
    }
    // Names the host it points at and what to choose instead.
    expect(problem).toContain(new URL(baseUrl).host);
    expect(problem).toMatch(/Choose/);
  });
});

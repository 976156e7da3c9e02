import { describe, expect, it, vi } from 'vitest';
import { developmentCsp, productionCsp } from '../../main/window/content-security-policy';
import { parseCsp } from '../helpers/parse-csp';
import { installDevServerCsp, withCspHeader, type WebRequestLike } from '../../main/window/dev-server-csp';

const EXPECTED_PRODUCTION = {
  'default-src': ["'none'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'"],
  'connect-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
  'frame-ancestors': ["'none'"],
  'object-src': ["'none'"],
};

// Anything that names a place to load from other than the page itself or data: images.
function remoteSources(policy: string): string[] {
  return Object.values(parseCsp(policy))
    .flat()
    .filter((source) => !["'self'", "'none'", 'data:'].includes(source));
}

describe('production CSP', () => {
  const policy = productionCsp();

  it('has exactly the expected directives', () => {
    expect(parseCsp(policy)).toEqual(EXPECTED_PRODUCTION);
  });

  it('allows no eval, no inline code and no remote host', () => {
    expect(policy).not.toMatch(/unsafe-eval|wasm-unsafe-eval|unsafe-inline|unsafe-hashes/);
    expect(remoteSources(policy)).toEqual([]);
    expect(policy).not.toMatch(/\*|https?:|wss?:/);
  });
});

describe('development CSP', () => {
  it('adds only the dev server’s HMR websocket, derived from its URL', () => {
    const directives = parseCsp(developmentCsp('http://localhost:5173'));
    expect(directives['connect-src']).toEqual(["'self'", 'ws://localhost:5173']);
    expect(parseCsp(developmentCsp('https://127.0.0.1:4000/'))['connect-src']).toEqual(["'self'", 'wss://127.0.0.1:4000']);
  });

  it('allows inline scripts and styles for Vite’s injected preamble and styles, but never eval', () => {
    const policy = developmentCsp('http://localhost:5173');
    const directives = parseCsp(policy);
    expect(directives['script-src']).toEqual(["'self'", "'unsafe-inline'"]);
    expect(directives['style-src']).toEqual(["'self'", "'unsafe-inline'"]);
    expect(policy).not.toContain('unsafe-eval');
  });

  it('keeps every other directive as in production', () => {
    const dev = parseCsp(developmentCsp('http://localhost:5173'));
    for (const [name, sources] of Object.entries(EXPECTED_PRODUCTION)) {
      if (['connect-src', 'script-src', 'style-src'].includes(name)) continue;
      expect(dev[name]).toEqual(sources);
    }
    expect(Object.keys(dev).sort()).toEqual(Object.keys(EXPECTED_PRODUCTION).sort());
  });

  it('refuses a dev server URL that is not http(s)', () => {
    expect(() => developmentCsp('file:///tmp/index.html')).toThrow();
    expect(() => developmentCsp('not a url')).toThrow();
  });
});

describe('parseCsp', () => {
  it('refuses a policy that names a directive twice', () => {
    expect(() => parseCsp("script-src 'self'; script-src *")).toThrow(/twice/);
  });
});

describe('dev server CSP header', () => {
  function fakeWebRequest() {
    let registered: { filter: { urls: string[] }; listener: Parameters<WebRequestLike['onHeadersReceived']>[1] } | undefined;
    const webRequest: WebRequestLike = {
      onHeadersReceived: (filter, listener) => {
        registered = { filter, listener };
      },
    };
    const respond = (url: string, responseHeaders?: Record<string, string | string[]>) => {
      const callback = vi.fn();
      registered?.listener({ url, responseHeaders }, callback);
      return callback.mock.calls[0]?.[0];
    };
    return { webRequest, respond, filter: () => registered?.filter };
  }

  it('replaces any policy header with ours and keeps the other headers', () => {
    const headers = withCspHeader({ 'content-security-policy': ['default-src *'], 'Content-Type': ['text/html'] }, 'X');
    expect(headers).toEqual({ 'Content-Type': ['text/html'], 'Content-Security-Policy': ['X'] });
  });

  it('sets the policy on responses from the dev server origin only', () => {
    const fake = fakeWebRequest();
    installDevServerCsp(fake.webRequest, 'http://localhost:5173', 'POLICY');

    expect(fake.filter()).toEqual({ urls: ['http://localhost:5173/*'] });
    expect(fake.respond('http://localhost:5173/', { 'Content-Type': ['text/html'] })).toEqual({
      responseHeaders: { 'Content-Type': ['text/html'], 'Content-Security-Policy': ['POLICY'] },
    });
    expect(fake.respond('http://localhost:5174/')).toEqual({});
    expect(fake.respond('https://evil.example/')).toEqual({});
  });
});

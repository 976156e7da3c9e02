import { describe, expect, it } from 'vitest';
import { ProxySetting, ProxyUrl } from '../../common/network-settings';
import { ApiError } from '../../main/conscent/api-error';
import { parsePacResult, routeFor } from '../../main/network/proxy-route';

// Reading what the system (PAC, WPAD, desktop settings) answers for a URL, and the
// connection's own proxy setting, as the console's route (issue 13).

describe('a PAC answer', () => {
  it.each([
    ['DIRECT', { kind: 'direct' }],
    ['', { kind: 'direct' }],
    ['PROXY proxy.corp:8080', { kind: 'proxy', label: 'proxy.corp:8080' }],
    ['PROXY proxy.corp:8080; DIRECT', { kind: 'proxy', label: 'proxy.corp:8080' }],
    ['HTTPS secure.corp:443', { kind: 'proxy', label: 'secure.corp' }],
    ['SOCKS5 s.corp:1080; PROXY p.corp:3128', { kind: 'proxy', label: 'p.corp:3128' }],
    ['SOCKS s.corp:1080; DIRECT', { kind: 'direct' }],
  ])('%j → %j', (pac, route) => {
    expect(parsePacResult(pac, 'api.conscent.in')).toMatchObject(route);
  });

  it('an https proxy is reached over TLS; a plain one over http', () => {
    const https = parsePacResult('HTTPS secure.corp:8443', 'h');
    expect(https.kind === 'proxy' && https.url.protocol).toBe('https:');
    const http = parsePacResult('PROXY p.corp:3128', 'h');
    expect(http.kind === 'proxy' && http.url.protocol).toBe('http:');
  });

  it('only SOCKS is an error that names what the system said', () => {
    expect(() => parsePacResult('SOCKS5 s.corp:1080', 'api.conscent.in')).toThrow(ApiError);
    try {
      parsePacResult('SOCKS5 s.corp:1080', 'api.conscent.in');
    } catch (error) {
      expect((error as ApiError).facts).toMatchObject({ kind: 'network', reason: 'proxy-unsupported', proxy: 'SOCKS5 s.corp:1080' });
    }
  });

  it('a system that cannot answer (a PAC script that fails) means direct, as in Chromium', async () => {
    const route = await routeFor(new URL('https://api.conscent.in/api/v1'), undefined, {
      resolveProxy: () => Promise.reject(new Error('PAC failed')),
      systemCertificates: () => [],
    });
    expect(route).toEqual({ kind: 'direct' });
  });
});

describe('the proxy setting of a connection', () => {
  it('a manual proxy may be typed as host:port or URL, and is kept as one origin', () => {
    expect(ProxyUrl.parse('proxy.corp:8080')).toBe('http://proxy.corp:8080');
    expect(ProxyUrl.parse(' http://Proxy.Corp:80/ ')).toBe('http://proxy.corp');
    expect(ProxyUrl.parse('https://proxy.corp:8443')).toBe('https://proxy.corp:8443');
  });

  it.each([
    ['http://user:pass@proxy.corp:8080', /Leave the user name and password out/],
    ['socks5://proxy.corp:1080', /http:\/\/ or https:\/\//],
    ['http://proxy.corp:8080/path', /only scheme, host and port/],
    ['', /Enter the proxy address/],
  ])('refuses %j with a message that says what to do', (raw, message) => {
    const result = ProxySetting.safeParse({ mode: 'manual', url: raw });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(message);
  });
});

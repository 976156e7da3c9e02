import { describe, expect, it } from 'vitest';
import { isLoopbackHost } from '../../common/environments';
import { resolveAppPage } from '../../main/window/app-page';

// One answer to "is this host this machine?" (common/environments.ts): plain http to a
// ConsCent base URL, the proxy bypass, the simulator's listen address and the dev server's
// page (main/window/app-page.ts) all ask it, so none can trust a host another refuses.

const HOSTS: Array<[host: string, loopback: boolean]> = [
  ['localhost', true],
  ['127.0.0.1', true],
  ['127.8.9.10', true],
  ['[::1]', true],
  ['::1', true],
  ['0.0.0.0', false],
  ['128.0.0.1', false],
  ['127.0.0.1.example.com', false],
  ['localhost.example.com', false],
  ['[::ffff:7f00:1]', false],
  ['192.168.1.10', false],
  ['api.conscent.in', false],
  ['', false],
];

describe('isLoopbackHost', () => {
  it.each(HOSTS)('%s → %s', (host, loopback) => {
    expect(isLoopbackHost(host)).toBe(loopback);
  });
});

describe("the dev server's page is accepted on exactly the loopback hosts", () => {
  // '::1' and '' are not a URL's hostname; the URL parser spells IPv6 loopback '[::1]'.
  it.each(HOSTS.filter(([host]) => host !== '::1' && host !== ''))('http://%s:5173/ → loopback %s', (host, loopback) => {
    const page = () => resolveAppPage({ isPackaged: false, devServerUrl: `http://${host}:5173/` });
    if (loopback) expect(page()).toMatchObject({ kind: 'dev-server', url: `http://${host}:5173/` });
    else expect(page).toThrow(/loopback/);
  });
});

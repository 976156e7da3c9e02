import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { APP_PAGE_URL, APP_SCHEME_PRIVILEGES, createAppProtocolHandler, resolveAppRequest } from '../../main/window/app-protocol';
import { productionCsp } from '../../main/window/content-security-policy';

const ROOT = '/app/out/renderer';

describe('resolveAppRequest', () => {
  it('serves the app page and the folder root as index.html', () => {
    expect(resolveAppRequest(APP_PAGE_URL, ROOT)).toEqual({
      ok: true,
      filePath: join(ROOT, 'index.html'),
      contentType: 'text/html; charset=utf-8',
    });
    expect(resolveAppRequest('app://console/', ROOT)).toMatchObject({ ok: true, filePath: join(ROOT, 'index.html') });
  });

  it('serves assets with their content type, ignoring query and hash', () => {
    expect(resolveAppRequest('app://console/assets/index-Ab12.js?v=1#x', ROOT)).toEqual({
      ok: true,
      filePath: join(ROOT, 'assets', 'index-Ab12.js'),
      contentType: 'text/javascript; charset=utf-8',
    });
    expect(resolveAppRequest('app://console/assets/index.css', ROOT)).toMatchObject({ contentType: 'text/css; charset=utf-8' });
    expect(resolveAppRequest('app://console/assets/logo.SVG', ROOT)).toMatchObject({ contentType: 'image/svg+xml' });
    expect(resolveAppRequest('app://console/assets/inter.woff2', ROOT)).toMatchObject({ contentType: 'font/woff2' });
  });

  it('decodes ordinary percent-escapes in names', () => {
    expect(resolveAppRequest('app://console/assets/my%20font.woff', ROOT)).toMatchObject({
      ok: true,
      filePath: join(ROOT, 'assets', 'my font.woff'),
    });
  });

  // URL parsing (Node's here, Chromium's in the app) resolves dot segments, plain or
  // percent-encoded, against the root, so they can only land inside the folder.
  it.each([
    ['parent segments', 'app://console/../../etc/passwd.txt', 'etc/passwd.txt'],
    ['parent segments inside a path', 'app://console/assets/../../secret.json', 'secret.json'],
    ['encoded dots', 'app://console/%2e%2e/%2e%2e/secret.json', 'secret.json'],
    ['mixed encoded dots', 'app://console/assets/.%2E/%2e./secret.json', 'secret.json'],
  ])('keeps %s inside the folder', (_what, url, inside) => {
    expect(resolveAppRequest(url, ROOT)).toMatchObject({ ok: true, filePath: join(ROOT, inside) });
  });

  it.each([
    ['an encoded dot inside a name', 'app://console/assets/x%2e.js'],
    ['an encoded slash', 'app://console/..%2fsecret.json'],
    ['an encoded backslash', 'app://console/..%5csecret.json'],
    ['a raw backslash', 'app://console/..\\..\\secret.json'],
    ['an encoded NUL', 'app://console/index.html%00.png'],
    ['an absolute path in a segment', 'app://console//etc/passwd.txt'],
    ['a Windows drive', 'app://console/C:/Windows/win.ini.txt'],
    ['an encoded Windows drive', 'app://console/C%3A%5CWindows%5Cwin.txt'],
    ['a hidden file', 'app://console/.env.json'],
    ['a folder', 'app://console/assets/'],
    ['malformed escapes', 'app://console/%E0%A4%A.js'],
    ['another host', 'app://evil/index.html'],
    ['a port', 'app://console:8080/index.html'],
    ['credentials', 'app://user:pw@console/index.html'],
    ['another scheme', 'file:///app/out/renderer/index.html'],
    ['https', 'https://console/index.html'],
    ['an unknown file type', 'app://console/assets/tool.exe'],
    ['no file type', 'app://console/LICENSE'],
    ['not a URL', 'not a url'],
  ])('refuses %s', (_what, url) => {
    expect(resolveAppRequest(url, ROOT)).toEqual({ ok: false });
  });
});

describe('app:// protocol handler', () => {
  let root: string;
  let outside: string;
  const csp = productionCsp();

  beforeAll(async () => {
    outside = await mkdtemp(join(tmpdir(), 'app-protocol-'));
    root = join(outside, 'renderer');
    await mkdir(join(root, 'assets'), { recursive: true });
    await writeFile(join(root, 'index.html'), '<!doctype html><title>Console</title>');
    await writeFile(join(root, 'assets', 'app.js'), 'console.log("app")');
    await mkdir(join(root, 'assets', 'folder.js'));
    await writeFile(join(outside, 'secret.json'), '{"apiSecret":"do-not-serve"}');
  });
  afterAll(() => rm(outside, { recursive: true, force: true }));

  const get = (url: string, method = 'GET') => createAppProtocolHandler({ rootDir: root, csp })({ url, method });

  it('serves the page with its content type, the CSP and nosniff', async () => {
    const response = await get(APP_PAGE_URL);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('<!doctype html><title>Console</title>');
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(csp);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
  });

  it('serves a script with a JavaScript content type', async () => {
    const response = await get('app://console/assets/app.js');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await response.text()).toBe('console.log("app")');
  });

  it.each([
    'app://console/../secret.json',
    'app://console/%2e%2e/secret.json',
    'app://console/assets/%2e%2e/%2e%2e/secret.json',
    'app://other/secret.json',
  ])('never reaches a file outside the folder: %s', async (url) => {
    const response = await get(url);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain('do-not-serve');
  });

  it('answers 404 for missing files and folders, with the same protective headers and no path', async () => {
    for (const url of ['app://console/missing.js', 'app://console/assets/folder.js']) {
      const response = await get(url);
      expect(response.status).toBe(404);
      expect(response.headers.get('content-security-policy')).toBe(csp);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(await response.text()).not.toContain(root);
    }
  });

  it('answers 500 without details when the file cannot be read for another reason', async () => {
    const readFile = vi.fn().mockRejectedValue(Object.assign(new Error(`EACCES: ${root}/index.html`), { code: 'EACCES' }));
    const response = await createAppProtocolHandler({ rootDir: root, csp, readFile })({ url: APP_PAGE_URL, method: 'GET' });
    expect(response.status).toBe(500);
    expect(await response.text()).not.toContain(root);
  });

  it('accepts HEAD without a body and refuses other methods', async () => {
    const head = await get(APP_PAGE_URL, 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    expect((await get('app://console/missing.js', 'HEAD')).status).toBe(404);

    const post = await get(APP_PAGE_URL, 'POST');
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
  });
});

describe('app scheme registration', () => {
  it('is standard and secure, and bypasses nothing', () => {
    expect(APP_SCHEME_PRIVILEGES.scheme).toBe('app');
    expect(APP_SCHEME_PRIVILEGES.privileges).toMatchObject({ standard: true, secure: true });
    expect(APP_SCHEME_PRIVILEGES.privileges?.bypassCSP).not.toBe(true);
    expect(APP_SCHEME_PRIVILEGES.privileges?.allowServiceWorkers).not.toBe(true);
    expect(APP_SCHEME_PRIVILEGES.privileges?.supportFetchAPI).not.toBe(true);
  });

  it('puts the page at a fixed app:// URL on the scheme it registers', () => {
    expect(APP_PAGE_URL).toBe('app://console/index.html');
    expect(new URL(APP_PAGE_URL).protocol).toBe(`${APP_SCHEME_PRIVILEGES.scheme}:`);
  });
});

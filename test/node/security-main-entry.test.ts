import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BRIDGE_CHANNELS } from '../../common/contract';
import { APP_PAGE_URL, APP_SCHEME, APP_SCHEME_PRIVILEGES } from '../../main/window/app-protocol';
import { developmentCsp, productionCsp } from '../../main/window/content-security-policy';
import { createWindowOptions } from '../../main/window/window-options';
import type { StandInElectron } from '../helpers/stand-in-electron';
import { ROOT, onlyWindow, startToReady } from './start-app-harness';

// The app's entry (main/index.ts → startApp in main/start-app.ts) must wire in every
// hardened piece the other security tests exercise: a hardened module that startup forgot
// to call protects nothing. Here startApp runs against the stand-in Electron and each
// guarantee is checked on what the running app does, not on how its source is written.

const ELSEWHERE = ['https://evil.example/', 'http://127.0.0.1:4010/', 'file:///etc/passwd', 'app://console/other.html', 'app://evil/index.html'];
const PERMISSIONS = ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'anything-new'];

async function pageResponse(electron: StandInElectron, url: string): Promise<Response> {
  const handler = electron.protocol.handlers.get(APP_SCHEME);
  if (!handler) throw new Error('no app:// handler registered');
  return handler({ url, method: 'GET' });
}

describe('main/index.ts wires in every hardened piece', () => {
  it('calls app.enableSandbox, registers app:// as privileged, hardens every webContents, denies permissions, checks IPC senders, serves app:// with the CSP and builds windows from createWindowOptions', async () => {
    const electron = await startToReady({ isPackaged: true });
    const win = onlyWindow(electron);
    expect(electron.app.sandboxEnabled).toBe(true);
    expect(electron.protocol.privileged).toEqual([APP_SCHEME_PRIVILEGES]);
    expect(win.webContents.fire('will-navigate', 'https://evil.example/')).toBe(true);
    expect(electron.session.defaultSession.requestPermission('media')).toBe(false);
    await expect(electron.ipcMain.invoke(BRIDGE_CHANNELS.listConnections, undefined, 'https://evil.example/')).resolves.toMatchObject({
      error: { kind: 'rejected-sender' },
    });
    expect((await pageResponse(electron, APP_PAGE_URL)).headers.get('content-security-policy')).toBe(productionCsp());
    expect(win.options).toEqual(createWindowOptions({ preloadPath: join(ROOT, 'out/preload/index.cjs'), allowDevTools: false }));
  });

  it('hardens the window’s webContents before it loads anything: it stays on the app page and opens no windows', async () => {
    const electron = await startToReady();
    const win = onlyWindow(electron);
    for (const event of ['will-navigate', 'will-frame-navigate', 'will-redirect']) {
      for (const url of ELSEWHERE) expect(win.webContents.fire(event, url), `${event} ${url}`).toBe(true);
      expect(win.webContents.fire(event, `${APP_PAGE_URL}#/reader/42`), event).toBe(false);
    }
    expect(win.webContents.fire('will-attach-webview')).toBe(true);
    for (const url of [...ELSEWHERE, APP_PAGE_URL]) expect(win.webContents.openHandler?.({ url }), url).toEqual({ action: 'deny' });
  });

  it('opens nothing in the system browser: every window the page asks for is refused, and only its host is logged', async () => {
    const electron = await startToReady();
    const win = onlyWindow(electron);
    for (const url of ['https://docs.conscent.in/reader?email=asha@example.com', 'http://evil.example/x', APP_PAGE_URL]) {
      expect(win.webContents.openHandler?.({ url }), url).toEqual({ action: 'deny' });
    }
    const log = readFileSync(join(electron.app.getPath('logs'), 'console.log'), 'utf8');
    expect(log).toContain('window-open-refused');
    expect(log).toContain('docs.conscent.in');
    expect(log).not.toMatch(/asha|reader\?|\/x"/);
  });

  it('denies every permission on the default session and on the window’s own session', async () => {
    const electron = await startToReady();
    for (const session of [electron.session.defaultSession, onlyWindow(electron).webContents.session]) {
      for (const permission of PERMISSIONS) {
        expect(session.requestPermission(permission), permission).toBe(false);
        expect(session.check?.(null, permission), permission).toBe(false);
      }
      expect(session.device?.({ deviceType: 'usb', origin: 'app://console' })).toBe(false);
    }
  });

  it('serves the built page over app:// with the production CSP, and nothing outside the build', async () => {
    const electron = await startToReady();
    const page = await pageResponse(electron, APP_PAGE_URL);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(productionCsp());
    expect(await page.text()).toBe(readFileSync(join(ROOT, 'out/renderer/index.html'), 'utf8'));
    for (const url of ['app://console/../main/index.js', 'app://console/%2e%2e/preload/index.cjs']) {
      const response = await pageResponse(electron, url);
      expect(response.status, url).toBe(404);
      expect(response.headers.get('content-security-policy'), url).toBe(productionCsp());
    }
  });

  it('when packaged, loads app://console whatever ELECTRON_RENDERER_URL says', async () => {
    const electron = await startToReady({ isPackaged: true }, { devServerUrl: 'http://localhost:5173/' });
    expect(onlyWindow(electron).loadedUrls).toEqual([APP_PAGE_URL]);
    expect(electron.session.defaultSession.webRequest.headersListener).toBeUndefined();
  });

  it('in development, trusts only the loopback dev server, and sends its pages the development CSP', async () => {
    const devServer = 'http://localhost:5173/';
    const electron = await startToReady({}, { devServerUrl: devServer });
    expect(onlyWindow(electron).loadedUrls).toEqual([devServer]);
    expect(electron.protocol.handlers.size).toBe(0);
    await expect(electron.ipcMain.invoke(BRIDGE_CHANNELS.listConnections, undefined, devServer)).resolves.toMatchObject({ ok: true });
    await expect(electron.ipcMain.invoke(BRIDGE_CHANNELS.listConnections, undefined, APP_PAGE_URL)).resolves.toMatchObject({
      error: { kind: 'rejected-sender' },
    });
    let headers: unknown;
    electron.session.defaultSession.webRequest.headersListener?.(
      { url: `${devServer}index.html`, responseHeaders: {} },
      (r) => (headers = r.responseHeaders),
    );
    expect(headers).toEqual({ 'Content-Security-Policy': [developmentCsp(devServer)] });
  });
});

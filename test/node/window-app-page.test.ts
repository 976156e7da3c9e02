import { describe, expect, it } from 'vitest';
import { createSenderCheck } from '../../main/ipc/sender-check';
import { resolveAppPage } from '../../main/window/app-page';
import { APP_PAGE_URL } from '../../main/window/app-protocol';

describe('which page the window loads', () => {
  it('is the app:// page when packaged, whatever the environment says', () => {
    expect(resolveAppPage({ isPackaged: true, devServerUrl: 'http://localhost:5173' })).toEqual({
      kind: 'bundled',
      url: APP_PAGE_URL,
    });
    expect(resolveAppPage({ isPackaged: true, devServerUrl: 'https://evil.example' })).toEqual({
      kind: 'bundled',
      url: APP_PAGE_URL,
    });
  });

  it('is the app:// page in an unpackaged run without a dev server', () => {
    expect(resolveAppPage({ isPackaged: false, devServerUrl: undefined })).toEqual({ kind: 'bundled', url: APP_PAGE_URL });
    expect(resolveAppPage({ isPackaged: false, devServerUrl: '' })).toEqual({ kind: 'bundled', url: APP_PAGE_URL });
  });

  it('is the local dev server in development', () => {
    expect(resolveAppPage({ isPackaged: false, devServerUrl: 'http://localhost:5173' })).toEqual({
      kind: 'dev-server',
      url: 'http://localhost:5173/',
      origin: 'http://localhost:5173',
    });
    expect(resolveAppPage({ isPackaged: false, devServerUrl: 'http://[::1]:5173/?x=1#y' })).toMatchObject({
      url: 'http://[::1]:5173/',
    });
  });

  it.each([
    'https://evil.example',
    'http://192.168.1.5:5173',
    'http://localhost.evil.example:5173',
    'file:///tmp/index.html',
    'http://user:pw@localhost:5173',
    'nonsense',
  ])('refuses a dev server at %s, which would be trusted with the bridge', (devServerUrl) => {
    expect(() => resolveAppPage({ isPackaged: false, devServerUrl })).toThrow(/ELECTRON_RENDERER_URL/);
  });

  it('is a URL the IPC sender check accepts, as the loaded page reports it', () => {
    const bundled = createSenderCheck(resolveAppPage({ isPackaged: true, devServerUrl: undefined }).url);
    expect(bundled('app://console/index.html')).toBe(true);
    expect(bundled('app://console/index.html#/reader/42')).toBe(true);
    expect(bundled('app://console/other.html')).toBe(false);
    expect(bundled('file:///app/out/renderer/index.html')).toBe(false);

    const dev = createSenderCheck(resolveAppPage({ isPackaged: false, devServerUrl: 'http://localhost:5173' }).url);
    expect(dev('http://localhost:5173/')).toBe(true);
    expect(dev('http://localhost:5174/')).toBe(false);
  });
});

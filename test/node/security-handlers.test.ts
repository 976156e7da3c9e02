import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { createSenderCheck } from '../../main/ipc/sender-check';
import {
  createWindowOpenHandler,
  denyAllPermissions,
  externalUrl,
  hardenWebContents,
  installAppSecurity,
} from '../../main/window/security-handlers';
import { FakeSession, FakeWebContents } from './security-fakes';

const APP_PAGE = 'app://console/index.html';

function hardened() {
  const contents = new FakeWebContents();
  const openExternal = vi.fn((_url: string) => Promise.resolve());
  hardenWebContents(contents, { isAppPage: createSenderCheck(APP_PAGE), openExternal });
  return { contents, openExternal };
}

describe('navigation', () => {
  it.each(['will-navigate', 'will-frame-navigate', 'will-redirect'])('%s away from the app page is prevented', (event) => {
    const { contents } = hardened();
    for (const url of ['https://evil.example/', 'http://evil.example/', 'file:///etc/passwd', 'app://console/other.html', 'javascript:alert(1)', 'data:text/html,hi']) {
      expect(contents.fire(event, url), url).toBe(true);
    }
  });

  it.each(['will-navigate', 'will-frame-navigate', 'will-redirect'])('%s to the app page itself is allowed', (event) => {
    const { contents } = hardened();
    expect(contents.fire(event, APP_PAGE)).toBe(false);
    expect(contents.fire(event, `${APP_PAGE}#/reader/42`)).toBe(false);
  });

  it('does not open navigations externally either', () => {
    const { contents, openExternal } = hardened();
    contents.fire('will-navigate', 'https://docs.conscent.in/');
    expect(openExternal).not.toHaveBeenCalled();
  });
});

describe('new windows', () => {
  it('are always denied; https ones open in the system browser', () => {
    const { contents, openExternal } = hardened();
    expect(contents.openHandler?.({ url: 'https://docs.conscent.in/path?q=1' })).toEqual({ action: 'deny' });
    expect(openExternal).toHaveBeenCalledWith('https://docs.conscent.in/path?q=1');
  });

  it.each([
    'http://docs.conscent.in/',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'app://console/index.html',
    'smb://server/share',
    'ms-settings:privacy',
    'https://user:pass@evil.example/',
    'https://',
    'not a url',
    '',
  ])('%s is denied and not opened', (url) => {
    const { contents, openExternal } = hardened();
    expect(contents.openHandler?.({ url })).toEqual({ action: 'deny' });
    expect(openExternal).not.toHaveBeenCalled();
  });

  it('hands over the parsed URL, not the page’s raw string', () => {
    expect(externalUrl('HTTPS://Docs.ConsCent.in/a b')).toBe('https://docs.conscent.in/a%20b');
  });

  it('survives the system browser failing to open', async () => {
    const unhandled = vi.fn();
    process.on('unhandledRejection', unhandled);
    try {
      // Not vi.fn: a spy observes the returned promise, which would count as handling it.
      let calls = 0;
      const openExternal = () => {
        calls += 1;
        return Promise.reject(new Error('no browser'));
      };
      expect(createWindowOpenHandler(openExternal)({ url: 'https://docs.conscent.in/' })).toEqual({ action: 'deny' });
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(calls).toBe(1);
      expect(unhandled).not.toHaveBeenCalled();
    } finally {
      process.off('unhandledRejection', unhandled);
    }
  });
});

describe('webviews', () => {
  it('are never attached', () => {
    const { contents } = hardened();
    expect(contents.fire('will-attach-webview')).toBe(true);
  });
});

describe('permissions', () => {
  const PERMISSIONS = ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read', 'clipboard-sanitized-write', 'fullscreen', 'midi', 'hid', 'serial', 'usb', 'unknown'];

  it.each(PERMISSIONS)('%s is denied when requested and when checked', (permission) => {
    const session = new FakeSession();
    denyAllPermissions(session);
    const callback = vi.fn();
    session.request?.(null, permission, callback);
    expect(callback).toHaveBeenCalledWith(false);
    expect(session.check?.(null, permission)).toBe(false);
  });

  it('device access is denied', () => {
    const session = new FakeSession();
    denyAllPermissions(session);
    expect(session.device?.({ deviceType: 'usb', origin: 'app://console' })).toBe(false);
  });

  it('are denied on the session of every hardened webContents', () => {
    const { contents } = hardened();
    const callback = vi.fn();
    contents.session.request?.(contents, 'media', callback);
    expect(callback).toHaveBeenCalledWith(false);
    expect(contents.session.check?.(contents, 'geolocation')).toBe(false);
  });
});

describe('app-wide hook', () => {
  it('hardens every webContents as it is created', () => {
    const app = new EventEmitter();
    const openExternal = vi.fn(() => Promise.resolve());
    installAppSecurity(app, { isAppPage: createSenderCheck(APP_PAGE), openExternal });

    const first = new FakeWebContents();
    const second = new FakeWebContents();
    app.emit('web-contents-created', {}, first);
    app.emit('web-contents-created', {}, second);

    for (const contents of [first, second]) {
      expect(contents.fire('will-navigate', 'https://evil.example/')).toBe(true);
      expect(contents.fire('will-attach-webview')).toBe(true);
      expect(contents.openHandler?.({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
      expect(contents.session.check?.(contents, 'notifications')).toBe(false);
    }
    expect(openExternal).not.toHaveBeenCalled();
  });
});

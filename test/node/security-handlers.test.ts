import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { createSenderCheck } from '../../main/ipc/sender-check';
import {
  createWindowOpenHandler,
  denyAllPermissions,
  hardenWebContents,
  installAppSecurity,
  refusedTarget,
} from '../../main/window/security-handlers';
import { FakeSession, FakeWebContents } from '../helpers/electron-fakes';

const APP_PAGE = 'app://console/index.html';

function hardened() {
  const contents = new FakeWebContents();
  const logger = { warn: vi.fn() };
  hardenWebContents(contents, { isAppPage: createSenderCheck(APP_PAGE), logger });
  return { contents, logger };
}

describe('navigation', () => {
  it.each(['will-navigate', 'will-frame-navigate', 'will-redirect'])('%s away from the app page is prevented', (event) => {
    const { contents } = hardened();
    for (const url of [
      'https://evil.example/',
      'http://evil.example/',
      'file:///etc/passwd',
      'app://console/other.html',
      'javascript:alert(1)',
      'data:text/html,hi',
    ]) {
      expect(contents.fire(event, url), url).toBe(true);
    }
  });

  it.each(['will-navigate', 'will-frame-navigate', 'will-redirect'])('%s to the app page itself is allowed', (event) => {
    const { contents } = hardened();
    expect(contents.fire(event, APP_PAGE)).toBe(false);
    expect(contents.fire(event, `${APP_PAGE}#/reader/42`)).toBe(false);
  });
});

describe('new windows', () => {
  // The console shows no links, so nothing is handed to the system browser either:
  // there is no shell.openExternal in main at all (security-main-entry.test.ts).
  it.each([
    'https://docs.conscent.in/path?q=1',
    'https://api.conscent.in/',
    'http://docs.conscent.in/',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'app://console/index.html',
    'smb://server/share',
    'ms-settings:privacy',
    'https://user:pass@evil.example/',
    'not a url',
    '',
  ])('%s is denied, and only its host is logged', (url) => {
    const { contents, logger } = hardened();
    expect(contents.openHandler?.({ url })).toEqual({ action: 'deny' });
    expect(logger.warn).toHaveBeenCalledTimes(1);
    expect(logger.warn).toHaveBeenCalledWith('window-open-refused', { host: refusedTarget(url) });
  });

  it('logs the host, never the path, query or credentials', () => {
    expect(refusedTarget('https://user:pass@Docs.ConsCent.in:8443/readers/jane@example.com?phone=9876543210#x')).toBe('docs.conscent.in:8443');
    expect(refusedTarget('file:///home/agent/readers.csv')).toBe('file:');
    expect(refusedTarget('mailto:jane@example.com')).toBe('mailto:');
    expect(refusedTarget('not a url')).toBe('(not a URL)');
  });

  it('is denied even when the log fails', () => {
    const logger = {
      warn: () => {
        throw new Error('disk full');
      },
    };
    expect(createWindowOpenHandler(logger)({ url: 'https://docs.conscent.in/' })).toEqual({ action: 'deny' });
  });
});

describe('webviews', () => {
  it('are never attached', () => {
    const { contents } = hardened();
    expect(contents.fire('will-attach-webview')).toBe(true);
  });
});

describe('permissions', () => {
  const PERMISSIONS = [
    'media',
    'geolocation',
    'notifications',
    'openExternal',
    'clipboard-read',
    'clipboard-sanitized-write',
    'fullscreen',
    'midi',
    'hid',
    'serial',
    'usb',
    'unknown',
  ];

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
    const logger = { warn: vi.fn() };
    installAppSecurity(app, { isAppPage: createSenderCheck(APP_PAGE), logger });

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
    expect(logger.warn.mock.calls).toEqual([
      ['window-open-refused', { host: 'file:' }],
      ['window-open-refused', { host: 'file:' }],
    ]);
  });
});

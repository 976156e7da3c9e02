import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { aboutPanelOptions, createMenuTemplate } from '../../main/window/app-menu';

function roles(items: MenuItemConstructorOptions[]): string[] {
  return items.flatMap((item) => [...(item.role ? [item.role] : []), ...(Array.isArray(item.submenu) ? roles(item.submenu) : [])]);
}

describe('application menu', () => {
  for (const platform of ['darwin', 'win32', 'linux'] as const) {
    it(`keeps editing shortcuts working on ${platform}`, () => {
      const all = roles(createMenuTemplate({ platform, appName: 'ConsCent Console', isPackaged: true }));
      for (const role of ['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll']) expect(all).toContain(role);
      expect(all).toContain('quit');
    });
  }

  it('offers no DevTools and no reload when packaged', () => {
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      const all = roles(createMenuTemplate({ platform, appName: 'ConsCent Console', isPackaged: true }));
      expect(all).not.toContain('toggleDevTools');
      expect(all).not.toContain('reload');
      expect(all).not.toContain('forceReload');
    }
  });

  it('offers DevTools and reload in development', () => {
    const all = roles(createMenuTemplate({ platform: 'linux', appName: 'ConsCent Console', isPackaged: false }));
    expect(all).toEqual(expect.arrayContaining(['toggleDevTools', 'reload']));
  });

  it('has the macOS application menu named after the app only on macOS', () => {
    const mac = createMenuTemplate({ platform: 'darwin', appName: 'ConsCent Console', isPackaged: true });
    expect(mac[0]?.label).toBe('ConsCent Console');
    const windows = createMenuTemplate({ platform: 'win32', appName: 'ConsCent Console', isPackaged: true });
    expect(windows.map((menu) => menu.label)).not.toContain('ConsCent Console');
  });

  it('lists the console shortcuts with their accelerators, and a click sends the command to the page (issue 11)', () => {
    const sendCommand = vi.fn();
    const reader = createMenuTemplate({ platform: 'linux', appName: 'ConsCent Console', isPackaged: true, sendCommand }).find(
      (menu) => menu.label === 'Reader',
    );
    const items = (reader?.submenu ?? []) as MenuItemConstructorOptions[];
    expect(items.map((item) => [item.label, item.accelerator])).toEqual([
      ['Find a Reader', 'CmdOrCtrl+K'],
      ['Review Changes', 'CmdOrCtrl+Enter'],
      ['Refresh Reader', 'CmdOrCtrl+Shift+R'],
      ['Keyboard Shortcuts', 'CmdOrCtrl+/'],
    ]);
    // Shown, not registered: the page answers the keys, so they never fire twice.
    for (const item of items) expect(item.registerAccelerator).toBe(false);
    for (const item of items) (item.click as () => void)();
    expect(sendCommand.mock.calls.map(([command]) => command)).toEqual(['focus-search', 'review', 'refresh-reader', 'show-shortcuts']);
  });

  it('keeps no development shortcut that collides with Refresh Reader', () => {
    const all = roles(createMenuTemplate({ platform: 'linux', appName: 'ConsCent Console', isPackaged: false }));
    expect(all).not.toContain('forceReload');
  });
});

describe('About shows the product name and version on every OS (issue 21)', () => {
  function aboutItems(items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
    return items.flatMap((item) => [...(item.role === 'about' ? [item] : []), ...(Array.isArray(item.submenu) ? aboutItems(item.submenu) : [])]);
  }

  for (const platform of ['darwin', 'win32', 'linux'] as const) {
    it(`has exactly one About item on ${platform}`, () => {
      expect(aboutItems(createMenuTemplate({ platform, appName: 'ConsCent Console', isPackaged: true }))).toHaveLength(1);
    });
  }

  it('puts About ConsCent Console under Help on Windows and Linux', () => {
    for (const platform of ['win32', 'linux'] as const) {
      const help = createMenuTemplate({ platform, appName: 'ConsCent Console', isPackaged: true }).find((menu) => menu.label === 'Help');
      expect((help?.submenu as MenuItemConstructorOptions[] | undefined)?.map((item) => [item.role, item.label])).toEqual([
        ['about', 'About ConsCent Console'],
      ]);
    }
  });

  it('fills the About box with the product name and the installed version', () => {
    expect(aboutPanelOptions({ appName: 'ConsCent Console', version: '0.1.0' })).toMatchObject({
      applicationName: 'ConsCent Console',
      applicationVersion: '0.1.0',
    });
  });
});

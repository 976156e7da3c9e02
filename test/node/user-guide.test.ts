import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import pkg from '../../package.json';
import { BRIDGE_CHANNELS } from '../../common/contract';
import { createMenuTemplate } from '../../main/window/app-menu';
import { APP_SCHEME } from '../../main/window/app-protocol';
import { USER_GUIDE_URL } from '../../main/window/user-guide';
import { GUIDE_DOCS, renderGuide } from '../../scripts/user-guide/render-guide';
import { ROOT, onlyWindow, startToReady } from './start-app-harness';

// Issue 22.7: Help → User Guide opens the agent's guide (docs/using.md and the pages it
// sends agents to), built into the app so it works offline, in a window with no bridge
// that cannot be navigated away from the guide.

const DOCS = join(ROOT, 'docs');
const guide = renderGuide(DOCS, '9.9.9');

describe('the guide page', () => {
  it('holds every section of the guide docs, the version, and no script', () => {
    for (const heading of [
      '1. Add a connection',
      '2. Find a reader',
      '3. Correct the details',
      'Bulk corrections from a CSV file',
      'Change history and undo',
    ])
      expect(guide).toContain(`>${heading}</h`);
    expect(guide).toContain('Version 9.9.9');
    expect(guide).not.toMatch(/<script/i);
    expect(guide).toContain('http-equiv="Content-Security-Policy"');
  });

  it('links only within itself: every link names a heading of the page; links elsewhere are text', () => {
    const ids = new Set([...guide.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]));
    const hrefs = [...guide.matchAll(/<a href="([^"]+)"/g)].map((m) => m[1]!);
    expect(hrefs.length).toBeGreaterThan(GUIDE_DOCS.length);
    for (const href of hrefs) {
      expect(href.startsWith('#'), href).toBe(true);
      expect(ids.has(href.slice(1)), `${href} names no heading`).toBe(true);
    }
    // using.md sends the agent to installing.md for the IT side: shown, not followed.
    expect(guide).toMatch(/\(installing\.md[^)]*\)<\/span>/);
  });

  it('is built beside the page, as the docs say now', () => {
    const built = join(ROOT, 'out', 'renderer', 'guide.html');
    if (!existsSync(built)) throw new Error('No build: run `npx electron-vite build` first (npm test does).');
    expect(readFileSync(built, 'utf8')).toBe(renderGuide(DOCS, pkg.version));
  });
});

describe('Help → User Guide', () => {
  const helpOf = (template: MenuItemConstructorOptions[]) =>
    (template.find((menu) => menu.label === 'Help')?.submenu as MenuItemConstructorOptions[] | undefined) ?? [];

  it('is in the Help menu on every OS, on F1', () => {
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      const opened: string[] = [];
      const help = helpOf(
        createMenuTemplate({ platform, appName: 'ConsCent Console', isPackaged: true, openUserGuide: () => opened.push(platform) }),
      );
      const item = help.find((entry) => entry.label === 'User Guide');
      expect(item?.accelerator).toBe('F1');
      (item?.click as () => void)();
      expect(opened).toEqual([platform]);
    }
  });

  it('opens one guide window with no bridge, served by app:// with its CSP; a second click brings it forward', async () => {
    const electron = await startToReady({ isPackaged: true });
    const console = onlyWindow(electron);
    const item = helpOf(electron.Menu.applicationMenu!.template).find((entry) => entry.label === 'User Guide');
    (item?.click as () => void)();
    const guideWindow = electron.BrowserWindow.getAllWindows().find((win) => win !== console)!;
    expect(guideWindow.loadedUrls).toEqual([USER_GUIDE_URL]);
    expect(guideWindow.options.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false, devTools: false });
    expect(guideWindow.options.webPreferences?.preload).toBeUndefined();

    const served = await electron.protocol.handlers.get(APP_SCHEME)!({ url: USER_GUIDE_URL, method: 'GET' } as never);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-security-policy')).toContain("script-src 'self'");

    // The guide's webContents cannot use the bridge.
    electron.ipcMain.mainWindow = guideWindow.webContents;
    await expect(electron.ipcMain.invoke(BRIDGE_CHANNELS.listConnections, {}, USER_GUIDE_URL)).resolves.toMatchObject({ ok: false });

    (item?.click as () => void)();
    expect(electron.BrowserWindow.getAllWindows()).toHaveLength(2);
    expect(guideWindow.focused).toBe(true);
  });
});

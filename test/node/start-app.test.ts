import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BRIDGE_CHANNELS } from '../../common/contract';
import { STARTUP_ERROR_TITLE } from '../../main/start-app';
import { APP_PAGE_URL, APP_SCHEME, APP_SCHEME_PRIVILEGES } from '../../main/window/app-protocol';
import { LEAVE_BUTTON, STAY_BUTTON, UNSAVED_CHANGES_DIALOG } from '../../main/window/close-guard';
import { createWindowOptions } from '../../main/window/window-options';
import { ROOT, beginStart, onlyWindow, startToReady } from './start-app-harness';

// The app's lifecycle, run for real against a stand-in Electron (test/helpers/stand-in-electron.ts),
// which throws where Electron would if something is done before or after 'ready'.

const BUILT_PRELOAD = join(ROOT, 'out', 'preload', 'index.cjs');

describe('startApp: what Electron requires, in the order it requires it', () => {
  it('turns the sandbox on and makes app:// privileged before ready, and serves app:// only after', async () => {
    const { electron, finished } = beginStart();
    expect(electron.app.sandboxEnabled).toBe(true);
    expect(electron.protocol.privileged).toEqual([APP_SCHEME_PRIVILEGES]);
    expect(electron.protocol.handlers.size).toBe(0);
    expect(electron.windows).toEqual([]);

    electron.app.becomeReady();
    await finished;
    const at = (entry: string) => electron.log.indexOf(entry);
    expect(at('app.enableSandbox')).toBeGreaterThanOrEqual(0);
    expect(at('app.enableSandbox')).toBeLessThan(at('ready'));
    expect(at('protocol.registerSchemesAsPrivileged')).toBeLessThan(at('ready'));
    expect(at(`protocol.handle ${APP_SCHEME}`)).toBeGreaterThan(at('ready'));
    // The page is loaded only once app:// can answer it.
    expect(at(`protocol.handle ${APP_SCHEME}`)).toBeLessThan(at(`loadURL ${APP_PAGE_URL}`));
    expect(electron.app.exit).not.toHaveBeenCalled();
  });
});

describe('startApp: the console window', () => {
  it.each([
    ['in development', false],
    ['when packaged', true],
  ])('%s, opens one window with the tested options and a preload that exists in the build', async (_when, isPackaged) => {
    const electron = await startToReady({ isPackaged });
    const win = onlyWindow(electron);
    expect(win.options).toEqual(createWindowOptions({ preloadPath: BUILT_PRELOAD, allowDevTools: !isPackaged }));
    expect(existsSync(win.options.webPreferences?.preload ?? ''), 'out/preload/index.cjs: run `npx electron-vite build` first').toBe(true);
    expect(win.loadedUrls).toEqual([APP_PAGE_URL]);
  });

  it('shows the window only when its page is ready to show', async () => {
    const win = onlyWindow(await startToReady());
    expect(win.visible).toBe(false);
    win.emit('ready-to-show');
    expect(win.visible).toBe(true);
  });

  it('asks before an unload the page holds back, on the first window and on one reopened later', async () => {
    const electron = await startToReady({ messageBoxAnswer: LEAVE_BUTTON }, { platform: 'darwin' });
    const first = onlyWindow(electron);
    first.close();
    expect(electron.app.quit).not.toHaveBeenCalled(); // macOS: the app stays without windows
    electron.app.emit('activate');
    const reopened = onlyWindow(electron);
    expect(reopened).not.toBe(first);
    expect(reopened.loadedUrls).toEqual([APP_PAGE_URL]);

    for (const win of [first, reopened]) {
      electron.dialog.showMessageBoxSync.mockClear();
      expect(win.webContents.fire('will-prevent-unload'), 'Leave lets the unload go ahead').toBe(true);
      expect(electron.dialog.showMessageBoxSync).toHaveBeenCalledTimes(1);
      const [parent, shown] = electron.dialog.showMessageBoxSync.mock.calls[0]!;
      expect(parent).toBe(win);
      expect(shown).toEqual(UNSAVED_CHANGES_DIALOG);
    }
  });

  it('keeps the page when the agent chooses Stay', async () => {
    const win = onlyWindow(await startToReady({ messageBoxAnswer: STAY_BUTTON }));
    expect(win.webContents.fire('will-prevent-unload')).toBe(false);
  });

  it('quits when the last window closes, except on macOS', async () => {
    const linux = await startToReady();
    onlyWindow(linux).close();
    expect(linux.app.quit).toHaveBeenCalledTimes(1);
    const mac = await startToReady({}, { platform: 'darwin' });
    onlyWindow(mac).close();
    expect(mac.app.quit).not.toHaveBeenCalled();
  });
});

describe('startApp: the bridge', () => {
  it('registers every operation of the contract once, and nothing else on ipcMain', async () => {
    const electron = await startToReady();
    expect([...electron.ipcMain.handlers.keys()].sort()).toEqual(Object.values(BRIDGE_CHANNELS).sort());
  });

  it('answers the console page and refuses calls from any other URL', async () => {
    const electron = await startToReady();
    await expect(electron.ipcMain.invoke(BRIDGE_CHANNELS.listConnections, undefined, APP_PAGE_URL)).resolves.toMatchObject({ ok: true });
    for (const url of ['https://evil.example/', 'app://console/other.html', 'file:///work/out/renderer/index.html', null]) {
      await expect(electron.ipcMain.invoke(BRIDGE_CHANNELS.listConnections, undefined, url), String(url)).resolves.toMatchObject({
        ok: false,
        error: { kind: 'rejected-sender' },
      });
    }
  });

  it('refuses the app page in a subframe or in another window; after a reopen, trusts only the new window', async () => {
    const electron = await startToReady({}, { platform: 'darwin' });
    const first = onlyWindow(electron);
    const call = (sender: unknown, parent: unknown) =>
      electron.ipcMain.invokeFrom(BRIDGE_CHANNELS.listConnections, undefined, { sender, senderFrame: { url: APP_PAGE_URL, parent } });
    await expect(call(first.webContents, null)).resolves.toMatchObject({ ok: true });
    await expect(call(first.webContents, { url: APP_PAGE_URL })).resolves.toMatchObject({ error: { kind: 'rejected-sender' } });
    await expect(call({ other: 'window' }, null)).resolves.toMatchObject({ error: { kind: 'rejected-sender' } });

    first.close();
    await expect(call(first.webContents, null), 'a closed window').resolves.toMatchObject({ error: { kind: 'rejected-sender' } });
    electron.app.emit('activate');
    const reopened = onlyWindow(electron);
    await expect(call(reopened.webContents, null)).resolves.toMatchObject({ ok: true });
    await expect(call(first.webContents, null)).resolves.toMatchObject({ error: { kind: 'rejected-sender' } });
  });
});

describe('startApp: one console per computer', () => {
  it('a second instance quits at once: no window, no bridge, no app:// handler', async () => {
    const { electron, finished } = beginStart({ singleInstanceLock: false });
    await finished; // without 'ready': the second instance never waits for it
    expect(electron.app.quit).toHaveBeenCalledTimes(1);
    electron.app.becomeReady();
    await Promise.resolve();
    expect(electron.windows).toEqual([]);
    expect(electron.ipcMain.handlers.size).toBe(0);
    expect(electron.protocol.handlers.size).toBe(0);
  });

  it('the first instance restores, shows and focuses its window when the console is launched again', async () => {
    const electron = await startToReady();
    const win = onlyWindow(electron);
    win.minimize();
    electron.app.emit('second-instance');
    expect(win.minimized).toBe(false);
    expect(win.visible).toBe(true);
    expect(win.focused).toBe(true);
    expect(electron.windows).toHaveLength(1);
  });

  it('a launch while no window is open (macOS) changes nothing', async () => {
    const electron = await startToReady({}, { platform: 'darwin' });
    onlyWindow(electron).close();
    expect(() => electron.app.emit('second-instance')).not.toThrow();
  });
});

describe('startApp: startup failures', () => {
  it('a page that cannot be loaded shows an error box and exits with status 1', async () => {
    const electron = await startToReady({ loadError: new Error('ERR_FILE_NOT_FOUND (-6) loading app://console/index.html') });
    expect(electron.dialog.showErrorBox).toHaveBeenCalledWith(STARTUP_ERROR_TITLE, 'ERR_FILE_NOT_FOUND (-6) loading app://console/index.html');
    expect(electron.app.exit).toHaveBeenCalledWith(1);
  });

  it('a dev-server URL that is not on this computer shows an error box and exits, before any window', async () => {
    const { electron, finished } = beginStart({}, { devServerUrl: 'http://evil.example:5173/' });
    await finished;
    expect(electron.dialog.showErrorBox).toHaveBeenCalledWith(STARTUP_ERROR_TITLE, expect.stringContaining('ELECTRON_RENDERER_URL'));
    expect(electron.app.exit).toHaveBeenCalledWith(1);
    electron.app.becomeReady();
    await Promise.resolve();
    expect(electron.windows).toEqual([]);
  });
});

describe('startApp: the About box (issue 21)', () => {
  it('shows the product name and the installed version', async () => {
    const electron = await startToReady({ isPackaged: true }, { platform: 'linux' });
    expect(electron.app.aboutPanel).toMatchObject({ applicationName: 'ConsCent Console', applicationVersion: electron.app.getVersion() });
  });
});

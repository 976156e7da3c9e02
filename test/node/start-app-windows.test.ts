import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { APP_EVENT_CHANNEL } from '../../common/app-events';
import { BRIDGE_CHANNELS } from '../../common/contract';
import { MAX_CONSOLE_WINDOWS } from '../../common/windows-contract';
import { APP_PAGE_URL } from '../../main/window/app-protocol';
import { STAY_BUTTON, UNSAVED_CHANGES_DIALOG } from '../../main/window/close-guard';
import { CASCADE_STEP, WINDOW_STATE_FILE } from '../../main/window/window-state';
import type { StandInElectron, StandInWindow } from '../helpers/stand-in-electron';
import { onlyWindow, startToReady } from './start-app-harness';

// Issue 22.4, several readers at once: a second console window, from File → New Window
// or the reader screen's "Open in new window" (a bridge operation), driven through the
// real startApp, bridge and handlers against the stand-in Electron.

const ID = '5f92a62013332e0f667794dc';

function fileMenu(electron: StandInElectron): MenuItemConstructorOptions[] {
  return electron.Menu.applicationMenu!.template.find((menu) => menu.label === 'File')!.submenu as MenuItemConstructorOptions[];
}
function newWindow(electron: StandInElectron): void {
  const item = fileMenu(electron).find((entry) => entry.label === 'New Window');
  (item!.click as () => void)();
}
/** A bridge call from the app page in this window's top frame, as its preload would make it. */
function callFrom(electron: StandInElectron, win: StandInWindow, operation: keyof typeof BRIDGE_CHANNELS, payload: unknown) {
  return electron.ipcMain.invokeFrom(BRIDGE_CHANNELS[operation], payload, {
    sender: win.webContents,
    senderFrame: { url: APP_PAGE_URL, parent: null },
  }) as Promise<{ ok: boolean; value?: unknown; error?: { kind: string } }>;
}
const open = (electron: StandInElectron) => electron.BrowserWindow.getAllWindows();

describe('a second console window', () => {
  it('File → New Window (Ctrl+Shift+N) opens one just like the first: same options, preload, page and guard, a step from it', async () => {
    const electron = await startToReady();
    const first = onlyWindow(electron);
    const item = fileMenu(electron).find((entry) => entry.label === 'New Window');
    expect(item?.accelerator).toBe('CmdOrCtrl+Shift+N');
    newWindow(electron);
    const [, second] = open(electron) as [StandInWindow, StandInWindow];
    const { x: _x, y: _y, ...sameOptions } = first.options;
    expect(second.options).toMatchObject(sameOptions);
    expect(second.options.webPreferences).toEqual(first.options.webPreferences);
    expect(second.loadedUrls).toEqual(first.loadedUrls);
    expect(second.webContents.listenerCount('will-prevent-unload')).toBe(1);
    expect({ x: second.options.x, y: second.options.y }).toEqual({ x: first.normalBounds.x + CASCADE_STEP, y: first.normalBounds.y + CASCADE_STEP });
    // Both pages may use the bridge.
    expect(await callFrom(electron, first, 'listConnections', undefined)).toMatchObject({ ok: true });
    expect(await callFrom(electron, second, 'listConnections', undefined)).toMatchObject({ ok: true });
  });

  it('"Open in new window" opens the reader there, by the link path, and leaves the agent’s window as it was', async () => {
    const electron = await startToReady();
    const first = onlyWindow(electron);
    first.webContents.finishLoad();
    first.focus();
    const answer = await callFrom(electron, first, 'openReaderWindow', { userId: ID, connection: 'Sandbox' });
    expect(answer).toEqual({ ok: true, value: { opened: true } });
    const second = open(electron)[1]!;
    second.emit('ready-to-show');
    expect(second.visible).toBe(true);
    expect(second.focused).toBe(true);
    second.webContents.finishLoad();
    expect(second.webContents.sent).toEqual([
      { channel: APP_EVENT_CHANNEL, event: { kind: 'open-link', link: { kind: 'userId', value: ID, connection: 'Sandbox' } } },
    ]);
    expect(first.webContents.sent).toEqual([]);
  });

  it('refuses a request main cannot read, and opens nothing', async () => {
    const electron = await startToReady();
    const first = onlyWindow(electron);
    expect(await callFrom(electron, first, 'openReaderWindow', { userId: 'not-an-id', connection: 'Sandbox' })).toMatchObject({
      ok: false,
      error: { kind: 'invalid-input' },
    });
    expect(await callFrom(electron, first, 'openReaderWindow', { userId: ID, connection: 'Sandbox', url: 'https://evil.example' })).toMatchObject({
      ok: false,
      error: { kind: 'invalid-input' },
    });
    expect(open(electron)).toHaveLength(1);
  });

  it(`stops at ${MAX_CONSOLE_WINDOWS} windows: the bridge answers the refusal as data, the menu says it in main’s own message`, async () => {
    const electron = await startToReady();
    const first = onlyWindow(electron);
    for (let i = 1; i < MAX_CONSOLE_WINDOWS; i++) newWindow(electron);
    expect(open(electron)).toHaveLength(MAX_CONSOLE_WINDOWS);
    expect(await callFrom(electron, first, 'openReaderWindow', { userId: ID, connection: 'Sandbox' })).toEqual({
      ok: true,
      value: { opened: false, reason: 'too-many-windows', limit: MAX_CONSOLE_WINDOWS },
    });
    first.focus();
    newWindow(electron);
    expect(open(electron)).toHaveLength(MAX_CONSOLE_WINDOWS);
    expect(electron.dialog.showMessageBox).toHaveBeenCalledWith(
      first,
      expect.objectContaining({ message: `${MAX_CONSOLE_WINDOWS} console windows are open already.` }),
    );
  });

  it('main’s own dialogs open over the window the agent is in', async () => {
    const electron = await startToReady();
    newWindow(electron);
    const [first, second] = open(electron) as [StandInWindow, StandInWindow];
    second.focus();
    expect(await callFrom(electron, second, 'bulkChooseFile', {})).toEqual({ ok: true, value: { chosen: false } });
    expect(electron.dialog.showOpenDialog).toHaveBeenLastCalledWith(second, expect.anything());
    first.focus();
    await callFrom(electron, first, 'bulkChooseFile', {});
    expect(electron.dialog.showOpenDialog).toHaveBeenLastCalledWith(first, expect.anything());
  });

  it('a link from the OS goes to the console window the agent is in', async () => {
    const electron = await startToReady();
    newWindow(electron);
    const [first, second] = open(electron) as [StandInWindow, StandInWindow];
    first.webContents.finishLoad();
    second.webContents.finishLoad();
    first.focus();
    second.minimize();
    electron.app.emit('second-instance', {}, ['console', `conscent-console://reader?userId=${ID}`]);
    expect(first.webContents.sent.map((sent) => sent.event)).toEqual([{ kind: 'open-link', link: { kind: 'userId', value: ID } }]);
    expect(second.webContents.sent).toEqual([]);
    expect(first.focused).toBe(true);
  });

  it('unsaved edits are guarded per window: the window that has them comes forward and asks; Stay keeps it open', async () => {
    // As on quit: Electron asks every window to close, and the one whose page has unsent edits holds back.
    const electron = await startToReady({ messageBoxAnswer: STAY_BUTTON });
    newWindow(electron);
    const [first, second] = open(electron) as [StandInWindow, StandInWindow];
    first.focus();
    second.minimize();
    const leave = second.webContents.fire('will-prevent-unload');
    expect(leave).toBe(false);
    expect(electron.dialog.showMessageBoxSync).toHaveBeenCalledTimes(1);
    expect(electron.dialog.showMessageBoxSync).toHaveBeenCalledWith(second, expect.objectContaining({ message: UNSAVED_CHANGES_DIALOG.message }));
    expect(second.minimized).toBe(false);
    expect(second.focused).toBe(true);
  });

  it('remembers the first window’s place, not the further window’s', async () => {
    const electron = await startToReady();
    newWindow(electron);
    const [first, second] = open(electron) as [StandInWindow, StandInWindow];
    const stateFile = join(electron.app.getPath('userData'), WINDOW_STATE_FILE);
    second.normalBounds = { x: 700, y: 300, width: 1000, height: 700 };
    second.close();
    first.normalBounds = { x: 40, y: 30, width: 1200, height: 800 };
    first.close();
    await expect
      .poll(async () => JSON.parse(await readFile(stateFile, 'utf8').catch(() => '{}')))
      .toEqual({ x: 40, y: 30, width: 1200, height: 800, maximized: false });
  });
});

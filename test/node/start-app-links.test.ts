import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { APP_EVENT_CHANNEL } from '../../common/app-events';
import { beginStart, onlyWindow, startToReady } from './start-app-harness';

// conscent-console:// links and menu commands reach the page (issue #11), driven through
// the real startApp against the stand-in Electron: the OS hands links over at start
// (argv), to the running console (second instance's argv on Windows and Linux,
// 'open-url' on macOS, possibly before ready), and the page gets them once it has loaded.

const ID = '5f92a62013332e0f667794dc';
const LINK = `conscent-console://reader?userId=${ID}`;
const opened = (value: string, kind = 'userId') => ({ channel: APP_EVENT_CHANNEL, event: { kind: 'open-link', link: { kind, value } } });

describe('startApp: the conscent-console:// scheme', () => {
  it('makes the packaged console the OS handler of conscent-console:// before ready, and never the development build', async () => {
    const packaged = beginStart({ isPackaged: true });
    expect(packaged.electron.app.protocolClients).toEqual(['conscent-console']);
    packaged.electron.app.becomeReady();
    await packaged.finished;
    const development = await startToReady({ isPackaged: false });
    expect(development.app.protocolClients).toEqual([]);
  });

  it('opens the link it was started with (Windows, Linux) once the page has loaded, not before', async () => {
    const electron = await startToReady({}, { argv: ['/opt/ConsCent Console/conscent-console', LINK] });
    const win = onlyWindow(electron);
    expect(win.webContents.sent).toEqual([]);
    win.webContents.finishLoad();
    expect(win.webContents.sent).toEqual([opened(ID)]);
  });

  it('macOS: keeps links that arrive before ready, in order, and takes them from the OS', async () => {
    const { electron, finished } = beginStart({}, { platform: 'darwin' });
    const preventDefault = vi.fn();
    electron.app.emit('open-url', { preventDefault }, LINK);
    electron.app.emit('open-url', { preventDefault }, 'conscent-console://reader?email=asha%40example.com');
    expect(preventDefault).toHaveBeenCalledTimes(2);
    electron.app.becomeReady();
    await finished;
    const win = onlyWindow(electron);
    win.webContents.finishLoad();
    expect(win.webContents.sent).toEqual([opened(ID), opened('asha@example.com', 'email')]);
  });

  it('a second launch for a link passes the link to the open console and brings it forward', async () => {
    const electron = await startToReady();
    const win = onlyWindow(electron);
    win.webContents.finishLoad();
    win.minimize();
    electron.app.emit('second-instance', {}, ['C:\\Program Files\\ConsCent Console\\ConsCent Console.exe', '--', LINK]);
    expect(win.webContents.sent).toEqual([opened(ID)]);
    expect(win.minimized).toBe(false);
    expect(win.focused).toBe(true);
    expect(electron.windows).toHaveLength(1);
  });

  it('a link it refuses reaches the page as a refusal with its reason, never as a lookup', async () => {
    const electron = await startToReady();
    const win = onlyWindow(electron);
    win.webContents.finishLoad();
    electron.app.emit('second-instance', {}, ['console', `conscent-console://reader?userId=${ID}&phone=1234567`]);
    electron.app.emit('second-instance', {}, ['console', `conscent-console://reader?userId=${ID}&name=Mallory`]);
    expect(win.webContents.sent.map((sent) => sent.event)).toEqual([
      { kind: 'link-refused', reason: 'several-readers' },
      { kind: 'link-refused', reason: 'unknown-parameter', parameter: 'name' },
    ]);
  });

  it('a link while the page reloads waits for the new page', async () => {
    const electron = await startToReady();
    const win = onlyWindow(electron);
    win.webContents.finishLoad();
    win.webContents.emit('did-start-loading');
    electron.app.emit('second-instance', {}, ['console', LINK]);
    expect(win.webContents.sent).toEqual([]);
    win.webContents.finishLoad();
    expect(win.webContents.sent).toEqual([opened(ID)]);
  });

  it('macOS with no window open: a link opens the window and is delivered to it', async () => {
    const electron = await startToReady({}, { platform: 'darwin' });
    onlyWindow(electron).close();
    electron.app.emit('open-url', { preventDefault: () => undefined }, LINK);
    const reopened = onlyWindow(electron);
    reopened.webContents.finishLoad();
    expect(reopened.webContents.sent).toEqual([opened(ID)]);
  });
});

describe('startApp: the Reader menu', () => {
  it('a menu command reaches the page through the same subscription', async () => {
    const electron = await startToReady();
    const win = onlyWindow(electron);
    win.webContents.finishLoad();
    const reader = electron.Menu.applicationMenu?.template.find((menu) => menu.label === 'Reader');
    const find = (reader?.submenu as MenuItemConstructorOptions[]).find((item) => item.label === 'Find a Reader');
    (find?.click as () => void)();
    expect(win.webContents.sent).toEqual([{ channel: APP_EVENT_CHANNEL, event: { kind: 'command', command: 'focus-search' } }]);
  });
});

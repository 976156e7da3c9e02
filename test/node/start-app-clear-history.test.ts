import { describe, expect, it } from 'vitest';
import { BRIDGE_CHANNELS } from '../../common/contract';
import { APP_PAGE_URL } from '../../main/window/app-protocol';
import { onlyWindow, startToReady } from './start-app-harness';

// Issue 18, item 3: Clear history is confirmed in a message box main draws over the
// console window (Electron's dialog.showMessageBox); the page's `confirm: true` alone
// clears nothing.

describe('startApp: clearing the change history', () => {
  it('asks main\'s own message box over the console window; "Keep it" clears nothing', async () => {
    const electron = await startToReady();
    const answer = await electron.ipcMain.invoke(BRIDGE_CHANNELS.clearHistory, { confirm: true }, APP_PAGE_URL);
    expect(answer).toEqual({ ok: true, value: { removed: 0, cancelled: true } });
    expect(electron.dialog.showMessageBox).toHaveBeenCalledTimes(1);
    const [window, options] = electron.dialog.showMessageBox.mock.calls[0] as unknown as [unknown, Record<string, unknown>];
    expect(window).toBe(onlyWindow(electron));
    expect(options).toMatchObject({
      message: 'Clear the whole change history (0 changes)?',
      buttons: ['Keep it', 'Clear history'],
      defaultId: 0,
      cancelId: 0,
    });
  });

  it('clears when the agent chooses "Clear history" in that box', async () => {
    const electron = await startToReady();
    electron.dialog.showMessageBox.mockResolvedValueOnce({ response: 1, checkboxChecked: false });
    await expect(electron.ipcMain.invoke(BRIDGE_CHANNELS.clearHistory, { confirm: true }, APP_PAGE_URL)).resolves.toEqual({
      ok: true,
      value: { removed: 0 },
    });
  });
});

import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BRIDGE_CHANNELS } from '../../common/contract';
import { APP_PAGE_URL } from '../../main/window/app-protocol';
import { onlyWindow, startToReady } from './start-app-harness';

// Issue #10: a history export is written where the agent chose in main's save dialog
// (Electron's dialog.showSaveDialog, over the console window); the page cannot name a path.

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('startApp: exporting the change history', () => {
  it('asks the save dialog over the console window, and writes nothing when it is cancelled', async () => {
    const electron = await startToReady();
    const answer = await electron.ipcMain.invoke(BRIDGE_CHANNELS.exportHistory, { filter: {} }, APP_PAGE_URL);
    expect(answer).toEqual({ ok: true, value: { saved: false } });
    expect(electron.dialog.showSaveDialog).toHaveBeenCalledTimes(1);
    const [window, options] = electron.dialog.showSaveDialog.mock.calls[0] as unknown as [
      unknown,
      { defaultPath: string; filters: { extensions: string[] }[] },
    ];
    expect(window).toBe(onlyWindow(electron));
    expect(options.defaultPath).toMatch(/^conscent-history-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(options.filters[0]?.extensions).toEqual(['csv']);
  });

  it('writes the CSV to the path the dialog answers; a path sent by the page is refused', async () => {
    const electron = await startToReady();
    const dir = mkdtempSync(join(tmpdir(), 'cc-export-'));
    dirs.push(dir);
    const chosen = join(dir, 'chosen.csv');
    electron.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: chosen });
    await expect(electron.ipcMain.invoke(BRIDGE_CHANNELS.exportHistory, { filter: {} }, APP_PAGE_URL)).resolves.toEqual({
      ok: true,
      value: { saved: true, path: chosen, entries: 0, rows: 0 },
    });
    expect(readFileSync(chosen, 'utf8').split('\r\n')[0]).toMatch(/^entry,time \(UTC\),outcome,/);

    const elsewhere = join(dir, 'page-chosen.csv');
    await expect(electron.ipcMain.invoke(BRIDGE_CHANNELS.exportHistory, { filter: {}, path: elsewhere }, APP_PAGE_URL)).resolves.toMatchObject({
      ok: false,
      error: { kind: 'invalid-input' },
    });
    expect(existsSync(elsewhere)).toBe(false);
  });
});

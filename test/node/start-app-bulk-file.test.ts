import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BRIDGE_CHANNELS } from '../../common/contract';
import { APP_PAGE_URL } from '../../main/window/app-protocol';
import { onlyWindow, startToReady } from './start-app-harness';

// Issue 14: the bulk CSV is the one the agent picks in main's open dialog (Electron's
// dialog.showOpenDialog, over the console window); the page cannot name a path.

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('startApp: choosing a bulk CSV', () => {
  it('asks the open dialog over the console window, reads the file it answers, and refuses a path from the page', async () => {
    const electron = await startToReady();
    await expect(electron.ipcMain.invoke(BRIDGE_CHANNELS.bulkChooseFile, {}, APP_PAGE_URL)).resolves.toEqual({ ok: true, value: { chosen: false } });
    const [window, options] = electron.dialog.showOpenDialog.mock.calls[0] as unknown as [
      unknown,
      { properties: string[]; filters: { extensions: string[] }[] },
    ];
    expect(window).toBe(onlyWindow(electron));
    expect(options.properties).toEqual(['openFile']);
    expect(options.filters[0]?.extensions).toContain('csv');

    const dir = mkdtempSync(join(tmpdir(), 'cc-bulk-open-'));
    dirs.push(dir);
    const chosen = join(dir, 'fixes.csv');
    writeFileSync(chosen, '\uFEFFuserId;email\r\n5f0c1b2a3d4e5f6a7b8c9d0e;a@example.com\r\n');
    electron.dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: [chosen] });
    await expect(electron.ipcMain.invoke(BRIDGE_CHANNELS.bulkChooseFile, {}, APP_PAGE_URL)).resolves.toMatchObject({
      ok: true,
      value: {
        chosen: true,
        fileName: 'fixes.csv',
        columns: ['userId', 'email'],
        rows: 1,
        suggested: { userId: 'userId', fields: { email: 'email' } },
      },
    });
    await expect(electron.ipcMain.invoke(BRIDGE_CHANNELS.bulkChooseFile, { path: chosen }, APP_PAGE_URL)).resolves.toMatchObject({
      ok: false,
      error: { kind: 'invalid-input' },
    });
  });
});

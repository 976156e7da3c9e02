import { mkdtempSync, rmSync } from 'node:fs';
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { BulkFile, BulkProgress } from '../../common/bulk-schemas';
import { BRIDGE_CHANNELS, type OperationName } from '../../common/contract';
import { startApp } from '../../main/start-app';
import { APP_PAGE_URL } from '../../main/window/app-protocol';
import { WINDOW_STATE_FILE } from '../../main/window/window-state';
import { DEMO_CLIENT, startSimulator, type RunningSimulator } from '../../simulator';
import { writeBulkCsv } from '../helpers/bulk-console';
import { createStandInElectron, memoryKeytar, type StandInElectron, type StandInOptions } from '../helpers/stand-in-electron';
import { BUILT_MAIN_DIR, onlyWindow } from './start-app-harness';

// Issue 22.7, desktop conventions: the window comes back where the agent left it (on a
// display that is still there), and a bulk run that ends while the agent is elsewhere is
// announced by the OS.

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function dataFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cc-start-window-'));
  dirs.push(dir);
  return dir;
}

/** The console started over `dir` (as the same computer, run after run), through 'ready'. */
async function start(dir: string, options: StandInOptions = {}): Promise<StandInElectron> {
  const electron = createStandInElectron({ paths: { userData: join(dir, 'userData'), logs: join(dir, 'logs') }, ...options });
  const finished = startApp(electron, memoryKeytar(), { platform: 'linux', devServerUrl: undefined, mainDir: BUILT_MAIN_DIR });
  electron.app.becomeReady();
  await finished;
  return electron;
}

describe('the window’s size and place', () => {
  it('are remembered on close and restored at the next start, maximised again if it was', async () => {
    const dir = dataFolder();
    const first = await start(dir);
    const win = onlyWindow(first);
    expect(win.options).toMatchObject({ width: 1280, height: 860 });
    expect(win.options.x).toBeUndefined();
    win.normalBounds = { x: 210, y: 120, width: 1100, height: 700 };
    win.maximized = true;
    win.close();
    await expect
      .poll(async () => JSON.parse(await readFile(join(dir, 'userData', WINDOW_STATE_FILE), 'utf8').catch(() => '{}')))
      .toEqual({
        x: 210,
        y: 120,
        width: 1100,
        height: 700,
        maximized: true,
      });

    const again = onlyWindow(await start(dir));
    expect(again.options).toMatchObject({ x: 210, y: 120, width: 1100, height: 700 });
    again.emit('ready-to-show');
    expect(again.maximized).toBe(true);
    expect(again.visible).toBe(true);
  });

  it('a place on a display that is gone: the window opens centred on the one there is', async () => {
    const dir = dataFolder();
    await mkdir(join(dir, 'userData'), { recursive: true });
    await writeFile(join(dir, 'userData', WINDOW_STATE_FILE), JSON.stringify({ x: 2400, y: 200, width: 1200, height: 800, maximized: false }));
    const win = onlyWindow(await start(dir, { workAreas: [{ x: 0, y: 0, width: 1366, height: 728 }] }));
    expect(win.options.x).toBeUndefined();
    expect(win.options).toMatchObject({ width: 1200, height: 728 });
  });
});

describe('a bulk run that ends while the agent is elsewhere', () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await startSimulator({ port: 0, userCount: 4, seed: 3 });
  });
  afterAll(() => sim?.stop());

  async function runBulk(electron: StandInElectron, dir: string): Promise<void> {
    const call = async <T>(operation: OperationName, payload: unknown = {}): Promise<T> => {
      const result = (await electron.ipcMain.invoke(BRIDGE_CHANNELS[operation], payload, APP_PAGE_URL)) as { ok: boolean; value: T };
      if (!result.ok) throw new Error(`${operation}: ${JSON.stringify(result)}`);
      return result.value;
    };
    const connection = { name: 'Sim', environment: 'custom', baseUrl: sim.baseUrl, clientId: DEMO_CLIENT.clientId };
    const { id } = await call<{ id: string }>('saveConnection', {
      connection,
      credentials: { apiKey: DEMO_CLIENT.apiKey, apiSecret: DEMO_CLIENT.apiSecret },
    });
    const csv = await writeBulkCsv(
      join(dir, 'fixes.csv'),
      sim
        .listUsers()
        .map((u) => u.userId)
        .slice(0, 2),
    );
    electron.dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: [csv] });
    const file = await call<BulkFile>('bulkChooseFile');
    await call('bulkValidate', { runId: file.runId, connectionId: id, mapping: file.suggested });
    let progress = await call<BulkProgress>('bulkStart', { runId: file.runId, mode: 'send', concurrency: 1, skipInvalid: false });
    while (progress.state !== 'finished') progress = await call<BulkProgress>('bulkProgress', { runId: file.runId, seen: progress.seq });
  }

  it('is announced by a notification naming the file and the counts; clicking it brings the console forward', async () => {
    const dir = dataFolder();
    const electron = await start(dir);
    const win = onlyWindow(electron);
    win.minimize();
    await runBulk(electron, dir);
    await expect.poll(() => electron.notifications.length).toBe(1);
    expect(electron.notifications[0]!.options).toEqual({
      title: 'Bulk run finished',
      body: 'fixes.csv: 2 saved. Open the console to see the results.',
    });
    electron.notifications[0]!.click();
    expect(win.isMinimized()).toBe(false);
    expect(win.focused).toBe(true);
  });

  it('is not announced when the agent is looking at the console', async () => {
    const dir = dataFolder();
    const electron = await start(dir);
    onlyWindow(electron).focus();
    await runBulk(electron, dir);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(electron.notifications).toEqual([]);
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach } from 'vitest';
import { startApp, type StartAppEnv } from '../../main/start-app';
import { createStandInElectron, memoryKeytar, type StandInElectron, type StandInOptions } from '../helpers/stand-in-electron';

// Runs the real startApp against the stand-in Electron, the way Electron would: the
// synchronous part of startup, then 'ready'. Shared by the start-app and main-entry tests.

export const ROOT = resolve(__dirname, '../..');
/** Where the built main bundle lives: startApp finds the preload and the page beside it. */
export const BUILT_MAIN_DIR = join(ROOT, 'out', 'main');

const tempDirs: string[] = [];
afterEach(() => {
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

export interface Started {
  electron: StandInElectron;
  /** startApp's own promise: settled once startup is over. */
  finished: Promise<void>;
}

/** Calls startApp without making the app ready, so a test can look at what happened before. */
export function beginStart(options: StandInOptions = {}, env: Partial<StartAppEnv> = {}): Started {
  const dir = mkdtempSync(join(tmpdir(), 'conscent-start-app-'));
  tempDirs.push(dir);
  const electron = createStandInElectron({ paths: { userData: join(dir, 'userData'), logs: join(dir, 'logs') }, ...options });
  const finished = startApp(electron, memoryKeytar(), { platform: 'linux', devServerUrl: undefined, mainDir: BUILT_MAIN_DIR, ...env });
  return { electron, finished };
}

/** startApp through 'ready' to the end of startup. */
export async function startToReady(options: StandInOptions = {}, env: Partial<StartAppEnv> = {}): Promise<StandInElectron> {
  const { electron, finished } = beginStart(options, env);
  electron.app.becomeReady();
  await finished;
  return electron;
}

/** The one window the console has open (fails the test if there is not exactly one). */
export function onlyWindow(electron: StandInElectron) {
  const open = electron.BrowserWindow.getAllWindows();
  if (open.length !== 1) throw new Error(`expected one open window, found ${open.length}`);
  return open[0]!;
}

import { mkdir, writeFile } from 'node:fs/promises';
import { forkKeytarHelper } from '../../main/credentials/keytar-helper-client';
import type { DisposableKeytar } from '../../main/credentials/keytar-reconnect';
import { join, resolve } from 'node:path';
import keytar from 'keytar';
import type { Page } from 'playwright-core';
import type { AppCommand } from '../../common/app-events';
import type { AppServicesOptions } from '../../main/app-services';
import type { KeytarLike } from '../../main/credentials/credential-store';
import { openConsoleShell } from '../../scripts/chromium-shell/console-shell';
import { startSimulator, type RunningSimulator, type SimulatorOptions } from '../../simulator';
import { useKeyringSituationInThisProcess, type KeyringSituation, type TestKeyring } from '../helpers/keyring';

const ROOT = resolve(__dirname, '../..');
export const SCREENSHOT_DIR = join(ROOT, 'test-results', 'screenshots');

export interface ConsoleUnderTest {
  page: Page;
  sim: RunningSimulator;
  keyring: TestKeyring;
  userDataDir: string;
  /** Every IPC result the page received, for leak checks. */
  ipcResults: unknown[];
  /** Every console message and uncaught page error of the browser, from the first page on. */
  consoleMessages: string[];
  /** Chromium's profile (storage, caches), inside the temp HOME as Electron's is inside userData. */
  browserProfileDir: string;
  /** Starts a fresh simulator on the given port (after `sim.stop()`), as if ConsCent came back. */
  restartSimulator(port: number): Promise<RunningSimulator>;
  /** Opens a fresh page (a "restart" of the window), same main-process state. */
  reopen(): Promise<Page>;
  /** The page of the console window opened next (issue 22.4: "Open in new window"), once loaded. */
  nextWindow(): Promise<Page>;
  /** Starts the console again: fresh main-process state (nothing remembered in memory), same user data, keychain and simulator. */
  restart(): Promise<Page>;
  /** Where main's save dialog stand-in puts the next history export; null answers "cancelled". */
  exportTo(path: string | null): void;
  /** The file main's open dialog stand-in answers for the next bulk CSV (issue 14); null answers "cancelled". */
  csvFrom(path: string | null): void;
  /** How main's own Clear history dialog stand-in answers (issue 18); "Keep it" until told. */
  answerClearHistory(confirm: boolean): void;
  /** Every Clear history confirmation main asked for: the number of changes it named. */
  clearHistoryAsked: number[];
  /** A conscent-console:// link handed to main as the OS would (main parses it and tells the page). */
  openLink(url: string): void;
  /** A click on an item of the app menu's Reader menu (main sends the command to the page). */
  menuCommand(command: AppCommand): void;
  /** fullPage: false for dialogs, which sit fixed in the viewport. */
  screenshot(name: string, options?: { fullPage?: boolean }): Promise<string>;
  close(): Promise<void>;
}

export const E2E_REQUEST_TIMEOUT_MS = 2_000;

export interface LaunchOptions {
  /** The keychain this test process (and so the app's main side) finds; one per test file. */
  keychain?: KeyringSituation;
  /** Written to userData/settings.json before the page loads, e.g. a damaged file. */
  settingsFileText?: string;
  /** Runs on the (created) userData folder before main's services are wired, e.g. to leave a lock file there. */
  prepareUserData?: (userDataDir: string) => Promise<void>;
  /** The keytar main's services use, e.g. one that counts keychain calls; the real one when absent. */
  keytar?: KeytarLike;
  /** What Electron would tell main about the network (system proxy, OS certificates); plain Node's when absent. */
  network?: AppServicesOptions['network'];
  /** The organisation's policy file main reads (issue 21.1), in place of the machine's; none when absent. */
  policyFile?: string;
  /** Saves answered before their outcome line is on disk, as the app does (the bench); off when absent. */
  outcomeAfterAnswer?: boolean;
  /** Keep every IPC result for leak checks (default); the bench turns it off, or its 4,000 calls would count as main's memory. */
  recordIpcResults?: boolean;
}

export async function launchConsole(
  simOptions: SimulatorOptions = { userCount: 200, seed: 11 },
  options: LaunchOptions = {},
): Promise<ConsoleUnderTest> {
  const keyring = await useKeyringSituationInThisProcess(options.keychain ?? 'unlocked');
  const sim = await startSimulator(simOptions);
  const userDataDir = join(keyring.env.HOME, 'userData');
  if (options.settingsFileText !== undefined) {
    await mkdir(userDataDir, { recursive: true });
    await writeFile(join(userDataDir, 'settings.json'), options.settingsFileText);
  }
  if (options.prepareUserData) {
    await mkdir(userDataDir, { recursive: true });
    await options.prepareUserData(userDataDir);
  }
  const browserProfileDir = join(keyring.env.HOME, 'chromium-profile');
  const ipcResults: unknown[] = [];
  const consoleMessages: string[] = [];
  // Electron's save dialog in main, played by the test: it answers the path the test set.
  let exportPath: string | null = null;
  let csvPath: string | null = null;
  // keytar in a fresh process, as the app starts one (utilityProcess) after the keychain restarted.
  const helpers: DisposableKeytar[] = [];
  const freshKeytar = (): DisposableKeytar => {
    const helper = forkKeytarHelper(join(ROOT, 'main', 'keytar-helper.ts'), ['--import', 'tsx']);
    helpers.push(helper);
    return helper;
  };
  let clearAnswer = false;
  const clearHistoryAsked: number[] = [];
  const shellOptions: Parameters<typeof openConsoleShell>[0] = {
    rendererDir: join(ROOT, 'out', 'renderer'),
    preloadPath: join(ROOT, 'out', 'preload', 'index.cjs'),
    services: {
      userDataDir,
      logDir: join(keyring.env.HOME, 'logs'),
      keytar: options.keytar ?? keytar,
      freshKeytar,
      requestTimeoutMs: E2E_REQUEST_TIMEOUT_MS,
      chooseExportPath: async () => exportPath,
      chooseCsvFile: async () => csvPath,
      confirmClearHistory: async (entries) => (clearHistoryAsked.push(entries), clearAnswer),
      ...(options.network ? { network: options.network } : {}),
      // Never the machine's own /etc/conscent-console/policy.json: a test states its policy, or has none.
      policy: { platform: 'linux', env: {}, filePath: options.policyFile ?? null },
      ...(options.outcomeAfterAnswer ? { outcomeAfterAnswer: true } : {}),
    },
    browserProfileDir,
    headless: true,
    onIpcResult: (result) => (options.recordIpcResults === false ? undefined : void ipcResults.push(result)),
    onConsoleMessage: (text) => consoleMessages.push(text),
  };
  let shell = await openConsoleShell(shellOptions);
  const open = (): Promise<Page> => shell.open();

  const app: ConsoleUnderTest = {
    page: await open(),
    sim,
    keyring,
    userDataDir,
    ipcResults,
    consoleMessages,
    browserProfileDir,
    async restartSimulator(port) {
      app.sim = await startSimulator({ ...simOptions, port });
      return app.sim;
    },
    exportTo(path) {
      exportPath = path;
    },
    csvFrom(path) {
      csvPath = path;
    },
    answerClearHistory(confirm) {
      clearAnswer = confirm;
    },
    clearHistoryAsked,
    openLink(url) {
      shell.appEvents.openLink(url);
    },
    menuCommand(command) {
      shell.appEvents.send({ kind: 'command', command });
    },
    nextWindow: () => shell.nextWindow(),
    async reopen() {
      await app.page.close();
      app.page = await open();
      return app.page;
    },
    async restart() {
      await shell.close();
      shell = await openConsoleShell(shellOptions);
      app.page = await open();
      return app.page;
    },
    async screenshot(name, options = {}) {
      await mkdir(SCREENSHOT_DIR, { recursive: true });
      const path = join(SCREENSHOT_DIR, `${name}.png`);
      await app.page.screenshot({ path, fullPage: options.fullPage ?? true });
      return path;
    },
    async close() {
      await shell.close();
      for (const helper of helpers) helper.close();
      await app.sim.stop();
      await keyring.stop();
    },
  };
  return app;
}

import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import keytar from 'keytar';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { createAppBridgeHandlers } from '../../main/app-services';
import { registerBridge } from '../../main/ipc/register-bridge';
import { createSenderCheck } from '../../main/ipc/sender-check';
import { startSimulator, type RunningSimulator, type SimulatorOptions } from '../../simulator';
import { FakeIpcMain } from '../helpers/fake-ipc-main';
import { useKeyringSituationInThisProcess, type KeyringSituation, type TestKeyring } from '../helpers/keyring';
import { IPC_BINDING, preloadInitScript } from './preload-shim';
import { serveRenderer } from './renderer-server';

const ROOT = resolve(__dirname, '../..');
export const SCREENSHOT_DIR = join(ROOT, 'test-results', 'screenshots');

// Flags from the machine notes: headless, and no background networking (the closed
// network here refuses it, noisily). --no-sandbox because tests run as root.
const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

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
}

export async function launchConsole(
  simOptions: SimulatorOptions = { userCount: 200, seed: 11 },
  options: LaunchOptions = {},
): Promise<ConsoleUnderTest> {
  const keyring = await useKeyringSituationInThisProcess(options.keychain ?? 'unlocked');
  const sim = await startSimulator(simOptions);
  const server = await serveRenderer(join(ROOT, 'out', 'renderer'));
  const userDataDir = join(keyring.env.HOME, 'userData');
  if (options.settingsFileText !== undefined) {
    await mkdir(userDataDir, { recursive: true });
    await writeFile(join(userDataDir, 'settings.json'), options.settingsFileText);
  }
  const browserProfileDir = join(keyring.env.HOME, 'chromium-profile');
  const ipc = new FakeIpcMain();
  // The page playing the console's main window: the latest one opened (reopen replaces it).
  let mainWindowPage: Page | null = null;
  registerBridge(
    ipc,
    createAppBridgeHandlers({ userDataDir, logDir: join(keyring.env.HOME, 'logs'), keytar, requestTimeoutMs: E2E_REQUEST_TIMEOUT_MS }),
    { isAppPage: createSenderCheck(server.pageUrl), isMainWindow: (sender) => sender !== null && sender === mainWindowPage },
  );
  const context: BrowserContext = await chromium.launchPersistentContext(browserProfileDir, {
    executablePath: '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 860 },
  });
  const ipcResults: unknown[] = [];
  const consoleMessages: string[] = [];
  context.on('console', (message) => consoleMessages.push(`${message.type()}: ${message.text()}`));
  await context.exposeBinding(IPC_BINDING, async (source, channel: unknown, payload: unknown) => {
    if (typeof channel !== 'string') throw new Error('channel must be a string');
    // As Electron describes the sender: its window (here the page) and its frame.
    const result = await ipc.invokeFrom(channel, payload, {
      sender: source.page,
      senderFrame: { url: source.frame.url(), parent: source.frame.parentFrame() },
    });
    ipcResults.push(result);
    return result;
  });
  await context.addInitScript({ content: await preloadInitScript(join(ROOT, 'out', 'preload', 'index.cjs')) });

  async function open(): Promise<Page> {
    const page = await context.newPage();
    mainWindowPage = page;
    page.on('pageerror', (error) => consoleMessages.push(`pageerror: ${error.message}\n${error.stack ?? ''}`));
    await page.goto(server.pageUrl);
    return page;
  }

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
    async reopen() {
      await app.page.close();
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
      await context.close().catch(() => undefined);
      await server.close();
      await app.sim.stop();
      await keyring.stop();
    },
  };
  return app;
}

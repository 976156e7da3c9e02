import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import keytar from 'keytar';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createAppBridgeHandlers } from '../../main/app-services';
import { registerBridge } from '../../main/ipc/register-bridge';
import { createSenderCheck } from '../../main/ipc/sender-check';
import { startSimulator, type RunningSimulator, type SimulatorOptions } from '../../simulator';
import { FakeIpcMain } from '../helpers/fake-ipc-main';
import { useUnlockedKeyringInThisProcess, type TestKeyring } from '../helpers/keyring';
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
  /** Starts a fresh simulator on the given port (after `sim.stop()`), as if ConsCent came back. */
  restartSimulator(port: number): Promise<RunningSimulator>;
  /** Opens a fresh page (a "restart" of the window), same main-process state. */
  reopen(): Promise<Page>;
  /** fullPage: false for dialogs, which sit fixed in the viewport. */
  screenshot(name: string, options?: { fullPage?: boolean }): Promise<string>;
  close(): Promise<void>;
}

export const E2E_REQUEST_TIMEOUT_MS = 2_000;

export async function launchConsole(simOptions: SimulatorOptions = { userCount: 200, seed: 11 }): Promise<ConsoleUnderTest> {
  const keyring = await useUnlockedKeyringInThisProcess();
  const sim = await startSimulator(simOptions);
  const server = await serveRenderer(join(ROOT, 'out', 'renderer'));
  const userDataDir = join(keyring.env.HOME, 'userData');
  const ipc = new FakeIpcMain();
  registerBridge(
    ipc,
    createAppBridgeHandlers({ userDataDir, logDir: join(keyring.env.HOME, 'logs'), keytar, requestTimeoutMs: E2E_REQUEST_TIMEOUT_MS }),
    createSenderCheck(server.pageUrl),
  );
  const browser: Browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
  const ipcResults: unknown[] = [];
  await context.exposeBinding(IPC_BINDING, async (source, channel: unknown, payload: unknown) => {
    if (typeof channel !== 'string') throw new Error('channel must be a string');
    const result = await ipc.invoke(channel, payload, source.frame.url());
    ipcResults.push(result);
    return result;
  });
  await context.addInitScript({ content: await preloadInitScript(join(ROOT, 'out', 'preload', 'index.cjs')) });

  async function open(): Promise<Page> {
    const page = await context.newPage();
    await page.goto(server.pageUrl);
    return page;
  }

  const app: ConsoleUnderTest = {
    page: await open(),
    sim,
    keyring,
    userDataDir,
    ipcResults,
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
      await browser.close().catch(() => undefined);
      await server.close();
      await app.sim.stop();
      await keyring.stop();
    },
  };
  return app;
}

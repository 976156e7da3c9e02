import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { createAppServices, type AppServicesOptions } from '../../main/app-services';
import { registerBridge } from '../../main/ipc/register-bridge';
import { createSenderCheck } from '../../main/ipc/sender-check';
import { createAppEventSender, type AppEventSender } from '../../main/window/app-events';
import { FakeIpcMain } from '../../test/helpers/fake-ipc-main';
import { CHROMIUM_PATH, chromiumArgs } from './chromium';
import { IPC_BINDING, IPC_EMIT, preloadInitScript } from './preload-shim';
import { serveRenderer } from './renderer-server';

// The console without Electron: the real built renderer and preload in the system's
// Chromium, wired to the real main-process handlers in this Node process. Only Electron's
// transport is replaced: the page is served through the app's own app:// handler (CSP
// included) and the preload's ipcRenderer.invoke reaches registerBridge, with the same
// sender check, through a Playwright binding. Used by the end-to-end tests
// (test/e2e/harness.ts) and by `npm run preview`.

export interface ConsoleShellOptions {
  /** Built renderer folder (out/renderer) and preload bundle (out/preload/index.cjs). */
  rendererDir: string;
  preloadPath: string;
  /** What main's services get: data and log folders, keytar, request deadline. */
  services: AppServicesOptions;
  /** Chromium's own profile folder. */
  browserProfileDir: string;
  headless: boolean;
  /** Environment for Chromium (e.g. a DISPLAY for a visible window); Node's when absent. */
  browserEnv?: NodeJS.ProcessEnv;
  /** Every IPC result the page receives. */
  onIpcResult?: (result: unknown) => void;
  /** Every console message and uncaught page error of the browser. */
  onConsoleMessage?: (text: string) => void;
}

export interface ConsoleShell {
  context: BrowserContext;
  pageUrl: string;
  /** Main's sender of links and menu commands (main/window/app-events.ts), delivering to the latest page. */
  appEvents: AppEventSender;
  /** Opens the console page in a new tab, which becomes "the main window" the bridge trusts. */
  open(): Promise<Page>;
  close(): Promise<void>;
}

export async function openConsoleShell(options: ConsoleShellOptions): Promise<ConsoleShell> {
  const server = await serveRenderer(options.rendererDir);
  const ipc = new FakeIpcMain();
  // The page playing the console's main window: the latest one opened.
  let mainWindowPage: Page | null = null;
  const appEvents = createAppEventSender();
  // As start-app.ts: main tells the page when the keychain is back (issue 17.5).
  const services = createAppServices({ onKeychainBack: () => appEvents.send({ kind: 'keychain-back' }), ...options.services });
  registerBridge(ipc, services.handlers, {
    isAppPage: createSenderCheck(server.pageUrl),
    isMainWindow: (sender) => sender !== null && sender === mainWindowPage,
  });

  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(options.browserProfileDir, {
      executablePath: CHROMIUM_PATH,
      args: chromiumArgs({ headless: options.headless }),
      headless: options.headless,
      ...(options.browserEnv ? { env: options.browserEnv } : {}),
      // Headless has no window to size the page; a visible window sizes it itself.
      viewport: options.headless ? { width: 1280, height: 860 } : null,
    });
  } catch (error) {
    await server.close();
    throw error;
  }
  const report = options.onConsoleMessage ?? (() => undefined);
  context.on('console', (message) => report(`${message.type()}: ${message.text()}`));
  await context.exposeBinding(IPC_BINDING, async (source, channel: unknown, payload: unknown) => {
    if (typeof channel !== 'string') throw new Error('channel must be a string');
    // As Electron describes the sender: its window (here the page) and its frame.
    const result = await ipc.invokeFrom(channel, payload, {
      sender: source.page,
      senderFrame: { url: source.frame.url(), parent: source.frame.parentFrame() },
    });
    options.onIpcResult?.(result);
    return result;
  });
  await context.addInitScript({ content: await preloadInitScript(options.preloadPath) });

  return {
    context,
    pageUrl: server.pageUrl,
    appEvents,
    async open() {
      const page = await context.newPage();
      mainWindowPage = page;
      // The page as Electron's webContents: loads reported, sends evaluated into its preload shim.
      appEvents.attach({
        send: (channel, event) =>
          void page
            .evaluate(([name, ch, ev]) => (globalThis as unknown as Record<string, (c: unknown, e: unknown) => void>)[name]?.(ch, ev), [
              IPC_EMIT,
              channel,
              event,
            ] as const)
            .catch(() => undefined),
        on: (event, listener) => {
          if (event === 'did-finish-load') page.on('load', listener);
          else if (event === 'destroyed') page.on('close', listener);
          else page.on('framenavigated', (frame) => frame === page.mainFrame() && listener());
          return page;
        },
      });
      page.on('pageerror', (error) => report(`pageerror: ${error.message}\n${error.stack ?? ''}`));
      await page.goto(server.pageUrl);
      return page;
    },
    async close() {
      await context.close().catch(() => undefined);
      await server.close();
      // As main's quit path (start-app.ts): the audit forwarder gets its short flush and stops.
      await services.stop();
    },
  };
}

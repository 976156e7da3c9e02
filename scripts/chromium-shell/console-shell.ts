import { EventEmitter } from 'node:events';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import type { AppEvent } from '../../common/app-events';
import { createAppServices, type AppServicesOptions } from '../../main/app-services';
import { registerBridge } from '../../main/ipc/register-bridge';
import { createSenderCheck } from '../../main/ipc/sender-check';
import type { AppEventTarget } from '../../main/window/app-events';
import { createConsoleWindows, type ConsoleWindowLike, type ConsoleWindows } from '../../main/window/console-windows';
import { FakeIpcMain } from '../../test/helpers/fake-ipc-main';
import { CHROMIUM_PATH, chromiumArgs } from './chromium';
import { IPC_BINDING, IPC_EMIT, preloadInitScript } from './preload-shim';
import { serveRenderer } from './renderer-server';

// The console without Electron: the real built renderer and preload in the system's
// Chromium, wired to the real main-process handlers in this Node process. Only Electron's
// transport is replaced: the page is served through the app's own app:// handler (CSP
// included) and the preload's ipcRenderer.invoke reaches registerBridge, with the same
// sender check, through a Playwright binding. Each console window is a page, kept by main's
// own window set (main/window/console-windows.ts), so "Open in new window" opens a page here
// as it opens a window in the app. Used by the end-to-end tests (test/e2e/harness.ts) and
// by `npm run preview`.

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
  /** What main tells pages: links and menu commands go to the window the agent is in, other events to every window. */
  appEvents: { openLink(raw: string): void; send(event: AppEvent): void };
  /** Opens a console window (a new tab, which the bridge trusts as it trusts the app's windows), on the console page. */
  open(): Promise<Page>;
  /** The page of the console window opened next (by the page's "Open in new window", say), once it has loaded. */
  nextWindow(): Promise<Page>;
  close(): Promise<void>;
}

export async function openConsoleShell(options: ConsoleShellOptions): Promise<ConsoleShell> {
  const server = await serveRenderer(options.rendererDir);
  const ipc = new FakeIpcMain();
  // Set once the browser is up: console windows are its pages.
  let windows: ConsoleWindows<ShellWindow> | null = null;
  const opened: Array<(page: Page) => void> = [];
  // As start-app.ts: main tells every page when the keychain is back (issue 17.5), and opens a reader in a new window.
  const services = createAppServices({
    onKeychainBack: () => windows?.sendToAll({ kind: 'keychain-back' }),
    onPolicyChanged: () => windows?.sendToAll({ kind: 'policy-changed' }),
    openReaderWindow: async ({ userId, connection }) => windows?.openReader(userId, connection) ?? { opened: false, reason: 'no-windows' },
    ...options.services,
  });
  registerBridge(ipc, services.handlers, {
    isAppPage: createSenderCheck(server.pageUrl),
    isConsoleWindow: (sender) => windows?.isConsoleWindow(sender) ?? false,
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
    await services.stop();
    await server.close();
    throw error;
  }
  const report = options.onConsoleMessage ?? (() => undefined);
  const pageUrl = server.pageUrl;
  const consoleWindows = createConsoleWindows<ShellWindow>({
    create: () => {
      const win = new ShellWindow();
      void context
        .newPage()
        .then(async (page) => {
          win.attach(page);
          page.on('pageerror', (error) => report(`pageerror: ${error.message}\n${error.stack ?? ''}`));
          await page.goto(pageUrl);
          opened.shift()?.(page);
        })
        .catch((error: unknown) => report(`window: ${String(error)}`));
      return win;
    },
  });
  windows = consoleWindows;
  context.on('console', (message) => report(`${message.type()}: ${message.text()}`));
  await context.exposeBinding(IPC_BINDING, async (source, channel: unknown, payload: unknown) => {
    if (typeof channel !== 'string') throw new Error('channel must be a string');
    // As Electron describes the sender: its window's webContents (here the page's) and its frame.
    const sender = consoleWindows.all().find((win) => win.page === source.page)?.webContents ?? source.page;
    const result = await ipc.invokeFrom(channel, payload, {
      sender,
      senderFrame: { url: source.frame.url(), parent: source.frame.parentFrame() },
    });
    options.onIpcResult?.(result);
    return result;
  });
  await context.addInitScript({ content: await preloadInitScript(options.preloadPath) });

  return {
    context,
    pageUrl,
    appEvents: {
      openLink: (raw) => consoleWindows.openLink(raw),
      send: (event) => (event.kind === 'command' ? consoleWindows.sendCommand(event.command) : consoleWindows.sendToAll(event)),
    },
    async open() {
      const page = new Promise<Page>((resolve) => opened.push(resolve));
      if (!consoleWindows.open().opened) throw new Error('too many console windows');
      return page;
    },
    nextWindow: () => new Promise<Page>((resolve) => opened.push(resolve)),
    async close() {
      await context.close().catch(() => undefined);
      await server.close();
      // As main's quit path (start-app.ts): the audit forwarder gets its short flush and stops.
      await services.stop();
    },
  };
}

/**
 * A console window played by a Chromium page: its webContents for main's app events (loads
 * reported, sends evaluated into the preload shim), focus and closing as a window's.
 */
class ShellWindow extends EventEmitter implements ConsoleWindowLike {
  page: Page | null = null;
  private focused = false;
  private readonly contents = new EventEmitter();
  readonly webContents: AppEventTarget = {
    send: (channel, event) =>
      void this.page
        ?.evaluate(([name, ch, ev]) => (globalThis as unknown as Record<string, (c: unknown, e: unknown) => void>)[name]?.(ch, ev), [
          IPC_EMIT,
          channel,
          event,
        ] as const)
        .catch(() => undefined),
    on: (event, listener) => this.contents.on(event, listener),
  };
  attach(page: Page): void {
    this.page = page;
    page.on('load', () => this.contents.emit('did-finish-load'));
    page.on('framenavigated', (frame) => frame === page.mainFrame() && this.contents.emit('did-start-loading'));
    page.on('close', () => {
      this.contents.emit('destroyed');
      this.emit('closed');
    });
  }
  getNormalBounds() {
    const size = this.page?.viewportSize() ?? { width: 1280, height: 860 };
    return { x: 0, y: 0, ...size };
  }
  isFocused(): boolean {
    return this.focused;
  }
  isMinimized(): boolean {
    return false;
  }
  restore(): void {}
  show(): void {}
  focus(): void {
    this.focused = true;
    this.emit('focus');
  }
}

import { join } from 'node:path';
import { createAppServices } from './app-services';
import { confirmClearWith } from './history/clear-confirmation';
import type { KeytarLike } from './credentials/credential-store';
import type { DisposableKeytar } from './credentials/keytar-reconnect';
import type { ElectronApi, WindowLike } from './electron-api';
import { registerBridge } from './ipc/register-bridge';
import { osCertificates } from './network/network-environment';
import { createFileLogger } from './logging/logger';
import { createSenderCheck } from './ipc/sender-check';
import { DEEP_LINK_SCHEME, linkInArgv } from '../common/deep-link';
import { PRODUCT_NAME } from '../common/product';
import { aboutPanelOptions, createMenuTemplate } from './window/app-menu';
import { resolveAppPage, type AppPage } from './window/app-page';
import { APP_SCHEME, APP_SCHEME_PRIVILEGES, createAppProtocolHandler } from './window/app-protocol';
import { installCloseGuard } from './window/close-guard';
import { createConsoleWindows, tooManyWindowsMessage } from './window/console-windows';
import { developmentCsp, productionCsp } from './window/content-security-policy';
import { installDevServerCsp } from './window/dev-server-csp';
import { denyAllPermissions, installAppSecurity } from './window/security-handlers';
import { DEFAULT_SIZE, MIN_SIZE, createWindowOptions } from './window/window-options';
import { USER_GUIDE_URL, userGuideWindowOptions } from './window/user-guide';
import { bulkNotification, type RunEnded } from './window/bulk-notification';
import { WINDOW_STATE_FILE, cascadeFrom, placeWindow, readWindowState, writeWindowState, type WindowState } from './window/window-state';

// The app's startup: wires the plain modules under main/ to Electron's objects. Electron
// is passed in (main/index.ts hands over the real one) so this runs, and is tested, in
// plain Node against a stand-in (test/node/start-app*.test.ts).

export interface StartAppEnv {
  platform: NodeJS.Platform;
  /** ELECTRON_RENDERER_URL: electron-vite's dev server in development; ignored when packaged. */
  devServerUrl: string | undefined;
  /** Folder of the built main bundle (out/main); the preload and the page are beside it. */
  mainDir: string;
  /** This process's own command line: on Windows and Linux a conscent-console:// link it was started for. */
  argv?: readonly string[];
  /** Starts keytar in a fresh process (Electron's utilityProcess), for after the keychain service restarted. */
  freshKeytar?: () => DisposableKeytar;
}

export const STARTUP_ERROR_TITLE = `${PRODUCT_NAME} could not start`;

/**
 * Starts the console. Resolves once startup has finished: the window is loading, or this
 * process is a second instance and quits, or startup failed and the error was shown.
 */
export function startApp<W extends WindowLike, M>(electron: ElectronApi<W, M>, keytar: KeytarLike, env: StartAppEnv): Promise<void> {
  const { app, BrowserWindow, dialog, protocol, session } = electron;

  // Both must happen before 'ready'. enableSandbox makes every renderer sandboxed even if a
  // window were ever created without our options.
  app.enableSandbox();
  protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);

  // Built layout: out/main/index.js, out/preload/index.cjs, out/renderer/index.html.
  const preloadPath = join(env.mainDir, '../preload/index.cjs');
  const rendererDir = join(env.mainDir, '../renderer');

  let started = false;
  const raise = (win: W): void => {
    if (win.isMinimized()) win.restore();
    win.show();
    win.focus();
  };
  const bringForward = (): void => {
    // The window the agent was in. macOS keeps running without a window: a link then opens
    // one (startup is over). (The user guide may still be open: it is not the console.)
    const win = windows.current();
    if (win) raise(win);
    else if (started) openFirstWindow();
  };

  const failToStart = (error: unknown): void => {
    // Our own startup errors (paths, settings, page load); no credentials are read yet.
    const detail = error instanceof Error ? error.message : String(error);
    dialog.showErrorBox(STARTUP_ERROR_TITLE, detail);
    app.exit(1);
  };

  let page: AppPage;
  try {
    page = resolveAppPage({ isPackaged: app.isPackaged, devServerUrl: env.devServerUrl });
  } catch (error) {
    failToStart(error);
    return Promise.resolve();
  }
  // One definition of "the app page" for IPC senders and for navigation.
  const isAppPage = createSenderCheck(page.url);

  if (!app.requestSingleInstanceLock()) {
    // The first instance receives this one's argv (its link) in 'second-instance'.
    app.quit();
    return Promise.resolve();
  }

  // The window's size and place (window-state.ts): read once at start, kept up to date on
  // each close of the first window, so a window reopened later (macOS) opens where it was.
  let windowState: WindowState | undefined;
  const windowStateFile = (): string => join(app.getPath('userData'), WINDOW_STATE_FILE);
  /** The newest window's page load: startup (and a window reopened with none open) fails with it (failToStart). */
  let lastLoad: Promise<void> = Promise.resolve();

  // Every console window is built here, alike: the same locked-down options and preload,
  // the same close guard, the same page (its CSP and the security handlers apply to every
  // webContents). console-windows.ts keeps the set and routes links and commands to them.
  const windows = createConsoleWindows<W>({
    create: (place) => {
      const workAreas = electron.screen.getAllDisplays().map((display) => display.workArea);
      // The first window where the agent left it, if that display is still there; a further
      // one a step from the window the agent is in.
      const placed = place.cascadeFrom
        ? { bounds: cascadeFrom(place.cascadeFrom, workAreas), maximized: false }
        : placeWindow(windowState, workAreas, { default: DEFAULT_SIZE, min: MIN_SIZE });
      const win = new BrowserWindow(createWindowOptions({ preloadPath, allowDevTools: !app.isPackaged, bounds: placed.bounds }));
      // Unsaved edits are guarded per window; on quit each window with some is brought
      // forward as it asks, so the agent sees which reader's edits the question is about.
      installCloseGuard(win.webContents, (options) => {
        raise(win);
        return dialog.showMessageBoxSync(win, options);
      });
      win.once('ready-to-show', () => {
        if (placed.maximized) win.maximize();
        win.show();
      });
      if (place.remembered) {
        win.on('close', () => {
          // Remembered as it was before any maximising, so un-maximising next time restores it.
          windowState = { ...win.getNormalBounds(), maximized: win.isMaximized() };
          writeWindowState(windowStateFile(), windowState).catch(() => undefined);
        });
      }
      lastLoad = win.loadURL(page.url);
      // Handled here too, so a further window's failed load (the same page as the first's) is no unhandled rejection.
      lastLoad.catch(() => undefined);
      return win;
    },
  });
  const openFirstWindow = (): void => {
    if (windows.open().opened) lastLoad.catch(failToStart);
  };
  /** File → New Window: refused with main's own message when the limit is reached. */
  const openNewWindow = (): void => {
    const made = windows.open();
    if (made.opened) return;
    const parent = windows.current();
    if (parent) dialog.showMessageBox(parent, tooManyWindowsMessage(made.limit)).catch(() => undefined);
  };

  // conscent-console:// links (issue #11). Registered only when packaged: in development
  // the OS would be told to open links with the bare Electron binary. macOS hands links
  // over in 'open-url', possibly before 'ready' (the window set keeps them for the next
  // window, and each window's events wait until its page has loaded); Windows and Linux
  // put the link in the command line, of this process at its start or of the second
  // instance.
  if (app.isPackaged) app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME);
  app.on('open-url', (event, url) => {
    event.preventDefault();
    windows.openLink(url);
    bringForward();
  });
  const startLink = linkInArgv(env.argv ?? []);
  if (startLink) windows.openLink(startLink);

  let guideWindow: W | null = null;
  /** Help → User Guide: one guide window, brought forward if it is already open. */
  const openUserGuide = (): void => {
    if (guideWindow) {
      guideWindow.show();
      guideWindow.focus();
      return;
    }
    const win = new BrowserWindow(userGuideWindowOptions());
    guideWindow = win;
    win.once('ready-to-show', () => win.show());
    win.on('closed', () => {
      if (guideWindow === win) guideWindow = null;
    });
    win.loadURL(USER_GUIDE_URL).catch(() => undefined);
  };

  /** A bulk run ended: the agent elsewhere hears it from the OS; clicking brings the console forward. */
  const notifyRunEnded = (run: RunEnded): void => {
    if (windows.all().some((win) => win.isFocused()) || !electron.Notification.isSupported()) return;
    const notification = new electron.Notification(bulkNotification(run));
    notification.on('click', bringForward);
    notification.show();
  };

  const start = async (): Promise<void> => {
    // Before any webContents exists (none can before ready): every one is hardened as it
    // is created, and windows it asks to open are refused and their host logged.
    installAppSecurity(app, { isAppPage, logger: createFileLogger({ dir: app.getPath('logs') }) });
    const menuTemplate = createMenuTemplate({
      platform: env.platform,
      appName: app.name,
      isPackaged: app.isPackaged,
      sendCommand: (command) => windows.sendCommand(command),
      newWindow: openNewWindow,
      // Built with the page; the development server has none.
      ...(page.kind === 'bundled' ? { openUserGuide } : {}),
    });
    electron.Menu.setApplicationMenu(electron.Menu.buildFromTemplate(menuTemplate));
    app.setAboutPanelOptions(aboutPanelOptions({ appName: app.name, version: app.getVersion() }));
    denyAllPermissions(session.defaultSession);

    if (page.kind === 'bundled') {
      protocol.handle(APP_SCHEME, createAppProtocolHandler({ rootDir: rendererDir, csp: productionCsp() }));
    } else {
      installDevServerCsp(session.defaultSession.webRequest, page.origin, developmentCsp(page.url));
    }

    const services = createAppServices({
      userDataDir: app.getPath('userData'),
      logDir: app.getPath('logs'),
      keytar,
      ...(env.freshKeytar ? { freshKeytar: env.freshKeytar } : {}),
      // Every window's page asked the keychain; every one hears it is back.
      onKeychainBack: () => windows.sendToAll({ kind: 'keychain-back' }),
      openReaderWindow: async ({ userId, connection }) => windows.openReader(userId, connection),
      // The organisation's policy changed: every window shows what it now fixes.
      onPolicyChanged: () => windows.sendToAll({ kind: 'policy-changed' }),
      onBulkRunEnded: notifyRunEnded,
      // The agent sees ConsCent's answer without waiting for its history line's fsync (issue 23).
      outcomeAfterAnswer: true,
      // Electron's answers about the network, as plain functions (issue 13): the system proxy
      // for each URL (PAC and WPAD as Chromium reads them) and the OS certificate store.
      network: { resolveProxy: (url) => session.defaultSession.resolveProxy(url), systemCertificates: osCertificates },
      // A history export goes where the agent says in the system's save dialog, never to a
      // path the page names. Dialogs open over the window the agent is in (it just clicked there).
      chooseExportPath: async (suggestedName) => {
        const parent = windows.current();
        if (!parent) return null;
        const chosen = await dialog.showSaveDialog(parent, {
          title: 'Export the change history',
          defaultPath: suggestedName,
          filters: [{ name: 'CSV (comma-separated values)', extensions: ['csv'] }],
        });
        return chosen.canceled || !chosen.filePath ? null : chosen.filePath;
      },
      // Clear history is confirmed here, in a dialog main draws (issue 18), never by the page.
      confirmClearHistory: confirmClearWith(async (options) => {
        const parent = windows.current();
        return parent ? dialog.showMessageBox(parent, options) : { response: 0 };
      }),
      // A bulk correction reads the CSV the agent picks in the system's open dialog (issue 14).
      chooseCsvFile: async () => {
        const parent = windows.current();
        if (!parent) return null;
        const chosen = await dialog.showOpenDialog(parent, {
          title: 'Choose a CSV file of corrections',
          properties: ['openFile'],
          filters: [{ name: 'CSV (comma-separated values)', extensions: ['csv', 'txt'] }],
        });
        return chosen.canceled ? null : (chosen.filePaths[0] ?? null);
      },
    });
    stopAtQuit(services);
    // Only the app page in the top frame of a window the console opened may call.
    registerBridge(electron.ipcMain, services.handlers, { isAppPage, isConsoleWindow: windows.isConsoleWindow });

    app.on('activate', () => {
      // macOS: clicking the dock icon with no console window open reopens one.
      if (!windows.current()) openFirstWindow();
    });
    windowState = await readWindowState(windowStateFile());
    windows.open();
    await lastLoad;
    started = true;
  };

  app.on('second-instance', (_event, argv) => {
    // A second launch brings the open window forward instead of starting another console,
    // and passes on the link it was started for.
    const link = linkInArgv(argv ?? []);
    if (link) windows.openLink(link);
    bringForward();
  });
  /**
   * Quitting waits (briefly: the forwarder's own bound) for the services to stop, so the
   * audit outbox's last events get their chance and no socket or timer outlives the app.
   * On 'will-quit', after every window has closed: a quit the close guard cancelled (unsent
   * edits) must leave forwarding running. That quit is held, the services stopped, then
   * the quit asked again.
   */
  let servicesStopped = false;
  const stopAtQuit = (services: { stop(): Promise<void> }): void => {
    let stopping: Promise<void> | undefined;
    app.on('will-quit', (event) => {
      if (servicesStopped) return;
      event.preventDefault();
      stopping ??= services
        .stop()
        .catch(() => undefined)
        .then(() => {
          servicesStopped = true;
          app.quit();
        });
    });
  };

  app.on('window-all-closed', () => {
    if (env.platform !== 'darwin') app.quit();
  });
  return app.whenReady().then(start).catch(failToStart);
}

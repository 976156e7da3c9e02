import { join } from 'node:path';
import { createAppBridgeHandlers } from './app-services';
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
import { createAppEventSender } from './window/app-events';
import { aboutPanelOptions, createMenuTemplate } from './window/app-menu';
import { resolveAppPage, type AppPage } from './window/app-page';
import { APP_SCHEME, APP_SCHEME_PRIVILEGES, createAppProtocolHandler } from './window/app-protocol';
import { installCloseGuard } from './window/close-guard';
import { developmentCsp, productionCsp } from './window/content-security-policy';
import { installDevServerCsp } from './window/dev-server-csp';
import { denyAllPermissions, installAppSecurity } from './window/security-handlers';
import { DEFAULT_SIZE, MIN_SIZE, createWindowOptions } from './window/window-options';
import { USER_GUIDE_URL, userGuideWindowOptions } from './window/user-guide';
import { bulkNotification, type RunEnded } from './window/bulk-notification';
import { WINDOW_STATE_FILE, placeWindow, readWindowState, writeWindowState, type WindowState } from './window/window-state';

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

  let mainWindow: W | null = null;
  // Links and menu commands for the page; they wait until a page has loaded to take them.
  const appEvents = createAppEventSender();
  let started = false;
  const bringForward = (): void => {
    // macOS keeps running without a window: a link then opens one (startup is over).
    if (!mainWindow) {
      // (The user guide may still be open: it is not the console.)
      if (started) createMainWindow().catch(failToStart);
      return;
    }
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.show();
    mainWindow.focus();
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

  // conscent-console:// links (issue #11). Registered only when packaged: in development
  // the OS would be told to open links with the bare Electron binary. macOS hands links
  // over in 'open-url', possibly before 'ready' (the event sender keeps them until the
  // page has loaded); Windows and Linux put the link in the command line, of this
  // process at its start or of the second instance.
  if (app.isPackaged) app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME);
  app.on('open-url', (event, url) => {
    event.preventDefault();
    appEvents.openLink(url);
    bringForward();
  });
  const startLink = linkInArgv(env.argv ?? []);
  if (startLink) appEvents.openLink(startLink);

  // The window's size and place (window-state.ts): read once at start, kept up to date on
  // each close, so a window reopened later (macOS) opens where the last one was.
  let windowState: WindowState | undefined;
  const windowStateFile = (): string => join(app.getPath('userData'), WINDOW_STATE_FILE);

  const createMainWindow = (): Promise<void> => {
    // Where the agent left it, if that display is still there.
    const workAreas = electron.screen.getAllDisplays().map((display) => display.workArea);
    const placed = placeWindow(windowState, workAreas, { default: DEFAULT_SIZE, min: MIN_SIZE });
    const win = new BrowserWindow(createWindowOptions({ preloadPath, allowDevTools: !app.isPackaged, bounds: placed.bounds }));
    mainWindow = win;
    appEvents.attach(win.webContents);
    installCloseGuard(win.webContents, (options) => dialog.showMessageBoxSync(win, options));
    win.once('ready-to-show', () => {
      if (placed.maximized) win.maximize();
      win.show();
    });
    win.on('close', () => {
      // Remembered as it was before any maximising, so un-maximising next time restores it.
      windowState = { ...win.getNormalBounds(), maximized: win.isMaximized() };
      writeWindowState(windowStateFile(), windowState).catch(() => undefined);
    });
    win.on('closed', () => {
      if (mainWindow === win) mainWindow = null;
    });
    return win.loadURL(page.url);
  };

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
    if (mainWindow?.isFocused() || !electron.Notification.isSupported()) return;
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
      sendCommand: (command) => appEvents.send({ kind: 'command', command }),
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

    const handlers = createAppBridgeHandlers({
      userDataDir: app.getPath('userData'),
      logDir: app.getPath('logs'),
      keytar,
      ...(env.freshKeytar ? { freshKeytar: env.freshKeytar } : {}),
      onKeychainBack: () => appEvents.send({ kind: 'keychain-back' }),
      onBulkRunEnded: notifyRunEnded,
      // The agent sees ConsCent's answer without waiting for its history line's fsync (issue 23).
      outcomeAfterAnswer: true,
      // Electron's answers about the network, as plain functions (issue 13): the system proxy
      // for each URL (PAC and WPAD as Chromium reads them) and the OS certificate store.
      network: { resolveProxy: (url) => session.defaultSession.resolveProxy(url), systemCertificates: osCertificates },
      // A history export goes where the agent says in the system's save dialog, never to a
      // path the page names.
      chooseExportPath: async (suggestedName) => {
        if (!mainWindow) return null;
        const chosen = await dialog.showSaveDialog(mainWindow, {
          title: 'Export the change history',
          defaultPath: suggestedName,
          filters: [{ name: 'CSV (comma-separated values)', extensions: ['csv'] }],
        });
        return chosen.canceled || !chosen.filePath ? null : chosen.filePath;
      },
      // Clear history is confirmed here, in a dialog main draws (issue 18), never by the page.
      confirmClearHistory: confirmClearWith(async (options) => (mainWindow ? dialog.showMessageBox(mainWindow, options) : { response: 0 })),
      // A bulk correction reads the CSV the agent picks in the system's open dialog (issue 14).
      chooseCsvFile: async () => {
        if (!mainWindow) return null;
        const chosen = await dialog.showOpenDialog(mainWindow, {
          title: 'Choose a CSV file of corrections',
          properties: ['openFile'],
          filters: [{ name: 'CSV (comma-separated values)', extensions: ['csv', 'txt'] }],
        });
        return chosen.canceled ? null : (chosen.filePaths[0] ?? null);
      },
    });
    // Only the app page in the top frame of the window the console opened may call.
    registerBridge(electron.ipcMain, handlers, {
      isAppPage,
      isMainWindow: (sender) => mainWindow !== null && sender === mainWindow.webContents,
    });

    app.on('activate', () => {
      // macOS: clicking the dock icon with no console window open reopens it.
      if (!mainWindow) createMainWindow().catch(failToStart);
    });
    windowState = await readWindowState(windowStateFile());
    await createMainWindow();
    started = true;
  };

  app.on('second-instance', (_event, argv) => {
    // A second launch brings the open window forward instead of starting another console,
    // and passes on the link it was started for.
    const link = linkInArgv(argv ?? []);
    if (link) appEvents.openLink(link);
    bringForward();
  });
  app.on('window-all-closed', () => {
    if (env.platform !== 'darwin') app.quit();
  });
  return app.whenReady().then(start).catch(failToStart);
}

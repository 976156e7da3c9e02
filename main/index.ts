import { join } from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, session, shell } from 'electron';
import * as keytar from 'keytar';
import { createAppBridgeHandlers } from './app-services';
import { registerBridge } from './ipc/register-bridge';
import { createSenderCheck } from './ipc/sender-check';
import { createMenuTemplate } from './window/app-menu';
import { resolveAppPage } from './window/app-page';
import { APP_SCHEME, APP_SCHEME_PRIVILEGES, createAppProtocolHandler } from './window/app-protocol';
import { installCloseGuard } from './window/close-guard';
import { developmentCsp, productionCsp } from './window/content-security-policy';
import { installDevServerCsp } from './window/dev-server-csp';
import { denyAllPermissions, installAppSecurity } from './window/security-handlers';
import { createWindowOptions } from './window/window-options';

// The only main-process module that touches Electron: it wires the plain modules under
// main/ to Electron's objects. Everything with logic in it lives (and is tested) there.

// Both must happen before 'ready'. enableSandbox makes every renderer sandboxed even if a
// window were ever created without our options.
app.enableSandbox();
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);

// Built layout: out/main/index.js, out/preload/index.cjs, out/renderer/index.html.
const PRELOAD_PATH = join(__dirname, '../preload/index.cjs');
const RENDERER_DIR = join(__dirname, '../renderer');

const page = resolveAppPage({ isPackaged: app.isPackaged, devServerUrl: process.env.ELECTRON_RENDERER_URL });
// One definition of "the app page" for IPC senders and for navigation.
const isAppPage = createSenderCheck(page.url);
let mainWindow: BrowserWindow | null = null;

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', focusMainWindow);
  installAppSecurity(app, { isAppPage, openExternal: (url) => shell.openExternal(url) });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.whenReady().then(start).catch(failToStart);
}

function start(): void {
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      createMenuTemplate({ platform: process.platform, appName: app.name, isPackaged: app.isPackaged }),
    ),
  );
  denyAllPermissions(session.defaultSession);

  if (page.kind === 'bundled') {
    protocol.handle(APP_SCHEME, createAppProtocolHandler({ rootDir: RENDERER_DIR, csp: productionCsp() }));
  } else {
    installDevServerCsp(session.defaultSession.webRequest, page.origin, developmentCsp(page.url));
  }

  const handlers = createAppBridgeHandlers({
    userDataDir: app.getPath('userData'),
    logDir: app.getPath('logs'),
    keytar,
  });
  registerBridge(ipcMain, handlers, isAppPage);

  createMainWindow();
  app.on('activate', () => {
    // macOS: clicking the dock icon with no window open reopens it.
    if (BrowserWindow.getAllWindows().length === 0) createMainWindow();
  });
}

function createMainWindow(): void {
  const win = new BrowserWindow(createWindowOptions({ preloadPath: PRELOAD_PATH, allowDevTools: !app.isPackaged }));
  mainWindow = win;
  installCloseGuard(win.webContents, (options) => dialog.showMessageBoxSync(win, options));
  win.once('ready-to-show', () => win.show());
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null;
  });
  win.loadURL(page.url).catch(failToStart);
}

function focusMainWindow(): void {
  if (!mainWindow) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.show();
  mainWindow.focus();
}

function failToStart(error: unknown): void {
  // Our own startup errors (paths, settings, page load); no credentials are read yet.
  const detail = error instanceof Error ? error.message : String(error);
  dialog.showErrorBox('ConsCent Console could not start', detail);
  app.exit(1);
}

import type {
  AboutPanelOptionsOptions,
  BrowserWindowConstructorOptions,
  CustomScheme,
  MenuItemConstructorOptions,
  MessageBoxOptions,
  MessageBoxReturnValue,
  MessageBoxSyncOptions,
  NotificationConstructorOptions,
  Rectangle,
  OpenDialogOptions,
  OpenDialogReturnValue,
  SaveDialogOptions,
  SaveDialogReturnValue,
} from 'electron';
import type { IpcMainLike } from './ipc/register-bridge';
import type { AppEventTarget } from './window/app-events';
import type { AppProtocolRequest } from './window/app-protocol';
import type { WillPreventUnloadSource } from './window/close-guard';
import type { WebRequestLike } from './window/dev-server-csp';
import type { AppLike as HardenedAppLike, SessionLike } from './window/security-handlers';

// The part of Electron's main-process API that startApp uses, as narrow interfaces:
// main/index.ts passes the real modules, the tests pass a stand-in
// (test/helpers/stand-in-electron.ts). Whatever is not listed here, startApp cannot use:
// shell, for one, is absent, so nothing the app does can open the system browser.

export interface WindowLike {
  readonly webContents: WillPreventUnloadSource & AppEventTarget;
  once(event: 'ready-to-show', listener: () => void): unknown;
  on(event: 'closed' | 'close' | 'focus', listener: () => void): unknown;
  loadURL(url: string): Promise<void>;
  isMinimized(): boolean;
  restore(): void;
  show(): void;
  focus(): void;
  isFocused(): boolean;
  /** The window's bounds when not maximized or minimized: what is remembered (window-state.ts). */
  getNormalBounds(): Rectangle;
  isMaximized(): boolean;
  maximize(): void;
}

export interface AppApi extends HardenedAppLike {
  readonly isPackaged: boolean;
  readonly name: string;
  enableSandbox(): void;
  requestSingleInstanceLock(): boolean;
  /** Makes the console the OS's handler of conscent-console:// links (issue #11). */
  setAsDefaultProtocolClient(protocol: string): boolean;
  on(event: 'web-contents-created', listener: Parameters<HardenedAppLike['on']>[1]): unknown;
  on(event: 'window-all-closed' | 'activate', listener: () => void): unknown;
  /** Windows and Linux: a second launch; its argv holds the link it was started for. */
  on(event: 'second-instance', listener: (event: unknown, argv: string[]) => void): unknown;
  /** macOS: a link opened with the console (may come before 'ready'). */
  on(event: 'open-url', listener: (event: { preventDefault(): void }, url: string) => void): unknown;
  /** Every window has closed and the app is about to quit; preventDefault holds the quit. */
  on(event: 'will-quit', listener: (event: { preventDefault(): void }) => void): unknown;
  whenReady(): Promise<void>;
  getPath(name: 'userData' | 'logs'): string;
  /** package.json's version (the installer's). */
  getVersion(): string;
  /** What the About box shows (main/window/app-menu.ts aboutPanelOptions). */
  setAboutPanelOptions(options: AboutPanelOptionsOptions): void;
  quit(): void;
  exit(code: number): void;
}

export interface ElectronApi<W extends WindowLike, M> {
  app: AppApi;
  BrowserWindow: {
    new (options: BrowserWindowConstructorOptions): W;
    getAllWindows(): readonly unknown[];
  };
  protocol: {
    registerSchemesAsPrivileged(schemes: CustomScheme[]): void;
    handle(scheme: string, handler: (request: AppProtocolRequest) => Promise<Response>): void;
  };
  session: {
    readonly defaultSession: SessionLike & {
      readonly webRequest: WebRequestLike;
      /** The system's proxy for a URL as a PAC answer (PAC scripts and WPAD included): issue 13. */
      resolveProxy(url: string): Promise<string>;
    };
  };
  ipcMain: IpcMainLike;
  dialog: {
    showMessageBoxSync(window: W, options: MessageBoxSyncOptions): number;
    showErrorBox(title: string, content: string): void;
    /** Main's own confirmation of Clear history (issue 18): the page cannot answer it. */
    showMessageBox(window: W, options: MessageBoxOptions): Promise<MessageBoxReturnValue>;
    /** Where to save a history export: main asks, the page never names a path. */
    showSaveDialog(window: W, options: SaveDialogOptions): Promise<SaveDialogReturnValue>;
    /** Which CSV a bulk correction reads (issue 14): main asks, the page never names a path. */
    showOpenDialog(window: W, options: OpenDialogOptions): Promise<OpenDialogReturnValue>;
  };
  Menu: {
    buildFromTemplate(template: MenuItemConstructorOptions[]): M;
    setApplicationMenu(menu: M | null): void;
  };
  /** The displays' work areas, to restore the window only where it can be reached (usable after 'ready'). */
  screen: { getAllDisplays(): readonly { workArea: Rectangle }[] };
  /** A system notification (a bulk run ended while the agent was elsewhere). */
  Notification: {
    isSupported(): boolean;
    new (options: NotificationConstructorOptions): { show(): void; on(event: 'click', listener: () => void): unknown };
  };
}

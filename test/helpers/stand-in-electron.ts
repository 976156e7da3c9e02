import { EventEmitter } from 'node:events';
import type {
  AboutPanelOptionsOptions,
  BrowserWindowConstructorOptions,
  CustomScheme,
  MenuItemConstructorOptions,
  MessageBoxSyncOptions,
  NotificationConstructorOptions,
} from 'electron';
import { vi } from 'vitest';
import type { AppEvent } from '../../common/app-events';
import type { KeytarLike } from '../../main/credentials/credential-store';
import type { AppApi, ElectronApi, WindowLike } from '../../main/electron-api';
import type { AppProtocolRequest } from '../../main/window/app-protocol';
import type { HeadersReceivedDetails, HeadersReceivedResponse } from '../../main/window/dev-server-csp';
import { FakeSession, FakeWebContents } from './electron-fakes';
import { FakeIpcMain } from './fake-ipc-main';

// A stand-in for the part of Electron's main-process API that main/start-app.ts uses, in
// the style of Electron Fiddle's tests/mocks/electron.ts: plain classes that record what
// was done to them and keep the rules real Electron enforces about 'ready' (the stand-in
// throws where Electron would), so a test can drive the app's lifecycle in plain Node.
// `log` lists the calls that matter for ordering, in the order they happened.

export interface StandInOptions {
  isPackaged?: boolean;
  /** false: another instance holds the single-instance lock. */
  singleInstanceLock?: boolean;
  /** Button index the unsaved-changes dialog answers with. */
  messageBoxAnswer?: number;
  /** What every window's loadURL does: resolve, or reject with this error. */
  loadError?: Error;
  paths?: { userData: string; logs: string };
  /** The displays' work areas (one 1920×1080 display, 40 px taken by a taskbar, when absent). */
  workAreas?: { x: number; y: number; width: number; height: number }[];
}

class StandInWebContents extends FakeWebContents {
  /** What main sent the page (app events: links and menu commands), in order. */
  readonly sent: Array<{ channel: string; event: AppEvent }> = [];
  send(channel: string, event: AppEvent): void {
    this.sent.push({ channel, event });
  }
  /** The page finishing its load, as Electron reports it. */
  finishLoad(): void {
    this.emit('did-finish-load');
  }
}

export type StandInWindow = WindowLike & {
  readonly options: BrowserWindowConstructorOptions;
  readonly webContents: StandInWebContents;
  readonly loadedUrls: string[];
  visible: boolean;
  focused: boolean;
  minimized: boolean;
  maximized: boolean;
  /** Bounds as the agent left them (moved or resized); the constructor's options until then. */
  normalBounds: { x: number; y: number; width: number; height: number };
  minimize(): void;
  close(): void;
  emit(event: string, ...args: unknown[]): boolean;
};

export function createStandInElectron(options: StandInOptions = {}) {
  const log: string[] = [];
  let ready = false;
  let markReady: () => void = () => undefined;
  const readyPromise = new Promise<void>((resolve) => (markReady = resolve));
  const requireReady = (what: string) => {
    if (!ready) throw new Error(`${what} cannot be used before the app is ready`);
  };
  const requireNotReady = (what: string) => {
    if (ready) throw new Error(`${what} can only be called before the app is ready`);
  };

  const ipcMain = new FakeIpcMain();
  const handle = ipcMain.handle.bind(ipcMain);
  ipcMain.handle = (channel, listener) => {
    log.push(`ipcMain.handle ${channel}`);
    handle(channel, listener);
  };

  class StandInApp extends EventEmitter implements AppApi {
    readonly isPackaged = options.isPackaged ?? false;
    readonly name = 'ConsCent Console';
    sandboxEnabled = false;
    readonly quit = vi.fn(() => void log.push('app.quit'));
    readonly exit = vi.fn((code: number) => void log.push(`app.exit(${code})`));
    enableSandbox(): void {
      requireNotReady('app.enableSandbox()');
      log.push('app.enableSandbox');
      this.sandboxEnabled = true;
    }
    /** Schemes the app asked the OS to open with it. */
    readonly protocolClients: string[] = [];
    setAsDefaultProtocolClient(scheme: string): boolean {
      log.push(`app.setAsDefaultProtocolClient ${scheme}`);
      this.protocolClients.push(scheme);
      return true;
    }
    requestSingleInstanceLock(): boolean {
      log.push('app.requestSingleInstanceLock');
      return options.singleInstanceLock ?? true;
    }
    whenReady(): Promise<void> {
      return readyPromise;
    }
    getVersion(): string {
      return '0.1.0';
    }
    /** What the About box would show. */
    aboutPanel: AboutPanelOptionsOptions | undefined;
    setAboutPanelOptions(options: AboutPanelOptionsOptions): void {
      this.aboutPanel = { ...options };
    }
    getPath(name: 'userData' | 'logs'): string {
      const path = options.paths?.[name];
      if (!path) throw new Error(`no ${name} path given to the stand-in`);
      return path;
    }
    /** Electron finishing its own startup: 'ready', then whenReady() resolves. */
    becomeReady(): void {
      ready = true;
      log.push('ready');
      this.emit('ready');
      markReady();
    }
  }
  const app = new StandInApp();

  const workAreasOf = () => options.workAreas ?? [{ x: 0, y: 0, width: 1920, height: 1040 }];
  const notifications: StandInNotification[] = [];
  class StandInNotification extends EventEmitter {
    static supported = true;
    static isSupported(): boolean {
      return StandInNotification.supported;
    }
    shown = false;
    constructor(readonly options: NotificationConstructorOptions) {
      super();
      requireReady('new Notification()');
    }
    show(): void {
      this.shown = true;
      notifications.push(this);
    }
    /** The agent clicking it. */
    click(): void {
      this.emit('click');
    }
  }

  const windows: StandInWindow[] = [];
  const closed = new Set<StandInWindow>();
  class BrowserWindow extends EventEmitter implements StandInWindow {
    readonly webContents = new StandInWebContents();
    readonly loadedUrls: string[] = [];
    visible = false;
    focused = false;
    minimized = false;
    maximized = false;
    normalBounds: { x: number; y: number; width: number; height: number };
    constructor(readonly options: BrowserWindowConstructorOptions) {
      super();
      // Where Electron would put it: the given place, or centred on the first display.
      const area = workAreasOf()[0]!;
      const width = options.width ?? 800;
      const height = options.height ?? 600;
      this.normalBounds = {
        x: options.x ?? area.x + Math.round((area.width - width) / 2),
        y: options.y ?? area.y + Math.round((area.height - height) / 2),
        width,
        height,
      };
      requireReady('new BrowserWindow()');
      log.push('new BrowserWindow');
      windows.push(this);
      // Bridge calls the tests make come from the newest window, as the agent's would.
      ipcMain.mainWindow = this.webContents;
      // Electron announces every new webContents before the constructor returns.
      app.emit('web-contents-created', {}, this.webContents);
    }
    static getAllWindows(): readonly StandInWindow[] {
      return windows.filter((win) => !closed.has(win));
    }
    loadURL(url: string): Promise<void> {
      log.push(`loadURL ${url}`);
      this.loadedUrls.push(url);
      return options.loadError ? Promise.reject(options.loadError) : Promise.resolve();
    }
    isMinimized(): boolean {
      return this.minimized;
    }
    minimize(): void {
      this.minimized = true;
      this.focused = false;
    }
    restore(): void {
      this.minimized = false;
    }
    show(): void {
      // Electron's show() also gives the window the focus.
      this.visible = true;
      this.focus();
    }
    focus(): void {
      // One window has the focus at a time, as on a desktop; Electron says so with 'focus'.
      for (const other of windows) if (other !== this) other.focused = false;
      this.focused = true;
      this.emit('focus');
    }
    isFocused(): boolean {
      return this.focused;
    }
    getNormalBounds() {
      return { ...this.normalBounds };
    }
    isMaximized(): boolean {
      return this.maximized;
    }
    maximize(): void {
      this.maximized = true;
    }
    close(): void {
      this.emit('close');
      closed.add(this);
      this.emit('closed');
      if (BrowserWindow.getAllWindows().length === 0) app.emit('window-all-closed');
    }
  }

  const defaultSession = Object.assign(new FakeSession(), {
    /** What the system proxy settings answer for every URL (a PAC result). */
    proxyAnswer: 'DIRECT',
    resolveProxy: async (_url: string): Promise<string> => defaultSession.proxyAnswer,
    webRequest: {
      headersListener: undefined as undefined | ((details: HeadersReceivedDetails, callback: (r: HeadersReceivedResponse) => void) => void),
      onHeadersReceived(_filter: { urls: string[] }, listener: NonNullable<typeof defaultSession.webRequest.headersListener>) {
        log.push('webRequest.onHeadersReceived');
        defaultSession.webRequest.headersListener = listener;
      },
    },
  });

  const protocol = {
    privileged: [] as CustomScheme[],
    handlers: new Map<string, (request: AppProtocolRequest) => Promise<Response>>(),
    registerSchemesAsPrivileged(schemes: CustomScheme[]): void {
      requireNotReady('protocol.registerSchemesAsPrivileged()');
      log.push('protocol.registerSchemesAsPrivileged');
      protocol.privileged.push(...schemes);
    },
    handle(scheme: string, handler: (request: AppProtocolRequest) => Promise<Response>): void {
      requireReady('protocol.handle()');
      log.push(`protocol.handle ${scheme}`);
      protocol.handlers.set(scheme, handler);
    },
  };

  const electron = {
    app,
    BrowserWindow,
    protocol,
    session: {
      get defaultSession() {
        requireReady('session.defaultSession');
        return defaultSession;
      },
    },
    ipcMain,
    dialog: {
      showMessageBoxSync: vi.fn((_window: StandInWindow, _options: MessageBoxSyncOptions) => options.messageBoxAnswer ?? 1),
      showErrorBox: vi.fn((title: string, _content: string) => void log.push(`dialog.showErrorBox ${title}`)),
      showMessageBox: vi.fn(async () => {
        log.push('dialog.showMessageBox');
        return { response: 0, checkboxChecked: false };
      }),
      showSaveDialog: vi.fn(async () => {
        log.push('dialog.showSaveDialog');
        return { canceled: true, filePath: '' };
      }),
      showOpenDialog: vi.fn(async () => {
        log.push('dialog.showOpenDialog');
        return { canceled: true, filePaths: [] as string[] };
      }),
    },
    Menu: {
      applicationMenu: null as { template: MenuItemConstructorOptions[] } | null,
      buildFromTemplate: (template: MenuItemConstructorOptions[]) => ({ template }),
      setApplicationMenu(menu: { template: MenuItemConstructorOptions[] } | null) {
        requireReady('Menu.setApplicationMenu()');
        electron.Menu.applicationMenu = menu;
      },
    },
    screen: {
      getAllDisplays() {
        requireReady('screen.getAllDisplays()');
        return workAreasOf().map((workArea) => ({ workArea }));
      },
    },
    Notification: StandInNotification,
    /** Every notification shown, in order. */
    notifications,
    log,
    windows,
  };
  // Fails to compile if the stand-in drifts from what startApp asks of Electron.
  const _typed: ElectronApi<StandInWindow, { template: MenuItemConstructorOptions[] }> = electron;
  return electron;
}

export type StandInElectron = ReturnType<typeof createStandInElectron>;

/** keytar over a Map, for startApp's services; the real keychain is tested elsewhere. */
export function memoryKeytar(): KeytarLike {
  const entries = new Map<string, string>();
  const key = (service: string, account: string) => `${service}\n${account}`;
  return {
    getPassword: async (service, account) => entries.get(key(service, account)) ?? null,
    setPassword: async (service, account, password) => void entries.set(key(service, account), password),
    deletePassword: async (service, account) => entries.delete(key(service, account)),
    findCredentials: async (service) =>
      [...entries].filter(([k]) => k.startsWith(`${service}\n`)).map(([k, password]) => ({ account: k.slice(service.length + 1), password })),
  };
}

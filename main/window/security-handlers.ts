import type { Logger } from '../logging/logger';

// Hardening applied to every webContents the app ever creates (the console window and
// anything that might appear later): no navigation away from the app page, no new
// windows and nothing opened in the system browser, no <webview>, no permissions.
// Electron objects are passed in; the narrow interfaces below are what is used of them.

export interface PreventableEvent {
  preventDefault(): void;
}
export interface NavigationEvent extends PreventableEvent {
  url: string;
}
export type WindowOpenDetails = { url: string };
export type WindowOpenResponse = { action: 'deny' };

export interface SessionLike {
  setPermissionRequestHandler(handler: (webContents: unknown, permission: string, callback: (granted: boolean) => void) => void): void;
  setPermissionCheckHandler(handler: (webContents: unknown, permission: string) => boolean): void;
  setDevicePermissionHandler(handler: (details: unknown) => boolean): void;
}

export interface WebContentsLike {
  on(event: 'will-navigate', listener: (event: NavigationEvent) => void): unknown;
  on(event: 'will-frame-navigate', listener: (event: NavigationEvent) => void): unknown;
  on(event: 'will-redirect', listener: (event: NavigationEvent) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown;
  setWindowOpenHandler(handler: (details: WindowOpenDetails) => WindowOpenResponse): void;
  readonly session: SessionLike;
}

export interface AppLike {
  on(event: 'web-contents-created', listener: (event: unknown, contents: WebContentsLike) => void): unknown;
}

export interface SecurityPolicy {
  /** True only for the console's own page (see main/ipc/sender-check.ts). */
  isAppPage(url: string): boolean;
  /** The support log: told the host of every window the page asked for. */
  logger: Pick<Logger, 'warn'>;
}

/**
 * What the log says about a refused URL: its host (or its scheme when it has none), never
 * the path or query, which may carry a reader's details.
 */
export function refusedTarget(raw: string): string {
  try {
    const url = new URL(raw);
    return url.host || url.protocol;
  } catch {
    return '(not a URL)';
  }
}

/**
 * Every new window is refused, and nothing is handed to the system browser
 * (shell.openExternal is not used at all): the console shows no links, so a request to
 * open one can only come from content that should not be there.
 */
export function createWindowOpenHandler(logger: SecurityPolicy['logger']): (details: WindowOpenDetails) => WindowOpenResponse {
  return (details) => {
    try {
      logger.warn('window-open-refused', { host: refusedTarget(details.url) });
    } catch {
      // Logging must never decide whether a window opens.
    }
    return { action: 'deny' };
  };
}

export function denyAllPermissions(session: SessionLike): void {
  session.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}

export function hardenWebContents(contents: WebContentsLike, policy: SecurityPolicy): void {
  const stayOnAppPage = (event: NavigationEvent) => {
    if (!policy.isAppPage(event.url)) event.preventDefault();
  };
  contents.on('will-navigate', stayOnAppPage);
  // Also covers subframes, which 'will-navigate' does not.
  contents.on('will-frame-navigate', stayOnAppPage);
  contents.on('will-redirect', stayOnAppPage);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(createWindowOpenHandler(policy.logger));
  denyAllPermissions(contents.session);
}

/** Hardens every webContents as it is created, before it loads anything. */
export function installAppSecurity(app: AppLike, policy: SecurityPolicy): void {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, policy));
}

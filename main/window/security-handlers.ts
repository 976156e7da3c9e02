// Hardening applied to every webContents the app ever creates (the console window and
// anything that might appear later): no navigation away from the app page, no new
// windows (https links go to the system browser), no <webview>, no permissions.
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
  setPermissionRequestHandler(
    handler: (webContents: unknown, permission: string, callback: (granted: boolean) => void) => void,
  ): void;
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
  /** shell.openExternal. */
  openExternal(url: string): Promise<void>;
}

/**
 * The URL to hand to the system browser, or undefined to drop it. Only https, and
 * never with credentials in it; the href is the parsed one, not the page's raw string.
 */
export function externalUrl(raw: string): string | undefined {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' || !url.hostname || url.username || url.password) return undefined;
  return url.href;
}

export function createWindowOpenHandler(
  openExternal: SecurityPolicy['openExternal'],
): (details: WindowOpenDetails) => WindowOpenResponse {
  return (details) => {
    const target = externalUrl(details.url);
    // A failed hand-off has no one to report to and must not become an unhandled
    // rejection; the URL is not logged since it may carry a reader's details.
    if (target) openExternal(target).catch(() => undefined);
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
  contents.setWindowOpenHandler(createWindowOpenHandler(policy.openExternal));
  denyAllPermissions(contents.session);
}

/** Hardens every webContents as it is created, before it loads anything. */
export function installAppSecurity(app: AppLike, policy: SecurityPolicy): void {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, policy));
}

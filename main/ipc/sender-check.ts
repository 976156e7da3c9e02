// Only the app's own page, in the top frame of the console's main window, may call the
// bridge. The page is loaded from one known URL (app://console/index.html when built, the
// dev server in development); anything else, such as a frame navigated elsewhere, an
// injected iframe or another window, is refused.

/** The part of Electron's IpcMainInvokeEvent the check reads. */
export interface IpcInvokeEventLike {
  /** The webContents that sent the message. */
  sender: unknown;
  /** The frame that sent it; `parent` is null for a top frame. Null once the frame is gone. */
  senderFrame: { url: string; parent: unknown } | null;
}

/** What the bridge trusts: the app page, loaded in the top frame of the console's main window. */
export interface BridgeTrust {
  isAppPage(url: string): boolean;
  isMainWindow(sender: unknown): boolean;
}

/**
 * Whether a call comes from the app page in the top frame of the main window. A subframe
 * (even one showing the app page) or another window (even at the app page's URL) is
 * refused: only the one window the console opened holds the agent's session.
 */
export function isTrustedSender(event: IpcInvokeEventLike, trust: BridgeTrust): boolean {
  try {
    const frame = event.senderFrame;
    if (!frame || frame.parent !== null) return false;
    return typeof frame.url === 'string' && trust.isAppPage(frame.url) && trust.isMainWindow(event.sender);
  } catch {
    // Electron throws when a frame that has gone away is read: such a sender is not trusted.
    return false;
  }
}

export function createSenderCheck(appPageUrl: string): (senderUrl: string) => boolean {
  const expected = withoutQueryAndHash(appPageUrl);
  return (senderUrl) => {
    const actual = withoutQueryAndHash(senderUrl);
    return actual !== undefined && actual === expected;
  };
}

function withoutQueryAndHash(raw: string): string | undefined {
  try {
    const url = new URL(raw);
    url.hash = '';
    url.search = '';
    return url.href;
  } catch {
    return undefined;
  }
}

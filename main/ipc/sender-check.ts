// Only the app's own page, in the top frame of one of the console's windows, may call the
// bridge. The page is loaded from one known URL (app://console/index.html when built, the
// dev server in development); anything else, such as a frame navigated elsewhere, an
// injected iframe or a window the console did not open as one of its own (the user
// guide), is refused.

/** The part of Electron's IpcMainInvokeEvent the check reads. */
export interface IpcInvokeEventLike {
  /** The webContents that sent the message. */
  sender: unknown;
  /** The frame that sent it; `parent` is null for a top frame. Null once the frame is gone. */
  senderFrame: { url: string; parent: unknown } | null;
}

/** What the bridge trusts: the app page, loaded in the top frame of a console window. */
export interface BridgeTrust {
  isAppPage(url: string): boolean;
  /** The sender is the page of a window the console opened as a console window (main/window/console-windows.ts). */
  isConsoleWindow(sender: unknown): boolean;
}

/**
 * Whether a call comes from the app page in the top frame of a console window. A subframe
 * (even one showing the app page) or any other window (even at the app page's URL) is
 * refused: only the windows the console opened as its own hold the agent's session.
 */
export function isTrustedSender(event: IpcInvokeEventLike, trust: BridgeTrust): boolean {
  try {
    const frame = event.senderFrame;
    if (!frame || frame.parent !== null) return false;
    return typeof frame.url === 'string' && trust.isAppPage(frame.url) && trust.isConsoleWindow(event.sender);
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

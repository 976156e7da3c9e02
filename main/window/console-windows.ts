import type { AppCommand, AppEvent } from '../../common/app-events';
import { readerLinkFor } from '../../common/deep-link';
import { MAX_CONSOLE_WINDOWS, type OpenReaderWindowResult } from '../../common/windows-contract';
import { createAppEventSender, type AppEventSender, type AppEventTarget } from './app-events';
import type { Rect } from './window-state';

// The console's windows (issue 22.4): an agent handling two tickets side by side opens a
// second window rather than a tab, because tabs cannot sit side by side. Each window is a
// whole console page with its own unsaved edits and its own close guard; what they share
// lives in main. This module keeps the set and routes what main tells pages:
// - a link from the OS, and a menu command, go to the window the agent is in (the focused
//   one, else the one focused last), and wait for the next window when none is open;
// - what concerns every page (the keychain answering again) goes to every window;
// - a reader opened in a new window goes to that window alone, through the same
//   conscent-console:// link path as a ticket's link.
// Electron stays outside: `create` builds the real window (start-app.ts), with the same
// options, guards and page for every window.

/** What this needs of a window: its page (for app events), its place, and being brought forward. */
export interface ConsoleWindowLike {
  readonly webContents: AppEventTarget;
  on(event: 'focus' | 'closed', listener: () => void): unknown;
  getNormalBounds(): Rect;
  isFocused(): boolean;
  isMinimized(): boolean;
  restore(): void;
  show(): void;
  focus(): void;
}

export interface NewWindowPlace {
  /** True for the window whose size and place are remembered between runs (window-state.ts): the first one opened. */
  remembered: boolean;
  /** The window the agent was in: the new one cascades from its place. Absent for the first window. */
  cascadeFrom?: Rect;
}

export interface ConsoleWindowsInput<W extends ConsoleWindowLike> {
  /** Builds one console window at this place, with the console's options, guards and page. */
  create(place: NewWindowPlace): W;
  /** How many may be open at once; MAX_CONSOLE_WINDOWS when absent. */
  limit?: number;
}

export type OpenWindowResult<W> = { opened: true; window: W } | { opened: false; reason: 'too-many-windows'; limit: number };

export interface ConsoleWindows<W extends ConsoleWindowLike> {
  /** A new window on the console's start screen, or the refusal when `limit` are open. */
  open(): OpenWindowResult<W>;
  /** A new window that looks this reader up, by user id, on the named connection (as a link does). */
  openReader(userId: string, connection: string): OpenReaderWindowResult;
  /** The window the agent is in: the focused one, else the one focused last; null when none is open. */
  current(): W | null;
  /** Every open window, oldest first. */
  all(): readonly W[];
  /** Whether this is the window whose place is remembered. */
  isRemembered(window: W): boolean;
  /** Whether a bridge call's sender is one of the console's windows (ipc/sender-check.ts). */
  isConsoleWindow(sender: unknown): boolean;
  /** A conscent-console:// link from the OS, for the window the agent is in (or the next one opened). */
  openLink(raw: string): void;
  /** A menu command, for the window the agent is in. */
  sendCommand(command: AppCommand): void;
  /** An event that concerns every page (the keychain is back): every open window gets it. */
  sendToAll(event: AppEvent): void;
}

type Entry<W> = { window: W; events: AppEventSender; lastFocus: number };

export function createConsoleWindows<W extends ConsoleWindowLike>(input: ConsoleWindowsInput<W>): ConsoleWindows<W> {
  const limit = input.limit ?? MAX_CONSOLE_WINDOWS;
  const entries: Entry<W>[] = [];
  let remembered: W | null = null;
  let focusCount = 0;
  // Events for the window that opens next: a link that came while no window was open
  // (macOS keeps running without one; links may even come before 'ready').
  let nextEvents = createAppEventSender();

  const current = (): Entry<W> | null => {
    const focused = entries.find((entry) => entry.window.isFocused());
    if (focused) return focused;
    // Focused last; the newest among windows never focused.
    return entries.reduce<Entry<W> | null>((best, entry) => (!best || entry.lastFocus >= best.lastFocus ? entry : best), null);
  };

  const openEntry = (): Entry<W> | { opened: false; reason: 'too-many-windows'; limit: number } => {
    if (entries.length >= limit) return { opened: false, reason: 'too-many-windows', limit };
    const from = current()?.window.getNormalBounds();
    const isFirst = entries.length === 0;
    const window = input.create({ remembered: isFirst, ...(from ? { cascadeFrom: from } : {}) });
    const events = nextEvents;
    nextEvents = createAppEventSender();
    events.attach(window.webContents);
    const entry: Entry<W> = { window, events, lastFocus: ++focusCount };
    entries.push(entry);
    // The first window opened is the one remembered; the role stays with it while it is open.
    if (isFirst) remembered = window;
    window.on('focus', () => {
      entry.lastFocus = ++focusCount;
    });
    window.on('closed', () => {
      const at = entries.indexOf(entry);
      if (at >= 0) entries.splice(at, 1);
      if (remembered === window) remembered = null;
    });
    return entry;
  };

  return {
    open() {
      const made = openEntry();
      return 'window' in made ? { opened: true, window: made.window } : made;
    },
    openReader(userId, connection) {
      const made = openEntry();
      if (!('window' in made)) return made;
      // Only the new window's own events: the window the agent clicked in is left as it is.
      // (It takes the focus when it is shown, once its page is ready: not before, or it would flash.)
      made.events.openLink(readerLinkFor(userId, connection));
      return { opened: true };
    },
    current: () => current()?.window ?? null,
    all: () => entries.map((entry) => entry.window),
    isRemembered: (window) => remembered === window,
    isConsoleWindow: (sender) => sender !== null && entries.some((entry) => entry.window.webContents === sender),
    openLink(raw) {
      (current()?.events ?? nextEvents).openLink(raw);
    },
    sendCommand(command) {
      current()?.events.send({ kind: 'command', command });
    },
    sendToAll(event) {
      for (const entry of entries) entry.events.send(event);
    },
  };
}

/** What File → New Window says when `limit` windows are open already (main's own message box). */
export function tooManyWindowsMessage(limit: number): {
  type: 'info';
  title: string;
  message: string;
  detail: string;
  buttons: string[];
  noLink: true;
} {
  return {
    type: 'info',
    title: 'Too many windows',
    message: `${limit} console windows are open already.`,
    detail: 'Close a window you no longer need, then open a new one.',
    buttons: ['OK'],
    noLink: true,
  };
}

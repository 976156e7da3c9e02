import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { APP_EVENT_CHANNEL, type AppEvent } from '../../common/app-events';
import { MAX_CONSOLE_WINDOWS } from '../../common/windows-contract';
import { createConsoleWindows, type ConsoleWindowLike, type NewWindowPlace } from '../../main/window/console-windows';
import { CASCADE_STEP, cascadeFrom } from '../../main/window/window-state';

// Issue 22.4: several readers at once, in console windows side by side. The window set on
// its own, over plain windows: which window hears what main says, where a new one opens,
// and how many may be open.

const ID = '5f92a62013332e0f667794dc';

class Page extends EventEmitter {
  readonly events: AppEvent[] = [];
  send(channel: string, event: AppEvent): void {
    if (channel === APP_EVENT_CHANNEL) this.events.push(event);
  }
  loaded(): this {
    this.emit('did-finish-load');
    return this;
  }
}

class Win extends EventEmitter implements ConsoleWindowLike {
  readonly webContents = new Page();
  focused = false;
  minimized = false;
  constructor(
    readonly place: NewWindowPlace,
    readonly bounds: { x: number; y: number; width: number; height: number },
  ) {
    super();
  }
  getNormalBounds() {
    return { ...this.bounds };
  }
  isFocused() {
    return this.focused;
  }
  isMinimized() {
    return this.minimized;
  }
  restore() {
    this.minimized = false;
  }
  show() {}
  focus() {
    this.focused = true;
    this.emit('focus');
  }
  blur() {
    this.focused = false;
  }
  close() {
    this.emit('closed');
  }
}

function windowSet(limit?: number) {
  const made: Win[] = [];
  const windows = createConsoleWindows<Win>({
    create: (place) => {
      const from = place.cascadeFrom;
      const win = new Win(place, from ? cascadeFrom(from, [{ x: 0, y: 0, width: 1920, height: 1040 }]) : { x: 100, y: 80, width: 1280, height: 860 });
      made.push(win);
      return win;
    },
    ...(limit !== undefined ? { limit } : {}),
  });
  const open = (): Win => {
    const result = windows.open();
    if (!result.opened) throw new Error('refused');
    return result.window;
  };
  return { windows, made, open };
}

describe('console windows', () => {
  it('a reader opened in a new window is looked up there, by user id on the named connection, and nowhere else', () => {
    const { windows, open } = windowSet();
    const first = open();
    first.webContents.loaded();
    first.focus();
    expect(windows.openReader(ID, 'Sandbox (India)')).toEqual({ opened: true });
    const second = windows.all()[1]!;
    // It waits for the new page to load, as a ticket's link does.
    expect(second.webContents.events).toEqual([]);
    second.webContents.loaded();
    expect(second.webContents.events).toEqual([{ kind: 'open-link', link: { kind: 'userId', value: ID, connection: 'Sandbox (India)' } }]);
    expect(first.webContents.events).toEqual([]);
  });

  it('a link from the OS and a menu command go to the window the agent is in; the keychain coming back to every window', () => {
    const { windows, open } = windowSet();
    const [first, second] = [open().webContents.loaded(), open().webContents.loaded()];
    const [w1, w2] = windows.all() as [Win, Win];
    w1.focus();
    windows.openLink(`conscent-console://reader?userId=${ID}`);
    windows.sendCommand('focus-search');
    expect(first.events).toEqual([
      { kind: 'open-link', link: { kind: 'userId', value: ID } },
      { kind: 'command', command: 'focus-search' },
    ]);
    expect(second.events).toEqual([]);

    // The agent moved to the other window, then to another app: the console window used last takes the link.
    w1.blur();
    w2.focus();
    w2.blur();
    windows.openLink('conscent-console://reader?email=asha%40example.com');
    expect(second.events).toEqual([{ kind: 'open-link', link: { kind: 'email', value: 'asha@example.com' } }]);

    windows.sendToAll({ kind: 'keychain-back' });
    expect(first.events.at(-1)).toEqual({ kind: 'keychain-back' });
    expect(second.events.at(-1)).toEqual({ kind: 'keychain-back' });
  });

  it('a link that comes while no window is open waits for the next window', () => {
    const { windows, open } = windowSet();
    open().close();
    expect(windows.current()).toBeNull();
    windows.openLink(`conscent-console://reader?userId=${ID}`);
    const next = open().webContents.loaded();
    expect(next.events).toEqual([{ kind: 'open-link', link: { kind: 'userId', value: ID } }]);
  });

  it(`refuses a window past the limit (${MAX_CONSOLE_WINDOWS} by default), as data, and opens one again once a window is closed`, () => {
    const { windows, open, made } = windowSet();
    for (let i = 0; i < MAX_CONSOLE_WINDOWS; i++) open();
    expect(windows.open()).toEqual({ opened: false, reason: 'too-many-windows', limit: MAX_CONSOLE_WINDOWS });
    expect(windows.openReader(ID, 'Sandbox')).toEqual({ opened: false, reason: 'too-many-windows', limit: MAX_CONSOLE_WINDOWS });
    expect(made).toHaveLength(MAX_CONSOLE_WINDOWS);
    made[3]!.close();
    expect(windows.openReader(ID, 'Sandbox')).toEqual({ opened: true });
    expect(windows.all()).toHaveLength(MAX_CONSOLE_WINDOWS);
  });

  it('remembers the place of the first window only; a new one cascades from the window the agent is in', () => {
    const { windows, open } = windowSet();
    const first = open();
    const second = open();
    expect(first.place).toEqual({ remembered: true });
    expect(windows.isRemembered(first)).toBe(true);
    expect(windows.isRemembered(second)).toBe(false);
    expect(second.bounds).toEqual({ x: 100 + CASCADE_STEP, y: 80 + CASCADE_STEP, width: 1280, height: 860 });
    first.focus();
    const third = open();
    expect(third.place.cascadeFrom).toEqual(first.bounds);
    // The first one closed: the others are not remembered in its stead.
    first.close();
    expect(windows.all().some((win) => windows.isRemembered(win))).toBe(false);
  });

  it('trusts the pages of its own open windows only', () => {
    const { windows, open } = windowSet();
    const first = open();
    const second = open();
    expect(windows.isConsoleWindow(first.webContents)).toBe(true);
    expect(windows.isConsoleWindow(second.webContents)).toBe(true);
    expect(windows.isConsoleWindow(new Page())).toBe(false);
    expect(windows.isConsoleWindow(null)).toBe(false);
    second.close();
    expect(windows.isConsoleWindow(second.webContents)).toBe(false);
  });
});

describe('cascadeFrom', () => {
  const display = { x: 0, y: 0, width: 1366, height: 728 };
  it('steps down and right on the same display', () => {
    expect(cascadeFrom({ x: 10, y: 10, width: 1000, height: 600 }, [display])).toEqual({ x: 38, y: 38, width: 1000, height: 600 });
  });
  it('goes back to the display’s top-left corner rather than past its edge', () => {
    expect(cascadeFrom({ x: 300, y: 100, width: 1100, height: 640 }, [display])).toEqual({ x: 0, y: 0, width: 1100, height: 640 });
  });
  it('stays on the second display when the agent is there', () => {
    const right = { x: 1366, y: 0, width: 1920, height: 1040 };
    expect(cascadeFrom({ x: 1400, y: 50, width: 1280, height: 860 }, [display, right])).toEqual({ x: 1428, y: 78, width: 1280, height: 860 });
  });
});

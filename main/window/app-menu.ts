import type { AboutPanelOptionsOptions, MenuItemConstructorOptions } from 'electron';
import type { AppCommand } from '../../common/app-events';

// A minimal application menu. The Edit roles are what make copy, paste, undo and select
// all work (including their shortcuts, on macOS in particular). Reload and DevTools exist
// only in development: a packaged console has no way to open DevTools, and an agent
// cannot reload the page by accident.
//
// The Reader menu (issue #11) lists the console's own shortcuts with their accelerators.
// They are shown, not registered (registerAccelerator: false): the page answers the keys
// itself (so they work the same in the tests' Chromium and never fire twice), and a
// click on the item reaches the page as a command through the bridge's one
// subscription (common/app-events.ts), never by running JavaScript in it.

export interface MenuInput {
  platform: NodeJS.Platform;
  appName: string;
  isPackaged: boolean;
  /** Delivers a menu command to the page (main/window/app-events.ts). */
  sendCommand?: (command: AppCommand) => void;
  /** Opens the bundled user guide (user-guide.ts); absent where there is none (development). */
  openUserGuide?: () => void;
  /** File → New Window (issue 22.4): another console window beside the one the agent is in. */
  newWindow?: () => void;
}

/** File → New Window's shortcut, as in browsers and editors. */
export const NEW_WINDOW_ACCELERATOR = 'CmdOrCtrl+Shift+N';

/** The console's shortcuts as the menu shows them; the page's keyboard map matches (renderer/src/keyboard/shortcuts.ts). */
export const READER_MENU: ReadonlyArray<{ label: string; accelerator: string; command: AppCommand }> = [
  { label: 'Find a Reader', accelerator: 'CmdOrCtrl+K', command: 'focus-search' },
  { label: 'Review Changes', accelerator: 'CmdOrCtrl+Enter', command: 'review' },
  { label: 'Refresh Reader', accelerator: 'CmdOrCtrl+Shift+R', command: 'refresh-reader' },
  { label: 'Keyboard Shortcuts', accelerator: 'CmdOrCtrl+/', command: 'show-shortcuts' },
];

/**
 * What the About box shows on every OS (issue 21): the product name and version, so an
 * agent or admin can tell which build is installed. Electron's About item on Windows and
 * Linux shows only what is set here; macOS also reads it.
 */
export function aboutPanelOptions(input: { appName: string; version: string; copyright?: string }): AboutPanelOptionsOptions {
  return {
    applicationName: input.appName,
    applicationVersion: input.version,
    ...(input.copyright ? { copyright: input.copyright } : {}),
  };
}

export function createMenuTemplate(input: MenuInput): MenuItemConstructorOptions[] {
  const isMac = input.platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [];
  // Registered by the menu (unlike the Reader menu's shortcuts): it works with no page focused.
  const newWindow: MenuItemConstructorOptions[] = input.newWindow
    ? [{ label: 'New Window', accelerator: NEW_WINDOW_ACCELERATOR, click: () => input.newWindow?.() }, { type: 'separator' }]
    : [];

  if (isMac) {
    template.push({
      label: input.appName,
      submenu: [
        { role: 'about' },
        { type: 'separator' },
        { role: 'hide' },
        { role: 'hideOthers' },
        { role: 'unhide' },
        { type: 'separator' },
        { role: 'quit' },
      ],
    });
    // Cmd+W closes the window, as in every Mac app (the close guard still asks about unsaved edits).
    template.push({ label: 'File', submenu: [...newWindow, { role: 'close' }] });
  } else {
    template.push({ label: 'File', submenu: [...newWindow, { role: 'quit' }] });
  }

  template.push({
    label: 'Edit',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'delete' },
      { type: 'separator' },
      { role: 'selectAll' },
    ],
  });

  const development: MenuItemConstructorOptions[] = input.isPackaged
    ? []
    : // No forceReload: its Shift+CmdOrCtrl+R is Refresh Reader.
      [{ role: 'reload' }, { role: 'toggleDevTools' }, { type: 'separator' }];
  const send = input.sendCommand ?? (() => undefined);
  template.push({
    label: 'Reader',
    submenu: READER_MENU.map(({ label, accelerator, command }) => ({
      label,
      accelerator,
      registerAccelerator: false,
      click: () => send(command),
    })),
  });

  template.push({
    label: 'View',
    submenu: [...development, { role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { type: 'separator' }, { role: 'togglefullscreen' }],
  });

  template.push({
    label: 'Window',
    submenu: isMac ? [{ role: 'minimize' }, { role: 'zoom' }, { type: 'separator' }, { role: 'front' }] : [{ role: 'minimize' }, { role: 'close' }],
  });
  // The guide is the built docs/using.md, offline (user-guide.ts). Windows and Linux have
  // no application menu to hold About: it goes under Help, where their apps keep it (macOS
  // has it in the app menu above).
  const guide: MenuItemConstructorOptions[] = input.openUserGuide
    ? [{ label: 'User Guide', accelerator: 'F1', click: () => input.openUserGuide?.() }]
    : [];
  const about: MenuItemConstructorOptions[] = isMac ? [] : [{ role: 'about', label: `About ${input.appName}` }];
  if (guide.length + about.length > 0) template.push({ label: 'Help', ...(isMac ? { role: 'help' as const } : {}), submenu: [...guide, ...about] });
  return template;
}

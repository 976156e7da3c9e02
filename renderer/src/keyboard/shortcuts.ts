import type { AppCommand } from '../../../common/app-events';

// The console's shortcuts, in one table: the page answers them (use-shortcuts.ts), the
// help dialog lists them, and the app menu shows the same accelerators
// (main/window/app-menu.ts READER_MENU). Ctrl on Windows and Linux, ⌘ on a Mac.

export const IS_MAC = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
const MOD = IS_MAC ? '⌘' : 'Ctrl';

export type ShortcutHelp = { keys: string[]; does: string };

export const SHORTCUT_HELP: ShortcutHelp[] = [
  { keys: [`${MOD}+K`, `${MOD}+F`], does: 'Go to the search box (from any screen)' },
  { keys: ['↓ in the search box'], does: 'Go to the recent readers' },
  { keys: [`${MOD}+Enter`], does: 'Review the changes to the open reader' },
  { keys: [`${MOD}+Enter in the review`], does: 'Send the changes' },
  { keys: [`${MOD}+Shift+R`], does: 'Refresh the open reader from ConsCent' },
  // Main's, not the page's: the File menu answers it (app-menu.ts NEW_WINDOW_ACCELERATOR), even with no page in front.
  { keys: [`${MOD}+Shift+N`], does: 'Open a new console window' },
  { keys: ['Escape'], does: 'Close the dialog (going back to editing keeps your edits)' },
  { keys: ['?', `${MOD}+/`], does: 'Show these shortcuts' },
];

const isEditable = (target: EventTarget | null) =>
  target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));

/** The command a key press asks for, if any. Ctrl+Enter is the edit form's own (use-review-shortcut.ts). */
export function commandForKey(event: KeyboardEvent): AppCommand | null {
  const mod = IS_MAC ? event.metaKey : event.ctrlKey;
  const key = event.key.toLowerCase();
  if (mod && !event.altKey && !event.shiftKey && (key === 'k' || key === 'f')) return 'focus-search';
  if (mod && event.shiftKey && !event.altKey && key === 'r') return 'refresh-reader';
  if (mod && !event.altKey && key === '/') return 'show-shortcuts';
  if (event.key === '?' && !mod && !event.altKey && !isEditable(event.target)) return 'show-shortcuts';
  return null;
}

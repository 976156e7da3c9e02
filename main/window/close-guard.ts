import type { MessageBoxSyncOptions } from 'electron';

// When the page's beforeunload handler cancels an unload (the agent has unsaved edits
// and is closing the window or reloading), Electron emits 'will-prevent-unload' instead
// of showing anything. We ask; calling preventDefault() on that event lets the unload
// go ahead, so it is called only when the agent chooses Leave.

export const LEAVE_BUTTON = 0;
export const STAY_BUTTON = 1;

export const UNSAVED_CHANGES_DIALOG: MessageBoxSyncOptions = {
  type: 'warning',
  title: 'Unsaved changes',
  message: "You have unsaved changes to this reader's details. Leave without saving?",
  detail: 'Your edits have not been sent to ConsCent and will be lost.',
  buttons: ['Leave', 'Stay'],
  defaultId: STAY_BUTTON,
  cancelId: STAY_BUTTON,
  noLink: true,
};

/** Shows the message box and returns the index of the chosen button. */
export type ShowMessageBox = (options: MessageBoxSyncOptions) => number;

export interface UnloadEventLike {
  preventDefault(): void;
}

export interface WillPreventUnloadSource {
  on(event: 'will-prevent-unload', listener: (event: UnloadEventLike) => void): unknown;
}

export function handleWillPreventUnload(event: UnloadEventLike, showMessageBox: ShowMessageBox): void {
  // A copy: the dialog implementation must not be able to alter the shared options.
  const choice = showMessageBox({ ...UNSAVED_CHANGES_DIALOG, buttons: [...(UNSAVED_CHANGES_DIALOG.buttons ?? [])] });
  if (choice === LEAVE_BUTTON) event.preventDefault();
}

export function installCloseGuard(contents: WillPreventUnloadSource, showMessageBox: ShowMessageBox): void {
  contents.on('will-prevent-unload', (event) => handleWillPreventUnload(event, showMessageBox));
}

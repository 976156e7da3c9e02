import type { MessageBoxOptions } from 'electron';

// Clear history is confirmed by main itself (issue 18): a message box main draws, so a
// page that was taken over cannot erase the audit trail by sending `confirm: true`.
// Electron's dialog.showMessageBox is passed in (main/start-app.ts); tests pass a fake.

export type ShowMessageBox = (options: MessageBoxOptions) => Promise<{ response: number }>;

const KEEP = 0;
const CLEAR = 1;

export function clearHistoryDialog(entries: number): MessageBoxOptions {
  return {
    type: 'warning',
    title: 'Clear the change history',
    message: `Clear the whole change history (${entries} ${entries === 1 ? 'change' : 'changes'})?`,
    detail:
      'Every recorded change on this computer is deleted and cannot be brought back; export it first if it may be needed. ' +
      'A signed record of the clearing (who, when, how many changes) stays in the history. Connections and their API keys are not touched.',
    buttons: ['Keep it', 'Clear history'],
    defaultId: KEEP,
    cancelId: KEEP,
    noLink: true,
  };
}

/** True only when the agent chose "Clear history" in main's dialog. */
export function confirmClearWith(show: ShowMessageBox): (entries: number) => Promise<boolean> {
  return async (entries) => (await show(clearHistoryDialog(entries))).response === CLEAR;
}

import type { BridgeError, ErrorOf } from '../../../common/result';

// The sentences for `history` errors (explain-error.ts asks here):
// main sends a reason and facts (which change, which folder), the agent reads what
// happened and what to do.

export function historyFailureWords(error: ErrorOf<'history'>, whileSaving: boolean): string {
  const change = error.entryId !== undefined ? `change ${error.entryId}` : 'this change';
  switch (error.reason) {
    case 'history-unwritable':
      return whileSaving
        ? `The change history${error.path ? ` in ${error.path}` : ''} could not be written${error.code ? ` (${error.code})` : ''}, so nothing was sent to ConsCent. Check that the disk is not full and the folder is writable, then try again.`
        : `The change history${error.path ? ` in ${error.path}` : ''} could not be opened${error.code ? ` (${error.code})` : ''}. Check that the disk is not full and the folder is readable and writable, then try again.`;
    case 'history-entry-missing':
      return `${capital(change)} is no longer in the history: it was cleared or removed after the retention period. Show the history again.`;
    case 'revert-not-saved':
      return `${capital(change)} was not saved, so there is nothing to revert.`;
    case 'revert-unconfirmed':
      return `ConsCent never confirmed ${change}, so the console cannot tell what to restore. Look the reader up and correct them from what ConsCent shows.`;
    case 'revert-other-reader':
      return `${capital(change)} was made to another reader or over another connection, so it cannot be reverted here. Start the revert again from the History screen.`;
    case 'revert-connection-gone':
      return `The connection that made ${change} no longer exists, so the console cannot send the revert to the same ConsCent. Re-create that connection to revert it.`;
    case 'revert-connection-moved':
      return `The connection that made ${change} now points at another ConsCent, so reverting it there could change the wrong reader. Point the connection back, or correct the reader by hand.`;
    default:
      return 'The change history could not do this. Try again; if it keeps happening, send the support log to your IT team.';
  }
}

/** The facts behind a history failure: which folder (and error code), or which change. */
export function historyFailureDetail(error: BridgeError): string | undefined {
  if (error.kind !== 'history') return undefined;
  if (error.path) return `History folder: ${error.path}${error.code ? ` (error ${error.code})` : ''}.`;
  if (error.entryId !== undefined) return `Change ${error.entryId} of this computer's change history.`;
  return 'This console has no change history folder.';
}

const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

import type { ErrorOf } from '../../../common/result';
import { advice, type Advice } from './advice';

// The sentences for `history` errors (explain-error.ts asks here):
// main sends a reason and facts (which change, which folder), the agent reads what
// happened and, once, what to do.

export function historyFailureWords(error: ErrorOf<'history'>, whileSaving: boolean): Advice {
  const change = error.entryId !== undefined ? `change ${error.entryId}` : 'this change';
  switch (error.reason) {
    case 'history-unwritable': {
      const where = `The change history${error.path ? ` in ${error.path}` : ''}`;
      const code = error.code ? ` (${error.code})` : '';
      return whileSaving
        ? advice(
            `${where} could not be written${code}, so nothing was sent to ConsCent.`,
            'Check that the disk is not full and the folder is writable, then try again.',
            'try-again',
          )
        : advice(
            `${where} could not be opened${code}.`,
            'Check that the disk is not full and the folder is readable and writable, then try again.',
            'try-again',
          );
    }
    case 'history-entry-missing':
      return advice(
        `${capital(change)} is no longer in the history: it was cleared or removed after the retention period.`,
        'Show the history again.',
        'refresh',
      );
    case 'revert-not-saved':
      return advice(
        `${capital(change)} was not saved, so there is nothing to revert.`,
        'Correct the reader by hand if something still needs changing.',
      );
    case 'revert-unconfirmed':
      return advice(
        `ConsCent never confirmed ${change}, so the console cannot tell what to restore.`,
        'Look the reader up and correct them from what ConsCent shows.',
      );
    case 'revert-other-reader':
      return advice(
        `${capital(change)} was made to another reader or over another connection, so it cannot be reverted here.`,
        'Start the revert again from the History screen.',
      );
    case 'revert-connection-gone':
      return advice(
        `The connection that made ${change} no longer exists, so the console cannot send the revert to the same ConsCent.`,
        'Re-create that connection in Connections to revert it.',
        'open-connection-settings',
      );
    case 'revert-connection-moved':
      return advice(
        `The connection that made ${change} now points at another ConsCent, so reverting it there could change the wrong reader.`,
        'Point the connection back in Connections, or correct the reader by hand.',
        'open-connection-settings',
      );
    default:
      return advice(
        `The change history could not do this${error.path ? ` (folder ${error.path}${error.code ? `, error ${error.code}` : ''})` : ''}.`,
        'Try again; if it keeps happening, send the support log to your IT team.',
        'try-again',
      );
  }
}

const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

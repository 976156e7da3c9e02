import type { ErrorOf } from '../../../common/result';
import { advice, type Advice } from './advice';

// The sentences for `bulk` errors (explain-error.ts asks here): main sends a reason and
// facts (which row, which column, the limit); the agent reads what happened and, once,
// what to do.

const CHOOSE_AGAIN = 'Save it from your spreadsheet as “CSV UTF-8 (comma delimited)” and choose it again.';

export function bulkFailureWords(error: ErrorOf<'bulk'>): Advice {
  const row = error.row !== undefined ? ` (row ${error.row})` : '';
  switch (error.reason) {
    case 'file-unreadable':
      return advice(
        `The file could not be read${error.code ? ` (${error.code})` : ''}.`,
        'Check that it still exists and that you may open it, then choose it again.',
      );
    case 'file-empty':
      return advice('The file is empty.', 'Choose a file that starts with a header row naming its columns, then has one row per reader.');
    case 'file-too-large':
      return advice(
        `The file has more than ${(error.limit ?? 100_000).toLocaleString('en')} rows, the most one run takes.`,
        'Split it into smaller files and run them one after the other.',
      );
    case 'file-not-csv':
      return advice(`The file is not CSV as the console reads it${row}.`, CHOOSE_AGAIN);
    case 'file-not-utf8':
      return advice(`The file is not UTF-8 text${row}.`, CHOOSE_AGAIN);
    case 'header-problem':
      return advice(
        `The header row has an empty or repeated column name${error.column ? ` (“${error.column}”)` : ''}.`,
        'Give every column its own name and choose the file again.',
      );
    case 'mapping-problem':
      return error.column?.startsWith('address.')
        ? advice(
            'Only some of the address columns are mapped, but ConsCent takes the address whole and the console does not know the parts a file leaves out.',
            'Map all eight address columns, or none.',
          )
        : advice(`The column “${error.column ?? ''}” is not in the file's header.`, 'Choose the columns again.');
    case 'run-missing':
      return advice('This bulk run is no longer known to the console (its files were removed).', 'Choose the file again.');
    case 'run-connection-moved':
      return advice(
        'The connection this bulk run was checked for now points at another ConsCent (or another Client ID), so the run is not sent there.',
        'Choose the file again to check it for the connection as it is now.',
      );
    case 'run-busy':
      return advice('This bulk run is still sending.', 'Pause or cancel it first.');
    case 'rows-invalid':
      return advice('Some rows are in error.', 'Correct the file and choose it again, or choose to skip the rows in error.');
    case 'nothing-to-send':
      return advice('There is nothing left to send in this run: every row already has an outcome.', 'Choose another file to correct more readers.');
    case 'confirm-name':
      return advice('The name typed does not match the connection’s name.', 'Type the connection’s name exactly to send to Production.');
    case 'run-files-unwritable':
      return advice(
        `The run's files could not be written${error.code ? ` (${error.code})` : ''}, so the run stopped and nothing more is sent (a row whose outcome could not be recorded gets the one the change history recorded, or “outcome unknown”, and is never resent).`,
        'Check that the disk is not full, then resume the run.',
      );
    case 'run-file-damaged':
      return advice(
        `This bulk run's file ${error.path ?? ''}${error.line ? ` is damaged at line ${error.line}` : ' is damaged'}, so the console cannot tell which rows were already sent and does not resume it (none is sent twice).`,
        'Check in the change history which of its readers were changed, and send the rest again from the CSV file.',
      );
    default:
      return advice('The bulk run could not do this.', 'Try again; if it keeps happening, send the support log to your IT team.');
  }
}

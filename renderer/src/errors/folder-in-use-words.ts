import type { ErrorOf } from '../../../common/result';
import { localTime } from '../format/times';

// Another console holds this computer's data folder (main/user-data-lock.ts): this one
// waits, having read and written nothing. The agent closes the other console; only when
// none is running (a console on another computer sharing the folder, or a lock left by
// one that crashed there) do they remove the lock file by hand.

export const FOLDER_IN_USE_SUMMARY =
  "Another ConsCent Console is already using this computer's data folder, so this one has not read or changed anything. " +
  'Close the other console (check other windows and users), then choose Try again.';

export function folderInUseDetail(error: ErrorOf<'data-folder-in-use'>): string {
  const folder = error.path ? ` ${error.path}` : '';
  const who = error.lockedBy
    ? `console process ${error.lockedBy.pid} on the computer “${error.lockedBy.machine}”, started ${localTime(error.lockedBy.since) ?? error.lockedBy.since}`
    : 'another console (its lock file could not be read)';
  return (
    `The data folder${folder} is in use by ${who}. ` +
    'If no console is running there any more, delete the file console.lock in that folder, then try again.'
  );
}

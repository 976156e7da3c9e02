import type { ErrorOf } from '../../../common/result';
import { localTime } from '../format/times';
import { advice, type Advice } from './advice';

// Another console holds this computer's data folder (main/user-data-lock.ts): this one
// waits, having read and written nothing. The agent closes the other console; only when
// none is running (a console on another computer sharing the folder, or a lock left by
// one that crashed there) do they remove the lock file by hand.

export function folderInUseWords(error: ErrorOf<'data-folder-in-use'>): Advice {
  const folder = error.path ? ` ${error.path}` : '';
  const who = error.lockedBy
    ? `console process ${error.lockedBy.pid} on the computer “${error.lockedBy.machine}”, started ${localTime(error.lockedBy.since) ?? error.lockedBy.since}`
    : 'another console (its lock file could not be read)';
  return advice(
    `Another ConsCent Console is already using this computer's data folder${folder} (${who}), so this one has not read or changed anything.`,
    'Close the other console (check other windows and users) and choose Try again; if no console runs there any more, first delete the file console.lock in that folder.',
    'try-again',
  );
}

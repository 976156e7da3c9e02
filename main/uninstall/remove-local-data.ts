import { rm, stat } from 'node:fs/promises';
import { KEYCHAIN_SERVICE } from '../../common/product';
import type { KeytarLike } from '../credentials/credential-store';
import { KEYCHAIN_CHECK_ACCOUNT } from '../credentials/credential-store';
import { classifyKeychainError } from '../credentials/keychain-errors';

// Removes every trace the console left on this computer for the agent running it (issue
// 18.4): the data folder (settings, change history, bulk runs, recent readers, logs,
// Chromium's state) and every keychain entry under the console's service name (each
// connection's API key and secret, proxy user names and passwords, the marker entry, and
// whatever else main keeps there). Run by `conscent-console --remove-local-data` and by
// scripts/remove-local-data.ts; docs/installing.md names both.

export interface RemovalReport {
  /** Folders that existed and were deleted. */
  removedFolders: string[];
  /** Keychain accounts deleted under KEYCHAIN_SERVICE. */
  removedKeychainAccounts: string[];
  /** What could not be removed, in words for a terminal. Empty when everything went. */
  problems: string[];
}

export async function removeLocalData(options: { folders: readonly string[]; keytar: KeytarLike; service?: string }): Promise<RemovalReport> {
  const service = options.service ?? KEYCHAIN_SERVICE;
  const report: RemovalReport = { removedFolders: [], removedKeychainAccounts: [], problems: [] };

  for (const folder of new Set(options.folders)) {
    const exists = await stat(folder).then(
      () => true,
      () => false,
    );
    if (!exists) continue;
    try {
      await rm(folder, { recursive: true, force: true });
      report.removedFolders.push(folder);
    } catch (error) {
      report.problems.push(`${folder} could not be deleted (${(error as NodeJS.ErrnoException).code ?? 'error'}); delete it by hand.`);
    }
  }

  try {
    // keytar's findCredentials crashes the process on a locked item (see credential-store.ts):
    // reading, or else writing, the marker first makes a locked keychain refuse instead.
    if ((await options.keytar.getPassword(service, KEYCHAIN_CHECK_ACCOUNT)) === null) {
      await options.keytar.setPassword(service, KEYCHAIN_CHECK_ACCOUNT, 'Removed at once by remove-local-data.');
    }
    const entries = await options.keytar.findCredentials(service);
    for (const account of new Set(entries.map((entry) => entry.account))) {
      if (await options.keytar.deletePassword(service, account)) report.removedKeychainAccounts.push(account);
    }
  } catch (error) {
    const reason = classifyKeychainError(error).reason;
    report.problems.push(
      `The keychain entries under "${service}" could not be removed (${reason}): unlock or start the keychain and run this again, ` +
        `or delete them in your keychain manager (service "${service}").`,
    );
  }
  report.removedKeychainAccounts.sort();
  return report;
}

/** The report as lines for a terminal: what went, and what is left to do. Never a secret (only account names). */
export function describeRemoval(report: RemovalReport): string {
  const lines = [
    ...report.removedFolders.map((folder) => `Deleted ${folder}`),
    `Deleted ${report.removedKeychainAccounts.length} keychain entries (${report.removedKeychainAccounts.join(', ') || 'none'}).`,
    ...report.problems,
  ];
  if (report.problems.length === 0) lines.push('Nothing of ConsCent Console is left on this computer for this user.');
  return lines.join('\n');
}

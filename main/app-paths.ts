import { join } from 'node:path';

// Where the console keeps each of its stores, all derived from the two folders Electron
// gives it (userData, logs). Production wiring takes this one object; tests build it over
// a temp folder, so no service needs a "no folder" mode or a fallback location.

export type AppPaths = {
  /** The data folder itself (the lock file, the user-data-lock). */
  userData: string;
  /** settings.json: connections and preferences, never a secret. */
  settings: string;
  /** history/: the change history (docs/history.md). */
  history: string;
  /** bulk/: one folder per bulk run (docs/bulk.md). */
  bulk: string;
  /** audit/: the audit outbox (issue 20; docs/history.md). */
  audit: string;
  /** recent-readers.json. */
  recentReaders: string;
  /** The support log's folder. */
  logs: string;
};

export const SETTINGS_FILE_NAME = 'settings.json';
export const HISTORY_DIR_NAME = 'history';
export const BULK_DIR_NAME = 'bulk';
export const AUDIT_DIR_NAME = 'audit';
export const RECENT_READERS_FILE_NAME = 'recent-readers.json';

export function appPaths(userData: string, logs: string): AppPaths {
  return {
    userData,
    settings: join(userData, SETTINGS_FILE_NAME),
    history: join(userData, HISTORY_DIR_NAME),
    bulk: join(userData, BULK_DIR_NAME),
    audit: join(userData, AUDIT_DIR_NAME),
    recentReaders: join(userData, RECENT_READERS_FILE_NAME),
    logs,
  };
}

import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Plain Node (no vitest import): test/temp-folder-guard.ts runs this in vitest's own
// process, where the test API does not exist.

/** How the temp folders the tests and the code they run make are named. */
export const PROJECT_TEMP_PREFIXES = [
  'cc-',
  'conscent-',
  'electronegativity-',
  'preload-check-',
  'app-protocol-',
  'sweep-control-',
  'bench-history-',
] as const;

export const isProjectTempName = (name: string): boolean => PROJECT_TEMP_PREFIXES.some((prefix) => name.startsWith(prefix));

/** The folder a run's temp folders go to, inside the system's, so runs side by side (other checkouts, CI jobs) never see each other's. */
export const RUN_FOLDER_PREFIX = 'cc-test-run-';

export interface TempFolderWatch {
  /** Where TMPDIR points while the watch lasts. */
  readonly runDir: string;
  /** Puts TMPDIR back, removes the run's folder, and answers what the tests left in it. */
  finish(): string[];
}

/**
 * Points TMPDIR, and so os.tmpdir() of every test process and of every process they start
 * (Chromium, gnome-keyring, tinyproxy, node-gyp), at a fresh folder inside the system's
 * temp folder. What is still there at the end was left behind by a test.
 */
export function watchTempFolder(env: NodeJS.ProcessEnv = process.env): TempFolderWatch {
  const runDir = mkdtempSync(join(tmpdir(), RUN_FOLDER_PREFIX));
  const previous = env.TMPDIR;
  env.TMPDIR = runDir;
  return {
    runDir,
    finish() {
      if (previous === undefined) delete env.TMPDIR;
      else env.TMPDIR = previous;
      // Tool caches (tsx's compile cache) are not the project's: removed, not reported.
      const leaked = readdirSync(runDir).filter(isProjectTempName).sort();
      rmSync(runDir, { recursive: true, force: true });
      return leaked;
    },
  };
}

/** What the run says when tests left temp folders behind. */
export function leakReport(leaked: readonly string[]): string {
  return [
    `The tests left ${leaked.length} temp folder(s) behind (removed now; the test that made each must remove it):`,
    ...leaked.map((name) => `  ${name}`),
    'Find the test by the name\'s prefix (grep -rn "<prefix>" test), and remove the folder in an afterEach/afterAll or use tempFolders() from test/helpers/temp-folders.ts.',
  ].join('\n');
}

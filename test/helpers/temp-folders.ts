import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

/**
 * Fresh folders under the system's temp folder, each named `<prefix>XXXXXX` (or the prefix a call gives), all removed
 * after the file's last test (call it at the top of a test file, where vitest collects
 * hooks). The run checks the temp folder is left as found (test/helpers/temp-folder-guard.ts),
 * so a test that makes its own with mkdtemp has to remove it too.
 */
export function tempFolders(prefix: string): (prefixHere?: string) => string {
  const made: string[] = [];
  afterAll(() => {
    for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  // A folder may carry its own prefix, so a test's folders say what each one plays.
  return (prefixHere = prefix) => {
    const dir = mkdtempSync(join(tmpdir(), prefixHere));
    made.push(dir);
    return dir;
  };
}

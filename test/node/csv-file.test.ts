import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeCsvFile } from '../../main/exports/csv-file';
import { tempFolders } from '../helpers/temp-folders';

const tempDir = tempFolders('cc-csv-');

// Every CSV the console exports (the change history, a bulk run's results and report) is
// written by main/exports/csv-file.ts: private to the agent, safe to open in a spreadsheet.

describe('writeCsvFile', () => {
  it('writes a private file with a header, CRLF lines and formula-looking cells escaped, and counts the rows', async () => {
    const path = join(tempDir(), 'export.csv');
    const count = await writeCsvFile(path, ['name', 'note'], async (emit) => {
      await emit([['Asha', '=HYPERLINK("http://x")']]);
      await emit([
        ['Ravi', 'plain, with a comma'],
        ['Meera', '+91 98765'],
      ]);
    });
    expect(count).toBe(3);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(await readFile(path, 'utf8')).toBe(
      'name,note\r\nAsha,"\'=HYPERLINK(""http://x"")"\r\nRavi,"plain, with a comma"\r\nMeera,\'+91 98765\r\n',
    );
  });
});

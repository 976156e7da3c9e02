import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect } from 'vitest';
import type { BulkFile, BulkProgress, BulkResultsPage } from '../../common/bulk-schemas';
import type { HistoryPage } from '../../common/history-schemas';
import type { RecentReadersList } from '../../common/recent-readers-contract';
import { SEED_EXAMPLE_USER_ID } from '../../simulator';
import { sweepFiles } from '../e2e/file-sweep';
import { writeBulkCsv } from '../helpers/bulk-console';
import { consoleKeyring, readOpenLines, readOpenText } from '../helpers/sealed-lines';
import { simulatorTest } from '../helpers/simulator-fixture';
import { tempFolders } from '../helpers/temp-folders';
import { wireTestConsole, type TestConsole } from '../helpers/test-console';

// Issue 18.4 on an upgraded install: a console from before encryption left its history,
// recent readers and bulk runs in plain text. The first start of this version reads them
// all as before and seals them in place: afterwards no reader's data is left in the clear,
// and nothing was lost on the way.

const it = simulatorTest({ userCount: 6, seed: 8 });
const temp = tempFolders('cc-upgrade-seal-');
const NEW_NAME = 'Upgradeseal Readername';

async function ok<T>(console: TestConsole, operation: Parameters<TestConsole['call']>[0], payload?: unknown): Promise<T> {
  const result = await console.call<T>(operation, payload);
  if (!result.ok) throw new Error(`${operation}: ${JSON.stringify(result.error)}`);
  return result.value;
}

/** Every sealed file of the folder rewritten in plain text, as the console before encryption wrote it. */
async function asAnOlderConsoleWroteIt(dir: string): Promise<void> {
  const keys = consoleKeyring(dir);
  const history = join(dir, 'history');
  for (const name of (await readdir(history)).filter((n) => n.endsWith('.jsonl')))
    await writeFile(join(history, name), `${(await readOpenLines(keys, join(history, name), 'history')).join('\n')}\n`);
  await writeFile(join(dir, 'recent-readers.json'), (await readOpenText(keys, join(dir, 'recent-readers.json'), 'recent-readers')).trim());
  for (const run of await readdir(join(dir, 'bulk')))
    for (const name of (await readdir(join(dir, 'bulk', run))).filter((n) => n.endsWith('.jsonl')))
      await writeFile(join(dir, 'bulk', run, name), `${(await readOpenLines(keys, join(dir, 'bulk', run, name), 'bulk')).join('\n')}\n`);
}

describe('an upgrade from a console that wrote plain files', () => {
  it('reads every store as before, then seals it: no reader string is left in the clear', async ({ sim }) => {
    const dir = temp();
    const ids = sim
      .listUsers()
      .map((u) => u.userId)
      .filter((id) => id !== SEED_EXAMPLE_USER_ID)
      .slice(0, 3);
    const csv = await writeBulkCsv(join(temp(), 'old.csv'), ids);
    const before = wireTestConsole(dir, { chooseCsvFile: async () => csv });
    const connectionId = await before.connectTo(sim);
    await ok(before, 'openReader', { connectionId, userId: SEED_EXAMPLE_USER_ID });
    await ok(before, 'updateReader', { connectionId, userId: SEED_EXAMPLE_USER_ID, changes: { name: NEW_NAME } });
    const file = await ok<BulkFile>(before, 'bulkChooseFile', {});
    await ok(before, 'bulkValidate', { runId: file.runId, connectionId, mapping: file.suggested });
    let progress = await ok<BulkProgress>(before, 'bulkStart', { runId: file.runId, mode: 'send', concurrency: 2, skipInvalid: false });
    while (progress.state !== 'finished') progress = await ok<BulkProgress>(before, 'bulkProgress', { runId: file.runId, seen: progress.seq });

    await asAnOlderConsoleWroteIt(dir);
    const needles = [NEW_NAME, 'Shivam Dubey', 'Bulk 1', 'Bulk 2', 'Bulk 3'];
    // The older files really hold them in the clear (so the sweep below can fail).
    expect((await sweepFiles(dir, needles)).hits.map((hit) => hit.needle)).toEqual(expect.arrayContaining(needles));

    const after = before.restart();
    const history = await ok<HistoryPage>(after, 'listHistory', { filter: {}, page: { offset: 0, limit: 10 } });
    expect(history.problems).toEqual([]);
    expect(history.all).toBe(4);
    expect(history.entries.map((e) => e.changes[0]?.after)).toEqual(expect.arrayContaining([NEW_NAME, 'Bulk 1', 'Bulk 2', 'Bulk 3']));
    const recent = await ok<RecentReadersList>(after, 'listRecentReaders', { connectionId });
    expect(recent.readers.map((r) => r.userId)).toContain(SEED_EXAMPLE_USER_ID);
    expect(recent.recovered).toBeUndefined();
    await ok(after, 'bulkInterrupted', {}); // the Bulk screen opening: old runs are sealed once a session
    const results = await ok<BulkResultsPage>(after, 'bulkResults', { runId: file.runId, offset: 0, limit: 10 });
    expect(results.rows.map((r) => r.outcome)).toEqual(['saved', 'saved', 'saved']);

    expect((await sweepFiles(dir, needles)).hits).toEqual([]);
    const month = (await readdir(join(dir, 'history'))).find((n) => n.endsWith('.jsonl'))!;
    expect(
      (await readFile(join(dir, 'history', month), 'utf8'))
        .split('\n')
        .filter(Boolean)
        .every((l) => l.startsWith('cc1:')),
    ).toBe(true);
  });
});

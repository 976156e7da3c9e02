import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect } from 'vitest';
import type { HistoryPage } from '../../common/history-schemas';
import type { RecentReadersList } from '../../common/recent-readers-contract';
import { createMemoryChainKeychain } from '../../main/history/chain-keychain';
import { openJournal } from '../../main/history/journal';
import { SEED_EXAMPLE_USER_ID } from '../../simulator';
import { bridgeTest, type TestConsole } from '../helpers/bridge-fixture';
import { fixedDataKeyring } from '../helpers/sealed-lines';
import { tempFolders } from '../helpers/temp-folders';
import { pendingInput } from './history-fixtures';

// Issue 18.4: the data key is gone from the keychain (a reset, a new user profile, an
// admin's clean-up). The console cannot read what it sealed before, and says so: the
// history is set aside whole and a fresh, empty one starts, the recent readers list is
// moved aside with its reason; nothing crashes and nothing old is mixed with new.

const it = bridgeTest({ simulator: { userCount: 3, seed: 5 } });
const ANOTHER_KEY = fixedDataKeyring('b2'.repeat(32));

async function history(bridge: TestConsole): Promise<HistoryPage> {
  const page = await bridge.call<HistoryPage>('listHistory', { filter: {}, page: { offset: 0, limit: 10 } });
  if (!page.ok) throw new Error(`listHistory: ${JSON.stringify(page.error)}`);
  return page.value;
}

describe('the data key lost from the keychain', () => {
  it('the history is set aside and a new, empty one starts; new saves go on in it, never beside the old lines', async ({ sim, bridge }) => {
    const connectionId = await bridge.connectTo(sim);
    for (const name of ['Before Reset One', 'Before Reset Two'])
      expect((await bridge.call('updateReader', { connectionId, userId: SEED_EXAMPLE_USER_ID, changes: { name } })).ok).toBe(true);
    expect((await history(bridge)).all).toBe(2);

    const reset = bridge.restart({ dataKeys: ANOTHER_KEY });
    const fresh = await history(reset);
    expect(fresh).toMatchObject({ all: 0, entries: [], problems: [] });
    expect(fresh.events).toEqual([
      expect.objectContaining({ what: 'set-aside', entries: 0, setAside: { folder: expect.stringMatching(/^unreadable-/), lines: 4 } }),
    ]);
    // The old lines are kept where the event says, not deleted and not read.
    const folder = fresh.events![0]!.setAside!.folder;
    expect((await readdir(join(bridge.dir, 'history', folder))).filter((name) => name.endsWith('.jsonl'))).toHaveLength(1);

    expect((await reset.call('updateReader', { connectionId, userId: SEED_EXAMPLE_USER_ID, changes: { name: 'After Reset' } })).ok).toBe(true);
    const again = await history(reset.restart({ dataKeys: ANOTHER_KEY }));
    expect(again.entries.map((e) => e.changes[0]?.after)).toEqual(['After Reset']);
    expect(again.problems).toEqual([]);
    expect(again.integrity?.damaged).toBe(false);
    expect(again.events?.map((e) => e.what)).toEqual(['set-aside']);
  });

  it('the recent readers list is moved aside with the reason, and starts empty', async ({ sim, bridge }) => {
    const connectionId = await bridge.connectTo(sim);
    expect((await bridge.call('openReader', { connectionId, userId: SEED_EXAMPLE_USER_ID })).ok).toBe(true);
    const listed = await bridge.call<RecentReadersList>('listRecentReaders', { connectionId });
    expect(listed).toMatchObject({ ok: true, value: { readers: [{ userId: SEED_EXAMPLE_USER_ID }] } });

    const reset = bridge.restart({ dataKeys: ANOTHER_KEY });
    const after = await reset.call<RecentReadersList>('listRecentReaders', { connectionId });
    expect(after).toMatchObject({
      ok: true,
      value: { readers: [], recovered: { reason: 'key-lost', movedTo: expect.stringMatching(/recent-readers\.json\..+\.bad$/) } },
    });
    expect(existsSync(join(bridge.dir, 'recent-readers.json'))).toBe(false);
  });
});

describe('the whole keychain reset (signing key and data key both gone)', () => {
  const temp = tempFolders('cc-key-lost-');

  it('the journal opens empty with one "set aside" event, no unverifiable entries and no damage reported', async () => {
    const dir = temp();
    const first = await openJournal({ dir, retentionDays: 180, keychain: createMemoryChainKeychain(), dataKeys: fixedDataKeyring() });
    const id = await first.recordPending(pendingInput());
    await first.complete(id, { outcome: 'saved', message: 'ok' });

    const reset = await openJournal({ dir, retentionDays: 180, keychain: createMemoryChainKeychain(), dataKeys: ANOTHER_KEY });
    const page = await reset.list({}, 0, 10);
    expect(page).toMatchObject({ all: 0, problems: [], integrity: { unverifiableEntries: 0, damaged: false } });
    expect(page.events?.map((e) => e.what)).toEqual(['set-aside']);
    await reset.recordPending(pendingInput());
    expect((await reset.list({}, 0, 10)).all).toBe(1);
  });
});

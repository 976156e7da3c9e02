import { expect } from 'vitest';
import type { LookupReaderResult, UpdateReaderResult } from '../../common/readers-contract';
import type { HistoryPage } from '../../common/history-schemas';
import type { RecentReadersList } from '../../common/recent-readers-contract';
import type { AuditHook } from '../../main/audit/audit-hook';
import { SEED_EXAMPLE_USER_ID } from '../../simulator';
import { bridgeTest } from '../helpers/bridge-fixture';

// Issue 23: in the app, the agent gets ConsCent's answer to a save without waiting for the
// outcome line's write and fsync (the pending line was on disk before the PATCH), and a
// lookup without waiting for the recent readers file. Whatever reads them afterwards waits
// for them: the History never shows a finished save as still being sent.

/** A journal hook that holds every outcome line until released (the audit hook's place). */
function holdingOutcomeLines() {
  let release = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  let held = 0;
  const hook: AuditHook = {
    observer: {
      writing: async (line) => {
        if (line.type !== 'outcome') return;
        held += 1;
        await released;
      },
    },
    forwarder: async () => null,
    status: async () => null,
    stop: async () => undefined,
  };
  return { hook, release, held: () => held };
}

const holder = holdingOutcomeLines();
const it = bridgeTest({ simulator: { userCount: 10, seed: 5 }, outcomeAfterAnswer: true, audit: holder.hook });

it('answers a save while its outcome line is still held, and History waits for the line', async ({ bridge, sim }) => {
  const connectionId = await bridge.connectTo(sim);
  const saved = await bridge.call<UpdateReaderResult>('updateReader', {
    connectionId,
    userId: SEED_EXAMPLE_USER_ID,
    changes: { name: 'Answered First' },
  });
  expect(saved).toMatchObject({ ok: true, value: { user: { name: 'Answered First' } } });
  expect(holder.held()).toBe(1);

  let listed: HistoryPage | undefined;
  const listing = bridge
    .call<HistoryPage>('listHistory', { filter: {}, page: { offset: 0, limit: 10 } })
    .then((r) => (listed = r.ok ? r.value : undefined));
  await new Promise((resolve) => setImmediate(resolve));
  expect(listed).toBeUndefined();
  holder.release();
  await listing;
  expect(listed?.entries[0]).toMatchObject({ userId: SEED_EXAMPLE_USER_ID.toLowerCase(), status: 'saved' });

  // A lookup is answered as soon as ConsCent answers; the recent readers list has the reader.
  const found = await bridge.call<LookupReaderResult>('lookupReader', { connectionId, query: SEED_EXAMPLE_USER_ID });
  expect(found.ok && found.value.opened?.name).toBe('Answered First');
  const recent = await bridge.call<RecentReadersList>('listRecentReaders', { connectionId });
  expect(recent.ok && recent.value.readers[0]?.userId).toBe(SEED_EXAMPLE_USER_ID.toLowerCase());
});

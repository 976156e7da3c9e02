import fc from 'fast-check';
import { HISTORY_OUTCOMES } from '../../common/history-schemas';
import type { FuzzContext } from './fuzz-arbitraries';

// Schema-valid payloads of the change history's bridge operations, for the bridge fuzz
// (fuzz-bridge-history.test.ts). Invalid ones come from mutating these (fuzz-arbitraries.ts).

const hex24 = fc.stringMatching(/^[a-f0-9]{24}$/);
const instant = fc.date({ min: new Date('2020-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }).map((d) => d.toISOString());

export function historyPayloads(ctx: FuzzContext) {
  const filter = fc
    .record(
      {
        reader: fc.oneof(fc.constantFrom(...ctx.knownEmails, ...ctx.knownUserIds, 'shivam', ''), fc.string({ maxLength: 40 })),
        userId: fc.oneof(fc.constantFrom(...ctx.knownUserIds), hex24),
        connectionId: fc.constantFrom(...ctx.connectionIds),
        from: instant,
        to: instant,
        outcome: fc.constantFrom(...HISTORY_OUTCOMES),
      },
      { requiredKeys: [] },
    )
    .filter((f) => !f.from || !f.to || f.from <= f.to);
  return {
    listHistory: fc.record({ filter, page: fc.record({ offset: fc.nat({ max: 500 }), limit: fc.integer({ min: 1, max: 100 }) }) }),
    exportHistory: fc.record({ filter }),
    prepareRevert: fc.record({ entryId: fc.integer({ min: 1, max: 50 }) }),
    getHistorySettings: fc.constant({}),
    saveHistorySettings: fc.record({ displayName: fc.string({ maxLength: 80 }), retentionDays: fc.integer({ min: 1, max: 3650 }) }),
    clearHistory: fc.constant({ confirm: true }),
  } satisfies Record<string, fc.Arbitrary<unknown>>;
}

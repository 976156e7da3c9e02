import fc from 'fast-check';
import { BULK_FIELDS, BULK_MODES } from '../../common/bulk-schemas';
import type { FuzzContext } from './fuzz-arbitraries';

// Schema-valid payloads of the bulk operations (issue 14), for the bridge fuzz
// (fuzz-bridge-bulk.test.ts). Invalid ones come from mutating these (fuzz-arbitraries.ts).

const runId = fc.oneof(
  fc.uuid().map((id) => id.toLowerCase()),
  fc.stringMatching(/^[a-z0-9-]{8,64}$/),
);
const header = fc.string({ minLength: 1, maxLength: 40 });

export function bulkPayloads(ctx: FuzzContext) {
  return {
    bulkChooseFile: fc.constant({}),
    bulkValidate: fc.record({
      runId,
      connectionId: fc.constantFrom(...ctx.connectionIds),
      mapping: fc.record({ userId: header, fields: fc.dictionary(fc.constantFrom(...BULK_FIELDS), header, { maxKeys: 4 }) }),
    }),
    bulkStart: fc.record(
      {
        runId,
        mode: fc.constantFrom(...BULK_MODES),
        concurrency: fc.integer({ min: 1, max: 16 }),
        skipInvalid: fc.boolean(),
        confirmName: fc.string({ maxLength: 40 }),
      },
      { requiredKeys: ['runId', 'mode', 'concurrency', 'skipInvalid'] },
    ),
    bulkControl: fc.record({ runId, action: fc.constantFrom('pause', 'resume', 'cancel') }),
    bulkProgress: fc.record({ runId, seen: fc.integer({ min: -1, max: 1000 }) }),
    bulkResults: fc.record({ runId, offset: fc.nat({ max: 1000 }), limit: fc.integer({ min: 1, max: 200 }) }),
    bulkExport: fc.record({ runId, what: fc.constantFrom('report', 'results') }),
    bulkInterrupted: fc.constant({}),
    bulkSaveSample: fc.constant({}),
  };
}

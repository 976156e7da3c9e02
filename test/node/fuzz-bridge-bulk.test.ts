import { describe, it } from 'vitest';
import { BULK_OPERATIONS, NUM_RUNS, fuzzOperation, useFuzzEnvironment } from './fuzz-bridge-harness';

// Bridge fuzzing, part 4: the bulk corrections' operations (issue 14), over the fuzz
// bridge's temp folder. What each payload must satisfy: fuzz-bridge-harness.ts.

const env = useFuzzEnvironment('bulk');

describe('bridge fuzzing: bulk corrections', () => {
  for (const op of BULK_OPERATIONS) {
    it(`${op}: ${NUM_RUNS} payloads, each answered safely`, async () => {
      env.report[op] = await fuzzOperation(op, env.sim(), env.context());
    }, 120_000);
  }
});

import { describe, it } from 'vitest';
import { HISTORY_OPERATIONS, NUM_RUNS, fuzzOperation, useFuzzEnvironment } from './fuzz-bridge-harness';

// Bridge fuzzing, part 3: the change history's operations (issue #10), over a real
// journal in the fuzz bridge's temp folder. What each payload must satisfy:
// fuzz-bridge-harness.ts.

const env = useFuzzEnvironment('history');

describe('bridge fuzzing: change history', () => {
  for (const op of HISTORY_OPERATIONS) {
    it(`${op}: ${NUM_RUNS} payloads, each answered safely`, async () => {
      env.report[op] = await fuzzOperation(op, env.sim(), env.context());
    }, 120_000);
  }
});

import { describe, it } from 'vitest';
import { NUM_RUNS, READER_OPERATIONS, fuzzOperation, useFuzzEnvironment } from './fuzz-bridge-harness';

// Bridge fuzzing, part 2: the operations that reach ConsCent (here, the simulator).
// What each payload must satisfy: fuzz-bridge-harness.ts.

const env = useFuzzEnvironment('users');

describe('bridge fuzzing: lookups, updates and connection tests', () => {
  for (const op of READER_OPERATIONS) {
    it(`${op}: ${NUM_RUNS} payloads, each answered safely`, async () => {
      env.report[op] = await fuzzOperation(op, env.sim(), env.context());
    }, 120_000);
  }
});

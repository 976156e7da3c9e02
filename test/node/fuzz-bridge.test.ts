import { describe, expect, it } from 'vitest';
import { OPERATION_NAMES, REQUEST_SCHEMAS } from '../../common/contract';
import { NUM_RUNS, PROFILE_OPERATIONS, USER_OPERATIONS, fuzzOperation, useFuzzEnvironment } from './fuzz-bridge-harness';

// Bridge fuzzing, part 1: the operations on connection profiles (no HTTP). The four that
// talk to ConsCent are in fuzz-bridge-users.test.ts, so the two halves run in parallel.
// What each payload must satisfy: fuzz-bridge-harness.ts.

const env = useFuzzEnvironment('profiles');

describe('bridge fuzzing: connection profiles', () => {
  it('the two fuzz files together cover every operation of the contract', () => {
    expect([...PROFILE_OPERATIONS, ...USER_OPERATIONS].sort()).toEqual([...OPERATION_NAMES].sort());
    expect([...OPERATION_NAMES].sort()).toEqual(Object.keys(REQUEST_SCHEMAS).sort());
  });

  for (const op of PROFILE_OPERATIONS) {
    it(`${op}: ${NUM_RUNS} payloads, each answered safely`, async () => {
      env.report[op] = await fuzzOperation(op, env.sim(), env.context());
    }, 120_000);
  }
});

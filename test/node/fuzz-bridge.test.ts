import { describe, expect, it } from 'vitest';
import { OPERATION_NAMES, REQUEST_SCHEMAS } from '../../common/contract';
import {
  NUM_RUNS,
  BULK_OPERATIONS,
  CONNECTION_OPERATIONS,
  HISTORY_OPERATIONS,
  READER_OPERATIONS,
  fuzzOperation,
  useFuzzEnvironment,
} from './fuzz-bridge-harness';

// Bridge fuzzing, part 1: the operations on connections (no HTTP). Those that talk to
// ConsCent are in fuzz-bridge-readers.test.ts (history and bulk have files of their own),
// so the parts run in parallel.
// What each payload must satisfy: fuzz-bridge-harness.ts.

const env = useFuzzEnvironment('connections');

describe('bridge fuzzing: connections', () => {
  it('the three fuzz files together cover every operation of the contract', () => {
    expect([...CONNECTION_OPERATIONS, ...READER_OPERATIONS, ...HISTORY_OPERATIONS, ...BULK_OPERATIONS].sort()).toEqual([...OPERATION_NAMES].sort());
    expect([...OPERATION_NAMES].sort()).toEqual(Object.keys(REQUEST_SCHEMAS).sort());
  });

  for (const op of CONNECTION_OPERATIONS) {
    it(`${op}: ${NUM_RUNS} payloads, each answered safely`, async () => {
      env.report[op] = await fuzzOperation(op, env.sim(), env.context());
    }, 120_000);
  }
});

import type { BridgeError, Result } from '../../common/result';

// Unwrapping a bridge answer in a test: the value of one that must have succeeded, the
// error of one that must have failed; anything else fails the test saying what came back.

export function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.kind}: ${JSON.stringify(result.error)}`);
  return result.value;
}

export function failure<T>(result: Result<T>): BridgeError {
  if (result.ok) throw new Error('expected a failure');
  return result.error;
}

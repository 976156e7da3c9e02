import type { BridgeError } from '../../common/result';
import { explainErrorText, type ErrorContext } from '../../renderer/src/errors/explain-error';

/**
 * What the agent reads about a failure (what happened, then what to do): the renderer's
 * words for the facts main reported. Node tests that drive main check the sentence through this, so they
 * keep checking what the agent sees while main itself only reports facts.
 */
export function wordsOf(error: BridgeError | { toBridgeError(): BridgeError }, context: ErrorContext = 'lookup'): string {
  const facts = 'toBridgeError' in error ? error.toBridgeError() : error;
  return explainErrorText(facts, context);
}

/** The words for what `promise` rejects with; fails the test if it resolves. */
export async function rejectionWords(promise: Promise<unknown>, context: ErrorContext = 'connections'): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error && typeof error === 'object' && 'toBridgeError' in error) return wordsOf(error as { toBridgeError(): BridgeError }, context);
    throw error;
  }
  throw new Error('expected the promise to reject');
}

import type { BridgeError } from '../../common/result';

/**
 * A failure main reports to the renderer: the kind and the facts, never a sentence (the
 * renderer's explainError owns the words). Its Error message is only "kind (reason)", so
 * a log line or a stray stringification carries nothing personal or secret. `E` narrows
 * the facts to the kinds a subclass reports (BulkError: `bulk` only).
 */
export class ConsoleFailure<E extends BridgeError = BridgeError> extends Error {
  constructor(readonly facts: E) {
    super(facts.reason ? `${facts.kind} (${facts.reason})` : facts.kind);
  }

  get kind(): E['kind'] {
    return this.facts.kind;
  }

  get reason(): E['reason'] {
    return this.facts.reason;
  }

  /** A copy: what crosses IPC can never alias (or change) the thrown error. */
  toBridgeError(): BridgeError {
    const facts: BridgeError = { ...this.facts };
    if (facts.kind === 'invalid-input' && facts.fields) facts.fields = { ...facts.fields };
    return facts;
  }
}

/** Every failure becomes facts; anything not classified is the console's own fault. */
export function toBridgeError(error: unknown): BridgeError {
  if (error instanceof ConsoleFailure) return error.toBridgeError();
  return { kind: 'unexpected-response', reason: 'console-fault' };
}

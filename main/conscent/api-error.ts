import type { BridgeError, ErrorKind } from '../../common/result';

/** A failure of a ConsCent call, already classified and worded for an agent. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly kind: ErrorKind,
    message: string,
    readonly retryAfterSeconds?: number,
    readonly status?: number,
  ) {
    super(message);
  }

  toBridgeError(): BridgeError {
    return this.retryAfterSeconds === undefined
      ? { kind: this.kind, message: this.message }
      : { kind: this.kind, message: this.message, retryAfterSeconds: this.retryAfterSeconds };
  }
}

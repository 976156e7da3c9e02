import type { BridgeError, ErrorKind, NetworkReason } from '../../common/result';

/** What some failures add: the fields to mark, or why the network failed. */
export type ApiErrorExtras = { fields?: Record<string, string>; reason?: NetworkReason };

/** A failure of a ConsCent call, already classified and worded for an agent. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly kind: ErrorKind,
    message: string,
    readonly retryAfterSeconds?: number,
    readonly status?: number,
    readonly extras: ApiErrorExtras = {},
  ) {
    super(message);
  }

  toBridgeError(): BridgeError {
    const { fields, reason } = this.extras;
    return {
      kind: this.kind,
      message: this.message,
      ...(this.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: this.retryAfterSeconds }),
      ...(fields ? { fields: { ...fields } } : {}),
      ...(reason ? { reason } : {}),
    };
  }
}

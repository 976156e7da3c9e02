import { z } from 'zod';

// Every bridge call answers with data, never a thrown error: errors crossing IPC are a
// kind the UI can branch on plus a message an agent can read. No stacks, no secrets.

export const ERROR_KINDS = [
  'invalid-input',
  'unauthorized',
  'forbidden',
  'not-found',
  'rate-limited',
  'server-error',
  'network',
  'timeout',
  'unexpected-response',
  'keychain',
  'settings',
  'not-configured',
  'rejected-sender',
] as const;
export const ErrorKind = z.enum(ERROR_KINDS);
export type ErrorKind = z.infer<typeof ErrorKind>;

/**
 * For `network` errors: what went wrong, because what the agent should do differs (a
 * refused connection means nothing listens at the base URL; an unknown host, a wrong URL
 * or no internet; an offline computer, the network). Absent when the cause is not known.
 */
export const NETWORK_REASONS = ['connection-refused', 'host-not-found', 'offline', 'dropped', 'certificate', 'not-https', 'tls'] as const;
export const NetworkReason = z.enum(NETWORK_REASONS);
export type NetworkReason = z.infer<typeof NetworkReason>;

export const BridgeError = z.object({
  kind: ErrorKind,
  message: z.string(),
  /** Per-field messages for invalid input, keyed by dotted path (e.g. `address.pincode`). */
  fields: z.record(z.string(), z.string()).optional(),
  /** For `rate-limited`: seconds the API asked us to wait, when it said. */
  retryAfterSeconds: z.number().nonnegative().optional(),
  reason: NetworkReason.optional(),
});
export type BridgeError = z.infer<typeof BridgeError>;

export type Result<T> = { ok: true; value: T } | { ok: false; error: BridgeError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (error: BridgeError): Result<never> => ({ ok: false, error });

/** Turns a zod error into per-field messages keyed by dotted path. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join('.') || '_';
    fields[key] ??= issue.message;
  }
  return fields;
}

export function invalidInput(error: z.ZodError, what: string): BridgeError {
  const fields = fieldErrors(error);
  const first = Object.entries(fields)[0];
  const detail = first ? (first[0] === '_' ? first[1] : `${first[0]}: ${first[1]}`) : '';
  return { kind: 'invalid-input', message: `${what} is not valid. ${detail}`.trim(), fields };
}

import { z } from 'zod';
import { BULK_ERRORS } from './errors/bulk-errors';
import { CONNECTION_ERRORS } from './errors/connection-errors';
import { CONSCENT_ERRORS } from './errors/conscent-errors';
import { CONSOLE_ERRORS } from './errors/console-errors';
import { HISTORY_ERRORS } from './errors/history-errors';
import { POLICY_ERRORS } from './errors/policy-errors';

// Every bridge call answers with data, never a thrown error. An error crossing IPC is a
// kind the UI can branch on plus the facts that explain it (which host, which status,
// what ConsCent said, why the network or keychain failed). Main reports facts; the
// renderer (renderer/src/errors/) owns every sentence the agent reads. No stacks, no
// secrets, no prose from main except ConsCent's own words and the shared schemas'
// field messages.

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
  'no-answer',
  'update-in-flight',
  'superseded',
  'history',
  'bulk',
  'data-folder-in-use',
  'policy',
] as const;
export const ErrorKind = z.enum(ERROR_KINDS);
export type ErrorKind = z.infer<typeof ErrorKind>;

/**
 * One member per kind, each with its own reasons and facts, contributed by the slice that
 * reports it (common/errors/). A fact a kind does not have cannot be set on it.
 */
export const BridgeError = z.discriminatedUnion('kind', [
  ...CONSCENT_ERRORS,
  ...CONNECTION_ERRORS,
  ...HISTORY_ERRORS,
  ...BULK_ERRORS,
  ...CONSOLE_ERRORS,
  ...POLICY_ERRORS,
]);
export type BridgeError = z.infer<typeof BridgeError>;

/** The member of one kind, e.g. ErrorOf<'bulk'>. */
export type ErrorOf<K extends ErrorKind> = Extract<BridgeError, { kind: K }>;

// ERROR_KINDS (the list tests and logs go by) and the union's members are one and the same set.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Holds<T extends true> = T;
export type ErrorKindsAreTheMembers = Holds<Same<ErrorKind, BridgeError['kind']>>;

export type Result<T> = { ok: true; value: T } | { ok: false; error: BridgeError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (error: BridgeError): Result<never> => ({ ok: false, error });

/** Turns a zod error into per-field messages keyed by dotted path. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  // No prototype: a path from the page ("constructor", "__proto__") is a key like any other.
  const fields = Object.create(null) as Record<string, string>;
  for (const issue of error.issues) {
    const key = issue.path.map(String).join('.') || '_';
    fields[key] ??= issue.message;
  }
  return fields;
}

export function invalidInput(error: z.ZodError): ErrorOf<'invalid-input'> {
  return { kind: 'invalid-input', fields: fieldErrors(error) };
}

export { BULK_REASONS, type BulkReason } from './errors/bulk-errors';
export { CONFIG_REASONS, INPUT_REASONS, KEYCHAIN_REASONS, SETTINGS_REASONS, TRUST_PATH_PARTS, type KeychainReason } from './errors/connection-errors';
export { NETWORK_REASONS, NOT_FOUND_REASONS, NetworkReason, RESPONSE_REASONS } from './errors/conscent-errors';
export { HISTORY_REASONS, type HistoryReason } from './errors/history-errors';

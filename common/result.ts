import { z } from 'zod';

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
  /** The console's own background process did not answer (set by the renderer's bridge wrapper). */
  'no-answer',
  /** A save for this reader is still on its way to ConsCent; nothing was sent. */
  'update-in-flight',
  /** A newer search of the same connection replaced this lookup; its request was abandoned. */
  'superseded',
  /** The local change history could not do what was asked (see HISTORY_REASONS). */
  'history',
  /** A bulk correction's file or run could not do what was asked (see BULK_REASONS). */
  'bulk',
  /** Another console is using this user-data folder (`path`; `lockedBy`: which one); nothing was read or written. */
  'data-folder-in-use',
] as const;
export const ErrorKind = z.enum(ERROR_KINDS);
export type ErrorKind = z.infer<typeof ErrorKind>;

/**
 * For `network` errors: what went wrong, because what the agent should do differs (a
 * refused connection means nothing listens at the base URL; an unknown host, a wrong URL
 * or no internet; an offline computer, the network). Absent when the cause is not known.
 */
export const NETWORK_REASONS = [
  'connection-refused',
  'host-not-found',
  'offline',
  'dropped',
  'certificate',
  'not-https',
  'tls',
  /** The proxy (`proxy`) could not be reached: nothing listens there, or its name is unknown. */
  'proxy-unreachable',
  /** The proxy answered 407 and no proxy credentials were given for it. */
  'proxy-auth-required',
  /** The proxy answered 407 to the proxy credentials that were sent. */
  'proxy-auth-rejected',
  /** The proxy would not open the tunnel to ConsCent (`status`: its answer). */
  'proxy-refused',
  /** The system's proxy settings name only proxies the console cannot use (SOCKS). */
  'proxy-unsupported',
] as const;
export const NetworkReason = z.enum(NETWORK_REASONS);
export type NetworkReason = z.infer<typeof NetworkReason>;

/** For `keychain` errors: why the OS keychain could not be used (see main/credentials/keychain-errors.ts). */
export const KEYCHAIN_REASONS = [
  'no-dbus',
  'no-secret-service',
  'no-keyring',
  'locked',
  'access-denied',
  'timeout',
  'corrupt-entry',
  /** The keychain service restarted and the console could not reconnect to it (issue 17.5). */
  'restart-console',
  'unknown',
] as const;
export type KeychainReason = (typeof KEYCHAIN_REASONS)[number];

/** For `settings` errors: what went wrong with the settings file (`path` names it). */
export const SETTINGS_REASONS = ['settings-unwritable', 'settings-stuck', 'too-many-connections'] as const;

/** For `not-configured` errors: which part of the connection's local setup is missing or wrong. */
export const CONFIG_REASONS = [
  'no-such-connection',
  'no-credentials',
  'credentials-elsewhere',
  'credentials-trust-changed',
  'unusable-base-url',
] as const;

/** For `invalid-input` errors that are not a schema's field messages. */
export const INPUT_REASONS = [
  'credentials-needed',
  'client-id-refused',
  'client-id-other-account',
  'refused-by-conscent',
  'query',
  /** The extra trusted certificate is a server's own (leaf) certificate, not a CA's. */
  'certificate-not-ca',
] as const;

/** For `credentials-trust-changed`: which part of the way to ConsCent differs from the one the key and secret were saved with. */
export const TRUST_PATH_PARTS = ['certificate', 'proxy'] as const;

/** For `unexpected-response`: what was wrong with ConsCent's answer, or that the console itself failed. */
export const RESPONSE_REASONS = ['not-json', 'wrong-shape', 'too-large', 'odd-status', 'console-fault'] as const;

/** For `not-found` after a user id was asked for: ConsCent has no such reader. */
export const NOT_FOUND_REASONS = ['no-such-reader'] as const;

/** For `history` errors: what the change history could not do (main/history/). */
export const HISTORY_REASONS = [
  /** The journal could not be opened or written; for a save, nothing was sent. */
  'history-unwritable',
  'history-entry-missing',
  /** Only a saved change can be reverted. */
  'revert-not-saved',
  'revert-unconfirmed',
  'revert-other-reader',
  /** The change's connection was deleted, or now points at another ConsCent. */
  'revert-connection-gone',
  'revert-connection-moved',
] as const;
export type HistoryReason = (typeof HISTORY_REASONS)[number];

/** For `bulk` errors (issue 14): what was wrong with the CSV file or the run. */
export const BULK_REASONS = [
  'file-unreadable',
  'file-empty',
  /** More rows than the console takes (`limit`). */
  'file-too-large',
  /** Not CSV as the console reads it (`row`: where, `code`: the parser's code). */
  'file-not-csv',
  'file-not-utf8',
  /** A header is empty or repeated (`column`). */
  'header-problem',
  'mapping-problem',
  'run-missing',
  'run-busy',
  /** Rows are in error and the agent did not choose to skip them. */
  'rows-invalid',
  'nothing-to-send',
  /** On a Production connection, the name typed does not match the connection's. */
  'confirm-name',
  'run-files-unwritable',
  /** A file of the run (`path`: its name; `line`: which line) is damaged: the run is not resumed. */
  'run-file-damaged',
] as const;

export const ErrorReason = z.enum([
  ...NETWORK_REASONS,
  ...KEYCHAIN_REASONS,
  ...SETTINGS_REASONS,
  ...CONFIG_REASONS,
  ...INPUT_REASONS,
  ...RESPONSE_REASONS,
  ...NOT_FOUND_REASONS,
  ...HISTORY_REASONS,
  ...BULK_REASONS,
]);
export type ErrorReason = z.infer<typeof ErrorReason>;

export const BridgeError = z.object({
  kind: ErrorKind,
  /** Why, within the kind, when the kind alone does not say what to do. */
  reason: ErrorReason.optional(),
  /** The ConsCent host (host[:port]) the request went to. */
  host: z.string().optional(),
  /** The HTTP status ConsCent (or what answered in its place) sent. */
  status: z.number().int().optional(),
  /** ConsCent's own message, cleaned of control characters and secrets, cut short. */
  apiMessage: z.string().optional(),
  /** For `rate-limited`: seconds the API asked us to wait, when it said. */
  retryAfterSeconds: z.number().nonnegative().optional(),
  /** For `timeout`: the deadline that passed. */
  timeoutSeconds: z.number().nonnegative().optional(),
  /** The error code a network or TLS failure carried (e.g. `EPROTO`, `CERT_HAS_EXPIRED`). */
  code: z.string().optional(),
  /** For proxy failures: the proxy (host:port, or the system's setting as it said it). */
  proxy: z.string().optional(),
  /** For `certificate` failures: who issued the certificate that was refused. */
  issuer: z.string().optional(),
  /** For `credentials-elsewhere`: the origin the stored key and secret were entered for, and where the connection points now. */
  boundOrigin: z.string().optional(),
  targetOrigin: z.string().optional(),
  /** For `credentials-trust-changed`: what differs (the extra certificate, the proxy, or both). */
  trustChanged: z.array(z.enum(TRUST_PATH_PARTS)).optional(),
  /** For `no-such-reader`: the user id that was asked for. */
  userId: z.string().optional(),
  /** For `history` errors: the change the agent acted on. */
  entryId: z.number().int().positive().optional(),
  /** For `settings` errors: the settings file (for `history` errors, the history's folder). */
  path: z.string().optional(),
  /** For `too-many-connections`: how many the console keeps. */
  limit: z.number().int().optional(),
  /** For `bulk` errors: the CSV row (the header is row 1) and column concerned. */
  row: z.number().int().nonnegative().optional(),
  column: z.string().optional(),
  /** For `run-file-damaged`: the line of the run's file that is damaged. */
  line: z.number().int().positive().optional(),
  /** For `data-folder-in-use`: the console holding the folder, when its lock file says. */
  lockedBy: z.object({ pid: z.number().int(), machine: z.string(), since: z.string() }).optional(),
  /** Per-field messages from the shared schemas, keyed by dotted path (e.g. `address.pincode`). */
  fields: z.record(z.string(), z.string()).optional(),
});
export type BridgeError = z.infer<typeof BridgeError>;

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

export function invalidInput(error: z.ZodError): BridgeError {
  return { kind: 'invalid-input', fields: fieldErrors(error) };
}

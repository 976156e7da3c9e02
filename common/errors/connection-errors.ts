import { z } from 'zod';
import { ANSWER_FACTS } from './conscent-errors';

// The bridge errors of the console's own setup of a connection (main/connections,
// main/credentials, main/settings): input that was refused, a connection not set up, the
// keychain, the settings file. One member per kind, each with its own reasons.

/** For `credentials-trust-changed`: which part of the way to ConsCent differs from the one the key and secret were saved with. */
export const TRUST_PATH_PARTS = ['certificate', 'proxy'] as const;

/**
 * Stored credentials refused for where the request would go (main/credentials/credential-binding.ts):
 * `invalid-input` on the form's key and secret, `not-configured` for a connection in use.
 */
const BINDING_REASONS = ['credentials-elsewhere', 'credentials-trust-changed'] as const;
const BINDING_FACTS = {
  /** For `credentials-elsewhere`: the origin the stored key and secret were entered for, and where the connection points now. */
  boundOrigin: z.string().optional(),
  targetOrigin: z.string().optional(),
  /** For `credentials-trust-changed`: what differs (the extra certificate, the proxy, or both). */
  trustChanged: z.array(z.enum(TRUST_PATH_PARTS)).optional(),
};

/** For `invalid-input` errors that are not (only) a schema's field messages. */
export const INPUT_REASONS = [
  'credentials-needed',
  'client-id-refused',
  'client-id-other-account',
  'refused-by-conscent',
  'query',
  /** The extra trusted certificate is a server's own (leaf) certificate, not a CA's. */
  'certificate-not-ca',
  ...BINDING_REASONS,
] as const;

/** For `not-configured` errors: which part of the connection's local setup is missing or wrong. */
export const CONFIG_REASONS = ['no-such-connection', 'no-credentials', 'unusable-base-url', ...BINDING_REASONS] as const;

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

export const CONNECTION_ERRORS = [
  z.object({
    kind: z.literal('invalid-input'),
    reason: z.enum(INPUT_REASONS).optional(),
    /** Per-field messages from the shared schemas, keyed by dotted path (e.g. `address.pincode`). */
    fields: z.record(z.string(), z.string()).optional(),
    ...BINDING_FACTS,
    /** For `refused-by-conscent` and the Client ID checks: what ConsCent answered. */
    ...ANSWER_FACTS,
  }),
  z.object({ kind: z.literal('not-configured'), reason: z.enum(CONFIG_REASONS).optional(), ...BINDING_FACTS }),
  z.object({ kind: z.literal('keychain'), reason: z.enum(KEYCHAIN_REASONS).optional() }),
  z.object({
    kind: z.literal('settings'),
    reason: z.enum(SETTINGS_REASONS).optional(),
    /** The settings file. */
    path: z.string().optional(),
    /** The file system's error code (e.g. `ENOSPC`). */
    code: z.string().optional(),
    /** For `too-many-connections`: how many the console keeps. */
    limit: z.number().int().optional(),
  }),
] as const;

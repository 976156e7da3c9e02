import type { ErrorOf, KeychainReason } from '../../common/result';
import { ConsoleFailure } from '../errors/console-failure';
import { scrubSecrets } from './scrub-secrets';

// Keychain failures as a support agent meets them: a reason the code can branch on (the
// renderer says what to do about each). keytar only gives us libsecret's/GDBus's message text
// (the D-Bus error name is often stripped), so classification is by message. The texts
// below were observed on Debian 12 (glib 2.74, libsecret 0.20.5, gnome-keyring 42.1)
// with an English locale; in another locale they are translated and land in 'unknown'.

export type KeychainFailure = KeychainReason;

// Order matters: the first match wins, and a message may mention several things (an
// AccessDenied rejection names the Secret Service interface, for instance).
const PATTERNS: ReadonlyArray<readonly [KeychainFailure, RegExp]> = [
  // Bus policy rejection: "GDBus.Error:org.freedesktop.DBus.Error.AccessDenied: Rejected send message, …"
  ['access-denied', /AccessDenied|Rejected send message|Access denied|not allowed to/i],
  // "Timeout was reached" (GDBus's 25 s default), NoReply.
  ['timeout', /Timeout was reached|Error\.NoReply|Error\.Timeout|did not receive a reply/i],
  // "Cannot create an item in a locked collection", "Cannot get secret of a locked object".
  ['locked', /\blocked (collection|object|item)\b|Secret\.Error\.IsLocked/i],
  // No default collection and no prompt to create one:
  // "Object does not exist at path “/org/freedesktop/secrets/collection/login”".
  ['no-keyring', /does not exist at path\W+\/org\/freedesktop\/secrets\/(collection|aliases)\/[^/]+?\W*$/i],
  // "The name org.freedesktop.secrets was not provided by any .service files", or an
  // activation that failed ("Process org.freedesktop.secrets exited with status 1").
  [
    'no-secret-service',
    /org\.freedesktop\.secrets (was not provided|exited)|ServiceUnknown|NameHasNoOwner|Spawn\.(ChildExited|ExecFailed|ServiceNotFound|Failed)/i,
  ],
  // No bus at all: "Cannot autolaunch D-Bus without X11 $DISPLAY", "Could not connect: No
  // such file or directory" / "Connection refused", a failing "dbus-launch --autolaunch",
  // an empty or malformed DBUS_SESSION_BUS_ADDRESS, or a bus that went away.
  [
    'no-dbus',
    /autolaunch|Could not connect|dbus-launch|given address is empty|Address element|unsupported transport|connection is closed|Exhausted all available authentication mechanisms|Cannot spawn a message bus/i,
  ],
];

const MAX_DETAIL = 400;

/** A keychain failure: the reason only; the renderer says what the agent should do. */
export class KeychainError extends ConsoleFailure<ErrorOf<'keychain'>> {
  override readonly name = 'KeychainError';
  /** Raw, secret-scrubbed text of the underlying error, for logs. Not enumerable so it
   *  stays out of JSON and IPC; never shown to the agent. */
  declare readonly detail: string | undefined;

  constructor(reason: KeychainFailure, detail?: string) {
    super({ kind: 'keychain', reason });
    Object.defineProperty(this, 'detail', { value: detail, enumerable: false });
  }

  override get reason(): KeychainFailure {
    return this.facts.reason as KeychainFailure;
  }
}

/**
 * Maps whatever keytar threw to a KeychainError. `secrets` are the values being stored
 * (if any): they are scrubbed from the kept detail in case a keychain echoes them.
 */
export function classifyKeychainError(err: unknown, secrets: readonly string[] = []): KeychainError {
  if (err instanceof KeychainError) return err;
  const raw = err instanceof Error ? err.message : typeof err === 'string' ? err : '';
  const reason = PATTERNS.find(([, pattern]) => pattern.test(raw))?.[0] ?? 'unknown';
  return new KeychainError(reason, raw ? scrubSecrets(raw, secrets).slice(0, MAX_DETAIL) : undefined);
}

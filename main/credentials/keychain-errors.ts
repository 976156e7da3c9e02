// Keychain failures as a support agent meets them: a reason the code can branch on and
// a message that says what to do. keytar only gives us libsecret's/GDBus's message text
// (the D-Bus error name is often stripped), so classification is by message. The texts
// below were observed on Debian 12 (glib 2.74, libsecret 0.20.5, gnome-keyring 42.1)
// with an English locale; in another locale they are translated and land in 'unknown'.

export type KeychainFailure =
  | 'no-dbus'
  | 'no-secret-service'
  | 'no-keyring'
  | 'locked'
  | 'access-denied'
  | 'timeout'
  | 'corrupt-entry'
  | 'unknown';

const MESSAGES: Record<KeychainFailure, string> = {
  'no-dbus':
    'The console cannot reach the desktop session bus (D-Bus), so it cannot use the system keychain. ' +
    'Start the console from a normal desktop login (not over SSH or from a bare terminal), then try again.',
  'no-secret-service':
    'No keychain service is running. On Linux install and start GNOME Keyring (or KWallet with its Secret Service), then try again.',
  'no-keyring':
    'The keychain has no default keyring to save into. Try again and create a keyring when asked, ' +
    "or create one in 'Passwords and Keys' and set it as default.",
  locked:
    "The keychain is locked. Unlock it (e.g. log in again or open 'Passwords and Keys') and try again. " +
    'If an unlock prompt appeared and was dismissed, try again and enter your keychain password.',
  'access-denied':
    'The keychain refused access to the console. Allow the console in your keychain or sandbox settings ' +
    '(or ask your IT team to allow it), then try again.',
  timeout:
    'The keychain did not answer in time. If an unlock prompt is open, answer it; otherwise restart ' +
    'GNOME Keyring (or log out and in again), then try again.',
  'corrupt-entry':
    'The saved API key and secret for this connection are damaged and cannot be used. ' +
    'Edit the connection, enter the API key and secret again and save.',
  unknown:
    'The system keychain reported an unexpected error. Try again; if it keeps happening, restart the ' +
    'keychain service (or log out and in again) and contact your administrator.',
};

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

export class KeychainError extends Error {
  override readonly name = 'KeychainError';
  /** Raw, secret-redacted text of the underlying error, for logs. Not enumerable so it
   *  stays out of JSON and IPC; never shown to the agent. */
  declare readonly detail: string | undefined;

  constructor(
    readonly reason: KeychainFailure,
    detail?: string,
  ) {
    super(MESSAGES[reason]);
    Object.defineProperty(this, 'detail', { value: detail, enumerable: false });
  }
}

export function keychainMessage(reason: KeychainFailure): string {
  return MESSAGES[reason];
}

function redact(text: string, secrets: readonly string[]): string {
  let result = text;
  for (const secret of secrets) {
    // Also the JSON-escaped form: the store hands keytar a JSON string.
    for (const form of [secret, JSON.stringify(secret).slice(1, -1)]) {
      if (form) result = result.split(form).join('[redacted]');
    }
  }
  return result;
}

/**
 * Maps whatever keytar threw to a KeychainError. `secrets` are the values being stored
 * (if any): they are scrubbed from the kept detail in case a keychain echoes them.
 */
export function classifyKeychainError(err: unknown, secrets: readonly string[] = []): KeychainError {
  if (err instanceof KeychainError) return err;
  const raw = err instanceof Error ? err.message : typeof err === 'string' ? err : '';
  const reason = PATTERNS.find(([, pattern]) => pattern.test(raw))?.[0] ?? 'unknown';
  return new KeychainError(reason, raw ? redact(raw, secrets).slice(0, MAX_DETAIL) : undefined);
}

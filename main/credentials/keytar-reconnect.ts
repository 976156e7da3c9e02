import type { KeytarLike } from './credential-store';
import { KeychainError } from './keychain-errors';

// Why this exists (issue 17.5): libsecret keeps one connection to the Secret Service per
// process, pinned to the unique bus name of the gnome-keyring it first reached and to the
// encryption session opened there. It would drop both when that name vanishes, but only
// through a D-Bus watch on a GLib main context that keytar never runs again (each of its
// calls spins a private one). So once gnome-keyring restarts, every get, set and delete in
// this process fails for good ("The name :1.42 was not provided by any .service files",
// "The session wrapping the secret does not exist") while a fresh process works at once.
// Observed on Debian 12 (libsecret 0.20.5, gnome-keyring 42.1); see
// test/node/keychain-reconnect.test.ts, which kills and restarts a real gnome-keyring.
//
// So on such a failure the call is made again in a fresh process (keytar-helper.ts), and
// every later call goes there, until that one goes stale too and is replaced.

/** libsecret's messages for a connection to a Secret Service that has since gone away. */
const STALE_CONNECTION =
  /The name :\d+\.\d+ was not provided|session wrapping the secret does not exist|secret was transferred or encrypted in an invalid way|connection is closed/i;

export function isStaleConnection(error: unknown): boolean {
  return error instanceof Error && STALE_CONNECTION.test(error.message);
}

/** A keytar living in a process of its own, which can be ended. */
export interface DisposableKeytar extends KeytarLike {
  close(): void;
}

/**
 * Keytar calls that survive a restart of the keychain service. `startFresh` starts keytar
 * in a new process; null where that is impossible, and a stale connection is then
 * reported as 'restart-console', the one thing that helps.
 */
export function createReconnectingKeytar(first: KeytarLike, startFresh: (() => DisposableKeytar) | null): KeytarLike & { close(): void } {
  let current: KeytarLike = first;
  let fresh: DisposableKeytar | null = null;

  const replace = (): KeytarLike => {
    fresh?.close();
    fresh = null;
    if (!startFresh) throw new KeychainError('restart-console', 'No way to reach the keychain from a fresh process.');
    fresh = startFresh();
    current = fresh;
    return fresh;
  };

  async function run<T>(call: (keytar: KeytarLike) => Promise<T>): Promise<T> {
    const used = current;
    try {
      return await call(used);
    } catch (error) {
      if (!isStaleConnection(error)) throw error;
      // Another call may already have replaced the stale one.
      const next = current === used ? replace() : current;
      try {
        return await call(next);
      } catch (again) {
        // A process that has just started cannot hold a stale connection; if it says so
        // anyway, only a restart of the console is left to try.
        if (isStaleConnection(again)) throw new KeychainError('restart-console', again instanceof Error ? again.message : undefined);
        throw again;
      }
    }
  }

  return {
    getPassword: (service, account) => run((keytar) => keytar.getPassword(service, account)),
    setPassword: (service, account, password) => run((keytar) => keytar.setPassword(service, account, password)),
    deletePassword: (service, account) => run((keytar) => keytar.deletePassword(service, account)),
    findCredentials: (service) => run((keytar) => keytar.findCredentials(service)),
    close() {
      fresh?.close();
      fresh = null;
      current = first;
    },
  };
}

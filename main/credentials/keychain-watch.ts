import { KEYCHAIN_SERVICE } from '../../common/product';
import type { KeychainReason } from '../../common/result';
import type { KeytarLike } from './credential-store';
import { classifyKeychainError } from './keychain-errors';

// Tells the agent when the keychain is back (issue 17.5). After a failure that means the
// keychain service itself is gone (not running, no bus, not answering), main asks it again
// every few seconds, and the first answer, or the first keychain call that works, is
// reported once. The question is a search under a service name nothing is ever stored
// under: it touches no item, so it can never raise an unlock prompt.

/** Failures after which the keychain can come back by itself (a locked one needs the agent). */
const SERVICE_GONE: ReadonlySet<KeychainReason> = new Set(['no-dbus', 'no-secret-service', 'timeout', 'unknown', 'restart-console']);

export const KEYCHAIN_PROBE_SERVICE = `${KEYCHAIN_SERVICE} (is the keychain there?)`;

export interface KeychainWatchOptions {
  onBack(): void;
  probeEveryMs?: number;
}

export function watchKeychain(keytar: KeytarLike, options: KeychainWatchOptions): KeytarLike & { stop(): void } {
  const everyMs = options.probeEveryMs ?? 3000;
  let gone = false;
  let timer: ReturnType<typeof setTimeout> | null = null;

  const back = () => {
    if (!gone) return;
    gone = false;
    if (timer) clearTimeout(timer);
    timer = null;
    options.onBack();
  };
  const probeLater = () => {
    if (timer || !gone) return;
    timer = setTimeout(() => {
      timer = null;
      keytar.findCredentials(KEYCHAIN_PROBE_SERVICE).then(back, probeLater);
    }, everyMs);
    // Never keeps the app (or a test) alive on its own.
    timer.unref?.();
  };
  const failed = (error: unknown) => {
    if (SERVICE_GONE.has(classifyKeychainError(error).reason)) {
      gone = true;
      probeLater();
    }
  };

  async function watched<T>(call: () => Promise<T>): Promise<T> {
    try {
      const value = await call();
      back();
      return value;
    } catch (error) {
      failed(error);
      throw error;
    }
  }

  return {
    getPassword: (service, account) => watched(() => keytar.getPassword(service, account)),
    setPassword: (service, account, password) => watched(() => keytar.setPassword(service, account, password)),
    deletePassword: (service, account) => watched(() => keytar.deletePassword(service, account)),
    findCredentials: (service) => watched(() => keytar.findCredentials(service)),
    stop() {
      gone = false;
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}

import type { KeytarLike } from '../../main/credentials/credential-store';

// Counts every keychain call the console makes (each is a D-Bus round trip, and each
// getPassword costs native memory in keytar + libsecret): for the tests and the bench
// of issue #12. Wraps the real keytar or a fake; passes every call through unchanged.

export type KeytarCall = keyof KeytarLike;

export interface CountingKeytar extends KeytarLike {
  /** Calls since the last reset, in order, by method name. */
  readonly calls: readonly KeytarCall[];
  reset(): void;
}

export function countingKeytar(inner: KeytarLike): CountingKeytar {
  const calls: KeytarCall[] = [];
  return {
    calls,
    reset: () => void calls.splice(0),
    getPassword: (service, account) => (calls.push('getPassword'), inner.getPassword(service, account)),
    setPassword: (service, account, password) => (calls.push('setPassword'), inner.setPassword(service, account, password)),
    deletePassword: (service, account) => (calls.push('deletePassword'), inner.deletePassword(service, account)),
    findCredentials: (service) => (calls.push('findCredentials'), inner.findCredentials(service)),
  };
}

/** A keytar keeping entries in a map; `failWhileLocked` makes calls fail with libsecret's "locked" text. */
export function mapKeytar(): KeytarLike & { failWhileLocked(locked: boolean): void } {
  const entries = new Map<string, string>();
  let locked = false;
  const guard = () => {
    if (locked) throw new Error('org.freedesktop.Secret.Error.IsLocked: Cannot get secret of a locked object');
  };
  const key = (service: string, account: string) => `${service}\u0000${account}`;
  return {
    failWhileLocked: (value) => void (locked = value),
    getPassword: async (service, account) => (guard(), entries.get(key(service, account)) ?? null),
    setPassword: async (service, account, password) => void (guard(), entries.set(key(service, account), password)),
    deletePassword: async (service, account) => (guard(), entries.delete(key(service, account))),
    findCredentials: async (service) => {
      guard();
      return [...entries].filter(([k]) => k.startsWith(`${service}\u0000`)).map(([k, password]) => ({ account: k.split('\u0000')[1]!, password }));
    },
  };
}

import type { CredentialStore } from './credential-store';
import type { StoredCredentials } from './credential-input';
import { KeychainError } from './keychain-errors';

// Each keychain read is a D-Bus round trip, and keytar with libsecret keeps about 1.3 KB
// of native memory per getPassword that is never given back (issue #12: +1.3 MB per 100
// lookup-edit-save cycles). So a connection's key and secret are read from the keychain
// once per session and then kept here, in main's memory only (never sent to the
// renderer; nothing here is written anywhere). An entry is dropped when its connection
// is saved or deleted, all but one when the agent switches connections, and all of them
// after any keychain error, so the next use reads the keychain again.

export interface CredentialCache extends CredentialStore {
  /** Drops what is kept for this connection: the next read asks the keychain. */
  forget(connectionId: string): void;
  /** Keeps only this connection's entry (the one the agent switched to). */
  forgetAllBut(connectionId: string): void;
  forgetAll(): void;
}

export function createCredentialCache(store: CredentialStore): CredentialCache {
  // Promises, so two reads arriving together share one keychain call.
  const kept = new Map<string, Promise<StoredCredentials | null>>();

  /** Runs a keychain call; a keychain failure empties the cache (the keychain may have changed). */
  async function guarded<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      if (error instanceof KeychainError) kept.clear();
      throw error;
    }
  }

  const cache: CredentialCache = {
    get(connectionId) {
      const known = kept.get(connectionId);
      if (known) return known.then((entry) => entry && structuredClone(entry));
      const read = guarded(() => store.get(connectionId));
      kept.set(connectionId, read);
      // A failed read is not kept: the next one asks the keychain again.
      read.catch(() => {
        if (kept.get(connectionId) === read) kept.delete(connectionId);
      });
      // A copy, so a caller cannot change what is kept by mutating the result.
      return read.then((entry) => entry && structuredClone(entry));
    },
    async set(connectionId, credentials, origin, trustPath) {
      kept.delete(connectionId);
      await guarded(() => store.set(connectionId, credentials, origin, trustPath));
      // Dropped again: a read that started while this write ran may hold the old entry.
      kept.delete(connectionId);
    },
    async delete(connectionId) {
      kept.delete(connectionId);
      const deleted = await guarded(() => store.delete(connectionId));
      kept.delete(connectionId);
      return deleted;
    },
    listConnectionIds: () => guarded(() => store.listConnectionIds()),
    forget: (connectionId) => void kept.delete(connectionId),
    forgetAllBut(connectionId) {
      for (const id of [...kept.keys()]) if (id !== connectionId) kept.delete(id);
    },
    forgetAll: () => kept.clear(),
  };
  return cache;
}

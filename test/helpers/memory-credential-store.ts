import type { CredentialStore } from '../../main/credentials/credential-store';
import { checkEntry, checkConnectionId, type StoredCredentials } from '../../main/credentials/credential-input';
import { KeychainError, type KeychainFailure } from '../../main/credentials/keychain-errors';

// A CredentialStore kept in memory, for tests of other modules, with a switch to make it
// fail the way the real keychain does. It lives under test/ because the app must never
// have it: it is exactly the plaintext fallback the app must not have.

export interface MemoryCredentialStore extends CredentialStore {
  /** Every following call rejects with a KeychainError of this reason; null restores. */
  failWith(reason: KeychainFailure | null): void;
}

export function createMemoryCredentialStore(initial: Record<string, StoredCredentials> = {}): MemoryCredentialStore {
  const entries = new Map<string, StoredCredentials>();
  // An initial entry without an origin is like one saved before origins were recorded.
  for (const [id, { origin, trustPath, ...credentials }] of Object.entries(initial)) {
    entries.set(checkConnectionId(id), checkEntry(credentials, origin, trustPath));
  }
  let failure: KeychainFailure | null = null;

  function guard(): void {
    if (failure) throw new KeychainError(failure, 'Simulated by the in-memory credential store.');
  }

  return {
    failWith(reason) {
      failure = reason;
    },
    async get(connectionId) {
      const account = checkConnectionId(connectionId);
      guard();
      const stored = entries.get(account);
      // A copy, so a caller cannot change what is "stored" by mutating the result.
      return stored ? structuredClone(stored) : null;
    },
    async set(connectionId, credentials, origin, trustPath) {
      const account = checkConnectionId(connectionId);
      const checked = checkEntry(credentials, origin, trustPath);
      guard();
      entries.set(account, checked);
    },
    async delete(connectionId) {
      const account = checkConnectionId(connectionId);
      guard();
      return entries.delete(account);
    },
    async listConnectionIds() {
      guard();
      return [...entries.keys()].sort();
    },
  };
}

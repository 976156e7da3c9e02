import type { Credentials } from '../../common/connections-contract';
import { KEYCHAIN_SERVICE, PRODUCT_NAME } from '../../common/product';
import { KeychainError, classifyKeychainError } from './keychain-errors';
import { StoredCredentials, checkEntry, checkConnectionId, type TrustPath } from './credential-input';

/**
 * Where a connection's API key and secret live. Keychain failures reject with a
 * KeychainError (agent-readable message, no secrets); invalid arguments with a TypeError.
 */
export interface CredentialStore {
  /**
   * null when nothing is stored; a damaged entry rejects with reason 'corrupt-entry'.
   * `origin` is where the key and secret were entered for (absent in older entries).
   */
  get(connectionId: string): Promise<StoredCredentials | null>;
  /**
   * Stores key and secret together with the origin (scheme://host[:port]) they may be sent
   * to and the trust path (extra certificate, proxy) they may be sent by. The app always
   * passes both; without them the entry counts as an older one.
   */
  set(connectionId: string, credentials: Credentials, origin?: string, trustPath?: TrustPath): Promise<void>;
  /** true when something was deleted. */
  delete(connectionId: string): Promise<boolean>;
  /** Connection ids that have an entry (damaged ones included), sorted. */
  listConnectionIds(): Promise<string[]>;
}

/** The part of keytar's API the store uses; injected so tests can pass fakes. */
export interface KeytarLike {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
  findCredentials(service: string): Promise<Array<{ account: string; password: string }>>;
}

// A marker entry, not a secret. '.' is not allowed in a ConnectionId, so it never collides
// with a connection and is never listed.
export const KEYCHAIN_CHECK_ACCOUNT = '.keychain-check';
const KEYCHAIN_CHECK_VALUE = `Lets ${PRODUCT_NAME} tell a locked keychain from an empty one. Not a secret.`;

/**
 * An entry an admin provisioned with Windows' `cmdkey` (docs/installing.md) holds its
 * value as UTF-16LE, and keytar hands the bytes over as they are: an ASCII value then comes
 * with a NUL after every character. Read as the text it is; anything else is left alone.
 */
function fromUtf16Blob(password: string): string {
  if (password.length < 2 || password.length % 2 !== 0) return password;
  for (let i = 0; i < password.length; i += 2) {
    const code = password.charCodeAt(i);
    if (code === 0 || code > 0x7f || password.charCodeAt(i + 1) !== 0) return password;
  }
  return password.replaceAll('\0', '');
}

function parseStored(password: string): StoredCredentials {
  let data: unknown;
  try {
    data = JSON.parse(fromUtf16Blob(password));
  } catch {
    // The parse error is dropped on purpose: V8 quotes the input, i.e. the secret.
    throw new KeychainError('corrupt-entry', 'The stored value is not JSON.');
  }
  const parsed = StoredCredentials.safeParse(data);
  if (!parsed.success) throw new KeychainError('corrupt-entry', 'The stored value is not an API key and secret.');
  return parsed.data;
}

export function createKeytarCredentialStore(keytar: KeytarLike, serviceName: string = KEYCHAIN_SERVICE): CredentialStore {
  async function call<T>(operation: () => Promise<T>, secrets: readonly string[] = []): Promise<T> {
    try {
      return await operation();
    } catch (err) {
      throw classifyKeychainError(err, secrets);
    }
  }

  // libsecret answers a lookup in a locked keychain (after a dismissed or impossible
  // unlock prompt) with "nothing found", and keytar's findCredentials dereferences the
  // missing secret of a locked item and crashes the whole process (SIGSEGV). Only a
  // write reports "locked". So before reading, make sure a marker entry can be read, or
  // else written: a locked keychain then rejects with 'locked' instead of looking empty.
  async function ensureReadable(): Promise<void> {
    if ((await call(() => keytar.getPassword(serviceName, KEYCHAIN_CHECK_ACCOUNT))) !== null) return;
    await call(() => keytar.setPassword(serviceName, KEYCHAIN_CHECK_ACCOUNT, KEYCHAIN_CHECK_VALUE));
  }

  return {
    async get(connectionId) {
      const account = checkConnectionId(connectionId);
      await ensureReadable();
      const stored = await call(() => keytar.getPassword(serviceName, account));
      return stored === null ? null : parseStored(stored);
    },

    async set(connectionId, credentials, origin, trustPath) {
      const account = checkConnectionId(connectionId);
      const entry = checkEntry(credentials, origin, trustPath);
      // Key, secret, origin and trust path in one entry, so they can never get out of step
      // and a hand-edited settings file cannot move the binding.
      const password = JSON.stringify(entry);
      await call(() => keytar.setPassword(serviceName, account, password), [entry.apiKey, entry.apiSecret]);
    },

    async delete(connectionId) {
      const account = checkConnectionId(connectionId);
      await ensureReadable();
      return call(() => keytar.deletePassword(serviceName, account));
    },

    async listConnectionIds() {
      await ensureReadable();
      const entries = await call(() => keytar.findCredentials(serviceName));
      // Only the account names leave this function; the passwords are dropped here.
      const ids = new Set<string>();
      for (const { account } of entries) {
        try {
          ids.add(checkConnectionId(account));
        } catch {
          // The marker entry, or something another tool filed under our service name.
        }
      }
      return [...ids].sort();
    },
  };
}

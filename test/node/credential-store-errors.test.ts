// Classification of keychain errors and the store's handling of them, with a fake keytar.
// The raw texts below were each observed on a real bus/keyring (see keychain-errors.ts).
import { describe, expect, test } from 'vitest';
import { KEYCHAIN_REASONS } from '../../common/result';
import { keychainWords } from '../../renderer/src/errors/local-failure-words';
import { createKeytarCredentialStore, type KeytarLike } from '../../main/credentials/credential-store';
import { KeychainError, classifyKeychainError, type KeychainFailure } from '../../main/credentials/keychain-errors';

const observed: Array<[string, KeychainFailure]> = [
  ['Cannot autolaunch D-Bus without X11 $DISPLAY', 'no-dbus'],
  ['Could not connect: No such file or directory', 'no-dbus'],
  ['Could not connect: Connection refused', 'no-dbus'],
  ['The given address is empty', 'no-dbus'],
  ['Address element “garbage” does not contain a colon (:)', 'no-dbus'],
  ['Error spawning command line “dbus-launch --autolaunch=3d12 --binary-syntax --close-stderr”: Child process exited with code 1', 'no-dbus'],
  ['The name org.freedesktop.secrets was not provided by any .service files', 'no-secret-service'],
  [
    'GDBus.Error:org.freedesktop.DBus.Error.ServiceUnknown: The name org.freedesktop.secrets was not provided by any .service files',
    'no-secret-service',
  ],
  ['Object does not exist at path “/org/freedesktop/secrets/collection/login”', 'no-keyring'],
  ['Cannot create an item in a locked collection', 'locked'],
  ['org.freedesktop.Secret.Error.IsLocked: Cannot get secret of a locked object', 'locked'],
  [
    'GDBus.Error:org.freedesktop.DBus.Error.AccessDenied: Rejected send message, 2 matched rules; type="method_call", sender=":1.4" interface="org.freedesktop.Secret.Service" member="SearchItems"',
    'access-denied',
  ],
  ['Rejected send message, 2 matched rules; type="method_call" interface="org.freedesktop.Secret.Service" member="OpenSession"', 'access-denied'],
  ['Timeout was reached', 'timeout'],
  ['Object does not exist at path “/org/freedesktop/secrets/collection/login/7”', 'unknown'],
  ['Something nobody has seen before', 'unknown'],
];

describe('classifyKeychainError', () => {
  test.each(observed)('%s → %s', (raw, reason) => {
    expect(classifyKeychainError(new Error(raw)).reason).toBe(reason);
  });

  test('anything that is not an Error is unknown', () => {
    expect(classifyKeychainError(undefined).reason).toBe('unknown');
    expect(classifyKeychainError({ message: 'Timeout was reached' }).reason).toBe('unknown');
  });

  test('the agent reads advice, never the raw text; the raw text stays out of JSON', () => {
    const raw = 'Could not connect: No such file or directory /home/agent/.cache/bus-17';
    const error = classifyKeychainError(new Error(raw));
    expect(error.toBridgeError()).toEqual({ kind: 'keychain', reason: 'no-dbus' });
    expect(keychainWords(error.toBridgeError())).toMatch(/desktop session bus \(D-Bus\)/);
    expect(error.message).not.toContain('/home/agent');
    expect(error.detail).toBe(raw);
    expect(JSON.stringify(error)).not.toContain('/home/agent');
  });

  test('secrets are scrubbed from the kept detail, also in JSON-escaped form', () => {
    const secret = 'zq"x\\9w';
    const echoed = `failed to store ${JSON.stringify({ apiSecret: secret })} and ${secret}: Timeout was reached`;
    const error = classifyKeychainError(new Error(echoed), [secret]);
    expect(error.reason).toBe('timeout');
    expect(error.detail).not.toMatch(/zq|9w/);
    expect(error.detail).toContain('[redacted]');
  });

  test('every reason has its own advice', () => {
    // Every reason main can report, so a new one without advice fails here.
    const reasons: readonly KeychainFailure[] = KEYCHAIN_REASONS;
    expect(new Set(reasons.map((reason) => keychainWords({ kind: 'keychain', reason }))).size).toBe(reasons.length);
  });
});

/** A keytar that keeps entries in a map, with hooks to make calls fail or look locked. */
function fakeKeytar(overrides: Partial<KeytarLike> = {}): KeytarLike & { calls: string[] } {
  const entries = new Map<string, string>();
  const calls: string[] = [];
  const key = (service: string, account: string) => `${service}\u0000${account}`;
  const base: KeytarLike = {
    async getPassword(service, account) {
      return entries.get(key(service, account)) ?? null;
    },
    async setPassword(service, account, password) {
      entries.set(key(service, account), password);
    },
    async deletePassword(service, account) {
      return entries.delete(key(service, account));
    },
    async findCredentials(service) {
      return [...entries].flatMap(([k, password]) => {
        const [s, account = ''] = k.split('\u0000');
        return s === service ? [{ account, password }] : [];
      });
    },
  };
  const merged = { ...base, ...overrides };
  return {
    calls,
    getPassword: (...args) => (calls.push('getPassword'), merged.getPassword(...args)),
    setPassword: (...args) => (calls.push('setPassword'), merged.setPassword(...args)),
    deletePassword: (...args) => (calls.push('deletePassword'), merged.deletePassword(...args)),
    findCredentials: (...args) => (calls.push('findCredentials'), merged.findCredentials(...args)),
  };
}

const credentials = { apiKey: 'fake-key-1', apiSecret: 'fake-secret-1' };

describe('keytar credential store with a failing keychain', () => {
  test('a keychain error while saving is classified and does not carry the secret', async () => {
    const keytar = fakeKeytar({
      async setPassword(_service, _account, password) {
        throw new Error(`Cannot create an item in a locked collection: ${password}`);
      },
    });
    const error = await createKeytarCredentialStore(keytar)
      .set('acme', credentials)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KeychainError);
    const keychainError = error as KeychainError;
    expect(keychainError.reason).toBe('locked');
    for (const text of [keychainError.message, keychainError.detail ?? '', JSON.stringify(keychainError)]) {
      expect(text).not.toContain(credentials.apiSecret);
      expect(text).not.toContain(credentials.apiKey);
    }
  });

  // A locked keychain answers lookups with "nothing" and only refuses writes; keytar's
  // findCredentials would crash the process on its locked items.
  const lockedKeytar = () =>
    fakeKeytar({
      getPassword: async () => null,
      setPassword: async () => {
        throw new Error('Cannot create an item in a locked collection');
      },
      deletePassword: async () => false,
      findCredentials: async () => {
        throw new Error('findCredentials must not be called on a locked keychain');
      },
    });

  test.each([
    ['reading', (store: ReturnType<typeof createKeytarCredentialStore>) => store.get('acme')],
    ['deleting', (store: ReturnType<typeof createKeytarCredentialStore>) => store.delete('acme')],
    ['listing', (store: ReturnType<typeof createKeytarCredentialStore>) => store.listConnectionIds()],
  ])('%s a locked keychain says "locked" instead of "nothing saved"', async (_what, operation) => {
    const keytar = lockedKeytar();
    await expect(operation(createKeytarCredentialStore(keytar))).rejects.toMatchObject({ reason: 'locked' });
    expect(keytar.calls).not.toContain('findCredentials');
  });

  test('an invalid connection id never reaches the keychain', async () => {
    const keytar = fakeKeytar();
    const store = createKeytarCredentialStore(keytar);
    await expect(store.get('../Other App')).rejects.toThrow(TypeError);
    await expect(store.set('.keychain-check', credentials)).rejects.toThrow(TypeError);
    expect(keytar.calls).toEqual([]);
  });
});

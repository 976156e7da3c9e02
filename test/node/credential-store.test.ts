// The credential store against the REAL OS keychain: gnome-keyring on a private D-Bus
// session (test/helpers/keyring.ts), used through the real keytar in this process.
import { wordsOf } from '../helpers/failure-words';
import { readFileSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import keytar from 'keytar';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { KEYCHAIN_SERVICE } from '../../common/product';
import { createKeytarCredentialStore, type CredentialStore } from '../../main/credentials/credential-store';
import { KeychainError } from '../../main/credentials/keychain-errors';
import { useUnlockedKeyringInThisProcess, type TestKeyring } from '../helpers/keyring';

let keyring: TestKeyring;
beforeAll(async () => {
  keyring = await useUnlockedKeyringInThisProcess();
});
afterAll(async () => {
  await keyring?.stop();
});

// Each test files its entries under its own service name, so tests do not see each other.
let serviceCount = 0;
function freshStore(): { store: CredentialStore; service: string } {
  const service = `ConsCent Console test ${++serviceCount}`;
  return { store: createKeytarCredentialStore(keytar, service), service };
}

const alpha = { apiKey: 'ключ-αλφα-🔑-ü', apiSecret: 'sécret/Ω+ñ=中文"\\-1' };
const beta = { apiKey: 'beta-key-2', apiSecret: 'beta-secret-2' };

describe('credential store on the OS keychain', () => {
  test('keeps two connections apart and gives back exactly what was saved', async () => {
    const { store } = freshStore();
    await store.set('alpha', alpha);
    await store.set('beta', beta);
    expect(await store.get('alpha')).toEqual(alpha);
    expect(await store.get('beta')).toEqual(beta);
  });

  test('lists the connections that have credentials, and nothing else', async () => {
    const { store, service } = freshStore();
    await store.set('beta', beta);
    await store.set('alpha', alpha);
    // Something another tool filed under our service name is not a connection.
    await keytar.setPassword(service, 'Not A Connection', 'x');
    // Another service's entries are not ours.
    await freshStore().store.set('gamma', beta);
    expect(await store.listConnectionIds()).toEqual(['alpha', 'beta']);
  });

  test('saving again replaces the key and secret', async () => {
    const { store } = freshStore();
    await store.set('alpha', alpha);
    await store.set('alpha', beta);
    expect(await store.get('alpha')).toEqual(beta);
    expect(await store.listConnectionIds()).toEqual(['alpha']);
  });

  test('deleting removes only that connection', async () => {
    const { store } = freshStore();
    await store.set('alpha', alpha);
    await store.set('beta', beta);
    expect(await store.delete('alpha')).toBe(true);
    expect(await store.get('alpha')).toBeNull();
    expect(await store.get('beta')).toEqual(beta);
    expect(await store.listConnectionIds()).toEqual(['beta']);
    expect(await store.delete('alpha')).toBe(false);
  });

  test('a connection with nothing saved reads as null', async () => {
    const { store } = freshStore();
    expect(await store.get('never-saved')).toBeNull();
    expect(await store.listConnectionIds()).toEqual([]);
  });

  test('a damaged entry is reported as damaged, not as missing, and its content is not echoed', async () => {
    const { store, service } = freshStore();
    await keytar.setPassword(service, 'not-json', 'plain-text-secret-831');
    await keytar.setPassword(service, 'wrong-shape', JSON.stringify({ apiKey: 'only-a-key-559' }));
    for (const [id, content] of [
      ['not-json', 'plain-text-secret-831'],
      ['wrong-shape', 'only-a-key-559'],
    ] as const) {
      const error = await store.get(id).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(KeychainError);
      expect(error).toMatchObject({ reason: 'corrupt-entry' });
      expect(wordsOf(error as KeychainError, 'connections')).toMatch(/enter the API key and secret again/);
      const keychainError = error as KeychainError;
      expect(`${keychainError.message} ${keychainError.detail} ${JSON.stringify(keychainError)}`).not.toContain(content);
    }
    // Still listed, so the UI can offer to fix it rather than hide it.
    expect(await store.listConnectionIds()).toEqual(['not-json', 'wrong-shape']);
  });

  test('refuses an invalid key or secret and keeps what was saved', async () => {
    const { store } = freshStore();
    await store.set('alpha', alpha);
    await expect(store.set('alpha', { apiKey: 'k', apiSecret: 'has a space' })).rejects.toThrow(TypeError);
    expect(await store.get('alpha')).toEqual(alpha);
  });

  test('saves under "ConsCent Console" with the connection id as account by default', async () => {
    await createKeytarCredentialStore(keytar).set('default-service', beta);
    const accounts = (await keytar.findCredentials(KEYCHAIN_SERVICE)).map((entry) => entry.account);
    expect(accounts).toContain('default-service');
  });

  test('the secret reaches disk only inside the encrypted keyring file', async () => {
    const keyringFile = join(keyring.env.XDG_DATA_HOME, 'keyrings', 'login.keyring');
    const before = readFileSync(keyringFile);
    const credentials = { apiKey: 'disk-check-key-4417', apiSecret: 'disk-check-secret-☃-9921' };
    await freshStore().store.set('disk-check', credentials);
    // The keyring file changed, so the entry was persisted and the scan below means something.
    expect(readFileSync(keyringFile).equals(before)).toBe(false);
    // This process's home is inside the scanned root, so a plaintext copy would be found.
    expect(homedir().startsWith(keyring.root)).toBe(true);
    const files = readdirSync(keyring.root, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => join(entry.parentPath, entry.name));
    expect(files).toContain(keyringFile);
    for (const file of files) {
      const content = readFileSync(file);
      for (const secret of [credentials.apiSecret, credentials.apiKey]) {
        expect(content.includes(Buffer.from(secret, 'utf8')), `${secret} in ${file}`).toBe(false);
      }
    }
  });
});

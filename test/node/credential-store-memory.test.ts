// The in-memory store other modules' tests use must behave like the keychain one.
import { describe, expect, test } from 'vitest';
import { KeychainError } from '../../main/credentials/keychain-errors';
import { createMemoryCredentialStore } from '../helpers/memory-credential-store';

const alpha = { apiKey: 'alpha-key', apiSecret: 'alpha-secret' };
const beta = { apiKey: 'beta-key', apiSecret: 'beta-secret' };

describe('in-memory credential store (for tests)', () => {
  test('saves, replaces, lists and deletes like the keychain store', async () => {
    const store = createMemoryCredentialStore({ beta });
    await store.set('alpha', beta);
    await store.set('alpha', alpha);
    expect(await store.get('alpha')).toEqual(alpha);
    expect(await store.listConnectionIds()).toEqual(['alpha', 'beta']);
    expect(await store.delete('beta')).toBe(true);
    expect(await store.delete('beta')).toBe(false);
    expect(await store.get('beta')).toBeNull();
  });

  test('what a caller gets back cannot change what is stored', async () => {
    const store = createMemoryCredentialStore({ alpha });
    const read = await store.get('alpha');
    if (read) read.apiSecret = 'changed';
    expect(await store.get('alpha')).toEqual(alpha);
  });

  test('rejects what the keychain store rejects', async () => {
    const store = createMemoryCredentialStore();
    await expect(store.set('Alpha Connection', alpha)).rejects.toThrow(TypeError);
    await expect(store.set('alpha', { apiKey: 'a:b', apiSecret: 's' })).rejects.toThrow(TypeError);
  });

  test('can fail like a locked keychain, then recover', async () => {
    const store = createMemoryCredentialStore({ alpha });
    store.failWith('locked');
    await expect(store.get('alpha')).rejects.toSatisfy((e) => e instanceof KeychainError && e.reason === 'locked');
    await expect(store.set('beta', beta)).rejects.toBeInstanceOf(KeychainError);
    store.failWith(null);
    expect(await store.listConnectionIds()).toEqual(['alpha']);
  });
});

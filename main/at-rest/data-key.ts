import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { KeytarLike } from '../credentials/credential-store';
import { KeychainError, classifyKeychainError } from '../credentials/keychain-errors';

// The key readers' data is encrypted with on disk (issue 18.4): 32 random bytes in one OS
// keychain entry, made on first use and read once per run. Files hold only what was sealed
// with it (sealed-text.ts); whoever can read the files but not this entry reads nothing.
// If the entry is gone (the keychain was reset), a new key is made and everything sealed
// with the old one is recognised by its key id and set aside, never mixed with new data.

export type DataKey = {
  /** Names the key in every sealed text: tells "sealed with a key this keychain lost" from "damaged". */
  readonly id: string;
  readonly key: Buffer;
};

export interface DataKeyring {
  /** The key; made and kept in the keychain when there is none. Rejects with a KeychainError when the keychain cannot be read. */
  get(): Promise<DataKey>;
}

/** A '.' cannot start a connection id or a proxy account, so this never collides with one. */
export const DATA_KEY_ACCOUNT = '.data-key';

/** The first 8 hex digits of the key's SHA-256: enough to tell keys apart, nothing to attack. */
export function keyId(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 8);
}

export function dataKeyOf(key: Buffer): DataKey {
  return { id: keyId(key), key };
}

const Stored = z.object({ key: z.string().regex(/^[A-Za-z0-9+/]{43}=$/) });

function parse(text: string): DataKey {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    // The parse error is dropped: V8 would quote the input, i.e. the key.
    throw new KeychainError('corrupt-entry', 'The data key entry is not JSON.');
  }
  const parsed = Stored.safeParse(data);
  if (!parsed.success) throw new KeychainError('corrupt-entry', 'The data key entry is not a key.');
  return dataKeyOf(Buffer.from(parsed.data.key, 'base64'));
}

/** Memoises a successful read only: a keychain that was locked is asked again next time. */
function once(read: () => Promise<DataKey>): DataKeyring {
  let found: Promise<DataKey> | undefined;
  return {
    get() {
      found ??= read().catch((error: unknown) => {
        found = undefined;
        throw error;
      });
      return found;
    },
  };
}

export function createKeytarDataKeyring(keytar: KeytarLike, service: string): DataKeyring {
  return once(async () => {
    let text: string | null;
    try {
      text = await keytar.getPassword(service, DATA_KEY_ACCOUNT);
    } catch (error) {
      throw classifyKeychainError(error);
    }
    if (text !== null) return parse(text);
    const key = randomBytes(32);
    try {
      await keytar.setPassword(service, DATA_KEY_ACCOUNT, JSON.stringify({ key: key.toString('base64') }));
    } catch (error) {
      throw classifyKeychainError(error, [key.toString('base64')]);
    }
    return dataKeyOf(key);
  });
}

const memoryKeys = new Map<string, DataKeyring>();

/**
 * For a console wired without a keychain (tests, the bench): one key per data folder for
 * the life of this process, so a "restart" in the same process reads what it wrote.
 */
export function memoryDataKeyring(folder: string): DataKeyring {
  const found = memoryKeys.get(folder) ?? once(async () => dataKeyOf(randomBytes(32)));
  memoryKeys.set(folder, found);
  return found;
}

import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { KeytarLike } from '../credentials/credential-store';
import { KeychainError, classifyKeychainError } from '../credentials/keychain-errors';

// Where the history's signing key and its signed tail live (issue 18): one entry in the OS
// keychain, read once when the history opens. Someone who can write the history files but
// not read this entry cannot re-chain a rewrite, cut the last lines or remove a month file
// without it showing. The key never leaves main's memory: not in a file, a log or an error.

/** The end (and start) of the history as the console last wrote it. */
export const Tail = z.object({
  /** Lines in the history files. */
  count: z.number().int().min(0),
  lastId: z.number().int().min(0),
  /** The hash the next line's `prev` carries. */
  lastHash: z.string().regex(/^[0-9a-f]{64}$/),
  lastFile: z.string(),
  /** The `prev` the oldest line carries, and where it is. */
  firstPrev: z.string().regex(/^[0-9a-f]{64}$/),
  firstFile: z.string(),
  firstId: z.number().int().min(0),
  /** Lines at the start checked with the older unkeyed rule (written before signing began). */
  unkeyed: z.number().int().min(0),
  at: z.string(),
});
export type Tail = z.infer<typeof Tail>;

const Stored = z.object({ key: z.string().regex(/^[A-Za-z0-9+/]{43}=$/), tail: Tail.optional() });

export type ChainSecret = { key: Buffer; tail: Tail | undefined };

export interface ChainKeychain {
  /** The key and tail; null when the keychain holds none (first use, or the keychain was reset). */
  read(): Promise<ChainSecret | null>;
  write(secret: ChainSecret): Promise<void>;
}

/** A '.' cannot start a connection id or a proxy account, so this never collides with one. */
export const HISTORY_CHAIN_ACCOUNT = '.history-chain';

export function newChainKey(): Buffer {
  return randomBytes(32);
}

export function createKeytarChainKeychain(keytar: KeytarLike, service: string): ChainKeychain {
  return {
    async read() {
      let text: string | null;
      try {
        text = await keytar.getPassword(service, HISTORY_CHAIN_ACCOUNT);
      } catch (error) {
        throw classifyKeychainError(error);
      }
      return text === null ? null : parse(text);
    },
    async write({ key, tail }) {
      const text = JSON.stringify({ key: key.toString('base64'), ...(tail ? { tail } : {}) });
      try {
        await keytar.setPassword(service, HISTORY_CHAIN_ACCOUNT, text);
      } catch (error) {
        throw classifyKeychainError(error, [key.toString('base64')]);
      }
    },
  };
}

/** For tests and for a console wired without a keychain: the key lives as long as this object. */
export function createMemoryChainKeychain(): ChainKeychain {
  let stored: string | null = null;
  return {
    read: async () => (stored === null ? null : parse(stored)),
    write: async ({ key, tail }) => void (stored = JSON.stringify({ key: key.toString('base64'), ...(tail ? { tail } : {}) })),
  };
}

function parse(text: string): ChainSecret {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    // The parse error is dropped: V8 would quote the input, i.e. the key.
    throw new KeychainError('corrupt-entry', 'The history key entry is not JSON.');
  }
  const parsed = Stored.safeParse(data);
  if (!parsed.success) throw new KeychainError('corrupt-entry', 'The history key entry is not a key and tail.');
  return { key: Buffer.from(parsed.data.key, 'base64'), tail: parsed.data.tail };
}

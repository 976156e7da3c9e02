import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { DataKey } from './data-key';

// One line (or one small file) of readers' data as it is kept on disk (issue 18.4):
//   cc1:<key id>:<base64 of 12-byte nonce, AES-256-GCM ciphertext, 16-byte tag>
// AES-256-GCM both hides and authenticates: a changed byte is "damaged", never different
// data. Each store seals with its own purpose as additional data, so a line moved from a
// bulk run into the history (or back) does not open. A line is sealed on its own, so the
// journal still appends, reads an entry by its byte offset, and cuts back a torn last line.
// Text that does not start with the prefix is an older, plain line (written before
// encryption), read as it is and sealed at the next open (seal-plain-files.ts).

export type SealPurpose = 'history' | 'bulk' | 'recent-readers' | 'audit-outbox';

const PREFIX = 'cc1:';
const PREFIX_BYTES = Buffer.from(PREFIX);
const NONCE = 12;
const TAG = 16;

/** `text` as a Buffer is sealed byte for byte (an older line that is not valid UTF-8 stays as it was). */
export function seal(key: DataKey, purpose: SealPurpose, text: string | Buffer): string {
  const nonce = randomBytes(NONCE);
  const cipher = createCipheriv('aes-256-gcm', key.key, nonce);
  cipher.setAAD(Buffer.from(purpose));
  const plain = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  const body = Buffer.concat([nonce, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
  return `${PREFIX}${key.id}:${body.toString('base64')}`;
}

/**
 * What a stored line holds: `plain` (older, unsealed text), `open` (the text, decrypted),
 * `foreign` (sealed with another key: one this keychain no longer has), or `damaged`.
 */
export type Opened = { kind: 'plain'; bytes: Buffer } | { kind: 'open'; bytes: Buffer } | { kind: 'foreign'; keyId: string } | { kind: 'damaged' };

export function isSealed(stored: Buffer): boolean {
  return stored.subarray(0, PREFIX_BYTES.length).equals(PREFIX_BYTES);
}

/** The key id a sealed line names, or undefined for a plain one. */
export function sealedKeyId(stored: Buffer): string | undefined {
  if (!isSealed(stored)) return undefined;
  const end = stored.indexOf(0x3a, PREFIX_BYTES.length); // ':'
  return end === -1 ? '' : stored.toString('latin1', PREFIX_BYTES.length, end);
}

export function openSealed(key: DataKey, purpose: SealPurpose, stored: Buffer): Opened {
  const id = sealedKeyId(stored);
  if (id === undefined) return { kind: 'plain', bytes: stored };
  if (id !== key.id) return id.length === 8 ? { kind: 'foreign', keyId: id } : { kind: 'damaged' };
  const body = Buffer.from(stored.toString('latin1', PREFIX_BYTES.length + id.length + 1), 'base64');
  if (body.length < NONCE + TAG) return { kind: 'damaged' };
  try {
    const decipher = createDecipheriv('aes-256-gcm', key.key, body.subarray(0, NONCE));
    decipher.setAAD(Buffer.from(purpose));
    decipher.setAuthTag(body.subarray(body.length - TAG));
    return { kind: 'open', bytes: Buffer.concat([decipher.update(body.subarray(NONCE, body.length - TAG)), decipher.final()]) };
  } catch {
    return { kind: 'damaged' };
  }
}

/** How a store turns its lines into what is on disk and back. */
export interface LineCodec {
  /** The id of the key this codec seals with. */
  readonly keyId: string;
  seal(text: string | Buffer): string;
  open(stored: Buffer): Opened;
}

export function lineCodec(key: DataKey, purpose: SealPurpose): LineCodec {
  return { keyId: key.id, seal: (text) => seal(key, purpose, text), open: (stored) => openSealed(key, purpose, stored) };
}

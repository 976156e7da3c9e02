import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { dataKeyOf, memoryDataKeyring, type DataKeyring } from '../../main/at-rest/data-key';
import { lineCodec, type SealPurpose } from '../../main/at-rest/sealed-text';

// The files of a store whose lines are sealed (main/at-rest/), read and rewritten as the
// console would. Tests that change what a line says, as an attacker holding the data key
// would (to test the chain check, not the encryption), go through here; an attacker
// without it can only cut, move or damage lines.

/**
 * Whose key: a keyring, or a folder a console wired without a keychain used (its journal
 * or bulk folder: memoryDataKeyring keeps one key per folder in this process).
 */
export type KeysOf = DataKeyring | string;

const keyringOf = (keys: KeysOf): DataKeyring => (typeof keys === 'string' ? memoryDataKeyring(keys) : keys);

export async function codecFor(keys: KeysOf, purpose: SealPurpose = 'history') {
  return lineCodec(await keyringOf(keys).get(), purpose);
}

/** The file's lines as text (opened; a line that does not open is kept as stored). */
export async function readOpenLines(keys: KeysOf, path: string, purpose: SealPurpose = 'history'): Promise<string[]> {
  const codec = await codecFor(keys, purpose);
  const text = await readFile(path, 'latin1');
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => {
      const opened = codec.open(Buffer.from(line, 'latin1'));
      return opened.kind === 'open' || opened.kind === 'plain' ? opened.bytes.toString('utf8') : line;
    });
}

/** The file's opened text, lines joined with newlines (for searching it). */
export async function readOpenText(keys: KeysOf, path: string, purpose: SealPurpose = 'history'): Promise<string> {
  return `${(await readOpenLines(keys, path, purpose)).join('\n')}\n`;
}

/** Writes `lines` (text) sealed, one per line, as the console writes them. */
export async function writeSealedLines(keys: KeysOf, path: string, lines: readonly string[], purpose: SealPurpose = 'history'): Promise<void> {
  const codec = await codecFor(keys, purpose);
  await writeFile(path, lines.map((line) => `${codec.seal(line)}\n`).join(''), { mode: 0o600 });
}

/** A keyring holding one fixed key. */
export function fixedDataKeyring(hex: string = SHARED_TEST_KEY): DataKeyring {
  const key = dataKeyOf(Buffer.from(hex, 'hex'));
  return { get: async () => key };
}

/** One key shared by a test and the child process it kills (each process otherwise keeps its own). */
export const SHARED_TEST_KEY = 'a1'.repeat(32);

/**
 * The data key of a test console over `dir`: the same in every process, as the OS keychain
 * of one computer is for every run of the app (test-console.ts).
 */
export function consoleKeyring(dir: string): DataKeyring {
  return fixedDataKeyring(createHash('sha256').update(`test-console-keychain:${dir}`).digest('hex'));
}

import { readFile, writeFile } from 'node:fs/promises';
import { dataKeyOf, memoryDataKeyring, type DataKeyring } from '../../main/at-rest/data-key';
import { lineCodec, type SealPurpose } from '../../main/at-rest/sealed-text';

// The files of a store whose lines are sealed (main/at-rest/), read and rewritten as the
// console would, with the key a console wired without a keychain keeps for `folder`. Tests
// that change a file's content as an attacker with the data key would (to test the chain
// check, not the encryption) go through here; an attacker without it can only cut lines.

export async function codecFor(folder: string, purpose: SealPurpose = 'history') {
  return lineCodec(await memoryDataKeyring(folder).get(), purpose);
}

/** The file's lines as text (opened; a line that does not open is kept as stored). */
export async function readOpenLines(folder: string, path: string, purpose: SealPurpose = 'history'): Promise<string[]> {
  const codec = await codecFor(folder, purpose);
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
export async function readOpenText(folder: string, path: string, purpose: SealPurpose = 'history'): Promise<string> {
  return `${(await readOpenLines(folder, path, purpose)).join('\n')}\n`;
}

/** Writes `lines` (text) sealed, one per line, as the console writes them. */
export async function writeSealedLines(folder: string, path: string, lines: readonly string[], purpose: SealPurpose = 'history'): Promise<void> {
  const codec = await codecFor(folder, purpose);
  await writeFile(path, lines.map((line) => `${codec.seal(line)}\n`).join(''), { mode: 0o600 });
}

/** One key shared by a test and the child process it kills (each process otherwise keeps its own). */
export const SHARED_TEST_KEY = 'a1'.repeat(32);

export function fixedDataKeyring(hex: string = SHARED_TEST_KEY): DataKeyring {
  const key = dataKeyOf(Buffer.from(hex, 'hex'));
  return { get: async () => key };
}

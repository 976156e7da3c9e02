import { readFile, stat, utimes } from 'node:fs/promises';
import { writeFileAtomic } from '../settings/atomic-write';
import { sealedKeyId, type LineCodec } from './sealed-text';

// Files written before encryption (issue 18.4) are sealed in place the first time this
// version opens them: every plain line sealed byte for byte (a damaged line stays damaged,
// a last line a crash cut stays without its newline), lines already sealed kept as they
// are. The new content is written atomically (settings/atomic-write.ts), so a crash
// leaves the old file or the new, both readable; the file keeps its modification time,
// which retention reads as the file's age.

/** Seals the plain lines of one file; answers how many there were. */
export async function sealPlainLines(path: string, codec: LineCodec): Promise<number> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw error;
  }
  const lines = linesOf(bytes);
  const plain = lines.filter((line) => sealedKeyId(line) === undefined).length;
  if (plain === 0) return 0;
  const endsWithNewline = bytes.length > 0 && bytes[bytes.length - 1] === 0x0a;
  const text = lines.map((line) => (sealedKeyId(line) === undefined ? codec.seal(line) : line.toString('latin1'))).join('\n');
  const { atime, mtime } = await stat(path);
  // Every sealed line is ASCII, so the text is written as it is.
  await writeFileAtomic(path, endsWithNewline ? `${text}\n` : text);
  await utimes(path, atime, mtime);
  return plain;
}

/** The file's non-empty lines, without their newlines. */
function linesOf(bytes: Buffer): Buffer[] {
  const lines: Buffer[] = [];
  let start = 0;
  for (let nl = bytes.indexOf(0x0a); nl !== -1; nl = bytes.indexOf(0x0a, start)) {
    if (nl > start) lines.push(bytes.subarray(start, nl));
    start = nl + 1;
  }
  if (start < bytes.length) lines.push(bytes.subarray(start));
  return lines;
}

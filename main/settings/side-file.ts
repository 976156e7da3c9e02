import { open, rename } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { z } from 'zod';
import type { SettingsRecovery } from '../../common/connections-contract';

// Reading one of main's own JSON files (settings.json, recent-readers.json) so that a
// damaged one is never taken for an empty one and overwritten: it is moved aside as
// `<name>.<time>.bad` and the caller tells the agent where it went (issue 17.6).

export type FileRecovery = SettingsRecovery;

export type SideFileRead<T> =
  | { kind: 'missing' }
  | { kind: 'read'; data: T }
  /** Damaged and moved aside (`movedTo`), or damaged and not movable (`movedTo` absent: never write over it). */
  | { kind: 'damaged'; reason: FileRecovery['reason']; movedTo?: string };

/** What readCapped answers for a file over its limit. */
export const TOO_LARGE = Symbol('too large');

/** The file as text, reading at most `maxBytes + 1` bytes whatever its size is (or becomes). */
export async function readCapped(path: string, maxBytes: number): Promise<string | typeof TOO_LARGE> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(maxBytes + 1);
    let length = 0;
    while (length < buffer.length) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    return length > maxBytes ? TOO_LARGE : buffer.toString('utf8', 0, length);
  } finally {
    await handle.close();
  }
}

/** Renames `path` to `<path>.<time>.bad`; the new path, or undefined when it could not be moved. */
export async function moveAside(path: string, now: Date): Promise<string | undefined> {
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  const movedTo = join(dirname(path), `${basename(path)}.${stamp}.bad`);
  try {
    await rename(path, movedTo);
    return movedTo;
  } catch {
    return undefined;
  }
}

/** Reads and checks a JSON file; anything but a missing or valid file is moved aside. */
export async function readSideFile<S extends z.ZodType>(
  path: string,
  schema: S,
  options: {
    maxBytes: number;
    now: () => Date;
    /** Turns the stored text into the JSON text (a sealed file is opened, main/at-rest/); 'key-lost' or 'damaged' when it cannot be. */
    open?: (stored: string) => string | 'key-lost' | 'damaged';
  },
): Promise<SideFileRead<z.infer<S>>> {
  const damaged = async (reason: FileRecovery['reason']): Promise<SideFileRead<z.infer<S>>> => {
    const movedTo = await moveAside(path, options.now());
    return movedTo ? { kind: 'damaged', reason, movedTo } : { kind: 'damaged', reason };
  };
  let text: string | typeof TOO_LARGE;
  try {
    text = await readCapped(path, options.maxBytes);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
    return damaged('unreadable');
  }
  if (text === TOO_LARGE) return damaged('too-large');
  if (options.open) {
    const opened = options.open(text);
    if (opened === 'key-lost') return damaged('key-lost');
    if (opened === 'damaged') return damaged('unreadable');
    text = opened;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return damaged(text.trim() === '' ? 'empty' : 'not-json');
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) return damaged('not-understood');
  return { kind: 'read', data: parsed.data as z.infer<S> };
}

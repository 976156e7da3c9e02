import { appendFileSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { SECRET_KEY_PATTERN, isIdentifierKey, looksLikeIdentifier, personalPlaceholder, redact } from './redact';

export { redact } from './redact';

// A support log: one JSON line per event, in the app's log folder, rotated at a size cap.
// Callers pass only structured, non-secret fields; `redact` still scrubs anything that
// looks like a credential or personal data (emails, phone numbers) before writing, a
// field named for personal data (email, phone, name, address…) is written as a
// placeholder whatever it holds, and an identifier (userId, connectionId…) as it is.
// Size is bounded: at most `keepFiles` files, each at most maxBytes + MAX_LINE_BYTES.

export type LogFields = Record<string, string | number | boolean | undefined>;
export interface Logger {
  info(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields): void;
  error(event: string, fields?: LogFields): void;
}

export interface FileLoggerOptions {
  dir: string;
  fileName?: string;
  /** The current file is rotated once it has reached this size. */
  maxBytes?: number;
  /** Files kept in all, the current one included (console.log, console.log.1, …). */
  keepFiles?: number;
}

export const DEFAULT_MAX_BYTES = 1024 * 1024;
export const DEFAULT_KEEP_FILES = 3;
/** One line never exceeds this; a longer one is replaced by a short marker line. */
export const MAX_LINE_BYTES = 8 * 1024;
const MAX_FIELDS = 32;
/** The file's size is read from disk again after this many lines. */
const RESTAT_EVERY = 100;
const MAX_EVENT_CHARS = 200;
const MAX_KEY_CHARS = 64;
/** Written by the logger itself, so a caller's field of the same name cannot overwrite them. */
const RESERVED_KEYS = new Set(['time', 'level', 'event']);

export function createFileLogger(options: FileLoggerOptions): Logger {
  const path = join(options.dir, options.fileName ?? 'console.log');
  const maxBytes = Math.max(1, options.maxBytes ?? DEFAULT_MAX_BYTES);
  const keep = Math.max(1, Math.floor(options.keepFiles ?? DEFAULT_KEEP_FILES));

  // What this logger knows of the disk, so a line costs one append rather than three
  // system calls on the main process's thread. Re-checked now and then, and after any
  // failure, in case the file was moved or removed under us.
  let dirReady = false;
  let size: number | undefined;
  let writesSinceStat = 0;

  function currentSize(): number {
    try {
      return statSync(path).size;
    } catch {
      return 0;
    }
  }

  function rotate(): void {
    if (keep === 1) {
      // Nothing older is kept: start the file afresh rather than let it grow for ever.
      rmSync(path, { force: true });
      return;
    }
    for (let i = keep - 1; i >= 1; i -= 1) {
      try {
        renameSync(i === 1 ? path : `${path}.${i - 1}`, `${path}.${i}`);
      } catch {
        // A missing older file is normal.
      }
    }
  }

  function line(level: string, event: string, fields: LogFields | undefined): string {
    const record: Record<string, string | number | boolean> = Object.create(null) as Record<string, string | number | boolean>;
    record.time = new Date().toISOString();
    record.level = level;
    record.event = redact(String(event)).slice(0, MAX_EVENT_CHARS);
    const entries = fields && typeof fields === 'object' ? Object.entries(fields).slice(0, MAX_FIELDS) : [];
    for (const [rawKey, value] of entries) {
      if (value === undefined) continue;
      let key = redact(rawKey).slice(0, MAX_KEY_CHARS);
      if (RESERVED_KEYS.has(key)) key = `_${key}`;
      record[key] = fieldValue(rawKey, value);
    }
    const text = JSON.stringify(record);
    if (Buffer.byteLength(text) <= MAX_LINE_BYTES) return text;
    return JSON.stringify({ time: record.time, level, event: record.event, truncated: true });
  }

  function append(text: string): void {
    if (!dirReady) {
      mkdirSync(options.dir, { recursive: true });
      dirReady = true;
    }
    if (size === undefined || writesSinceStat >= RESTAT_EVERY) {
      size = currentSize();
      writesSinceStat = 0;
    }
    if (size >= maxBytes) {
      rotate();
      size = 0;
    }
    appendFileSync(path, text, { mode: 0o600 });
    size += Buffer.byteLength(text);
    writesSinceStat += 1;
  }

  function write(level: string, event: string, fields?: LogFields): void {
    // Logging must never break the console for an agent: nothing here may throw.
    let text: string;
    try {
      text = `${line(level, event, fields)}\n`;
    } catch {
      return;
    }
    // A second try after forgetting what we knew of the disk: the folder or file may have
    // been removed or replaced since the last line.
    for (let tries = 0; tries < 2; tries += 1) {
      try {
        append(text);
        return;
      } catch {
        dirReady = false;
        size = undefined;
      }
    }
  }

  return {
    info: (event, fields) => write('info', event, fields),
    warn: (event, fields) => write('warn', event, fields),
    error: (event, fields) => write('error', event, fields),
  };
}

/** What is written for one field: by its key first, then by what the value looks like. */
function fieldValue(key: string, value: unknown): string | number | boolean {
  if (SECRET_KEY_PATTERN.test(key)) return '[redacted]';
  const placeholder = personalPlaceholder(key);
  if (placeholder && typeof value !== 'boolean') return placeholder;
  if (isIdentifierKey(key) && typeof value === 'string' && looksLikeIdentifier(value)) return value;
  return cleanValue(value);
}

/** Strings and numbers are redacted (a number can be a phone); anything else is named, not dumped. */
function cleanValue(value: unknown): string | number | boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return String(value);
    const text = String(value);
    return redact(text) === text ? value : '[redacted]';
  }
  if (typeof value === 'string') return redact(value);
  if (typeof value === 'bigint') return redact(value.toString());
  // Typed out by LogFields, but a caller in plain JS could pass a request config or an
  // error: never serialise those, they can carry headers.
  return `[${typeof value}]`;
}

import { appendFileSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';

// A support log: one JSON line per event, in the app's log folder, rotated at a size cap.
// Callers pass only structured, non-secret fields; `redact` still scrubs anything that
// looks like a credential or personal data (emails, phone numbers) before writing.

export type LogFields = Record<string, string | number | boolean | undefined>;
export interface Logger {
  info(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields): void;
  error(event: string, fields?: LogFields): void;
}

export interface FileLoggerOptions {
  dir: string;
  fileName?: string;
  maxBytes?: number;
  keepFiles?: number;
  /** Exact strings that must never be written (e.g. the secrets in use). */
  secrets?: () => string[];
}

const SECRET_KEYS = /secret|password|authorization|apikey|api_key|token|cookie/i;

export function redact(value: string, secrets: string[] = []): string {
  let text = value;
  for (const secret of secrets) if (secret.length >= 4) text = text.split(secret).join('[redacted]');
  return text
    .replace(/Basic\s+[A-Za-z0-9+/=]+/g, 'Basic [redacted]')
    .replace(/[^\s@"']+@[^\s@"']+\.[^\s@"']+/g, '[email]')
    .replace(/\+?\d[\d\s-]{6,}\d/g, '[phone]');
}

export function createFileLogger(options: FileLoggerOptions): Logger {
  const path = join(options.dir, options.fileName ?? 'console.log');
  const maxBytes = options.maxBytes ?? 1024 * 1024;
  const keep = options.keepFiles ?? 3;

  function rotateIfNeeded(): void {
    let size = 0;
    try {
      size = statSync(path).size;
    } catch {
      return;
    }
    if (size < maxBytes) return;
    for (let i = keep - 1; i >= 1; i -= 1) {
      try {
        renameSync(i === 1 ? path : `${path}.${i - 1}`, `${path}.${i}`);
      } catch {
        // A missing older file is normal.
      }
    }
  }

  function write(level: string, event: string, fields: LogFields = {}): void {
    const secrets = options.secrets?.() ?? [];
    const clean: Record<string, string | number | boolean> = {};
    for (const [key, value] of Object.entries(fields)) {
      if (value === undefined) continue;
      clean[key] = SECRET_KEYS.test(key) ? '[redacted]' : typeof value === 'string' ? redact(value, secrets) : value;
    }
    const line = JSON.stringify({ time: new Date().toISOString(), level, event: redact(event, secrets), ...clean });
    try {
      mkdirSync(options.dir, { recursive: true });
      rotateIfNeeded();
      appendFileSync(path, `${line}\n`, { mode: 0o600 });
    } catch {
      // Logging must never break the console for an agent.
    }
  }

  return {
    info: (event, fields) => write('info', event, fields),
    warn: (event, fields) => write('warn', event, fields),
    error: (event, fields) => write('error', event, fields),
  };
}

export const silentLogger: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };

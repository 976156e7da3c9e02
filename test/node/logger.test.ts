import { mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_LINE_BYTES, createFileLogger, type LogFields } from '../../main/logging/logger';
import { MAX_VALUE_CHARS, redact } from '../../main/logging/redact';
import { tempFolders } from '../helpers/temp-folders';

const freshDir = tempFolders('cc-log-');

function logFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => name.startsWith('console.log'))
    .sort();
}
function lines(dir: string, file = 'console.log'): Record<string, unknown>[] {
  return readFileSync(join(dir, file), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}
function allText(dir: string): string {
  return logFiles(dir)
    .map((name) => readFileSync(join(dir, name), 'utf8'))
    .join('\n');
}

describe('rotation and size cap', () => {
  it('keeps at most keepFiles files, each near maxBytes, newest first', () => {
    const dir = freshDir();
    const maxBytes = 2_000;
    const logger = createFileLogger({ dir, maxBytes, keepFiles: 3 });
    for (let i = 0; i < 3_000; i += 1) logger.info('bench.line', { i, note: 'x'.repeat(i % 50) });

    const files = logFiles(dir);
    expect(files).toEqual(['console.log', 'console.log.1', 'console.log.2']);
    const sizes = files.map((name) => statSync(join(dir, name)).size);
    const longest = Math.max(
      ...files.flatMap((name) =>
        readFileSync(join(dir, name), 'utf8')
          .split('\n')
          .map((l) => l.length + 1),
      ),
    );
    for (const size of sizes) expect(size).toBeLessThan(maxBytes + longest);
    expect(sizes.reduce((a, b) => a + b, 0)).toBeLessThan(3 * (maxBytes + longest));
    // Rotation keeps the most recent events, in order across files.
    const last = lines(dir).at(-1);
    expect(last).toMatchObject({ event: 'bench.line', i: 2_999 });
    const older = lines(dir, 'console.log.1').at(-1)!.i as number;
    expect(older).toBeLessThan(lines(dir)[0]!.i as number);
  });

  it('with keepFiles 1, the single file still stays bounded', () => {
    const dir = freshDir();
    const logger = createFileLogger({ dir, maxBytes: 1_000, keepFiles: 1 });
    for (let i = 0; i < 2_000; i += 1) logger.info('bench.line', { i });
    expect(logFiles(dir)).toEqual(['console.log']);
    expect(statSync(join(dir, 'console.log')).size).toBeLessThan(1_000 + 200);
  });

  it('carries on when the log file or its folder is removed while the console runs', () => {
    const dir = freshDir();
    const logs = join(dir, 'logs');
    const logger = createFileLogger({ dir: logs, maxBytes: 1_000, keepFiles: 2 });
    for (let i = 0; i < 50; i += 1) logger.info('before', { i });
    rmSync(logs, { recursive: true, force: true });
    logger.info('first.after');
    expect(lines(logs)).toEqual([expect.objectContaining({ event: 'first.after' })]);
    for (let i = 0; i < 500; i += 1) logger.info('after', { i });
    expect(lines(logs).at(-1)).toMatchObject({ event: 'after', i: 499 });
    for (const name of logFiles(logs)) expect(statSync(join(logs, name)).size).toBeLessThan(1_000 + 200);
  });

  it('caps a single huge event: no line exceeds MAX_LINE_BYTES', () => {
    const dir = freshDir();
    const logger = createFileLogger({ dir, maxBytes: 10_000, keepFiles: 2 });
    const huge = 'y'.repeat(1_000_000);
    const many: LogFields = Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`f${i}`, 'z'.repeat(1_500)]));
    logger.info(huge, { value: huge });
    logger.warn('many.fields', many);
    for (const line of readFileSync(join(dir, 'console.log'), 'utf8').split('\n').filter(Boolean)) {
      expect(Buffer.byteLength(line)).toBeLessThanOrEqual(MAX_LINE_BYTES);
    }
    expect(statSync(join(dir, 'console.log')).size).toBeLessThan(2 * MAX_LINE_BYTES + 10);
  });
});

describe('redaction', () => {
  const SECRET = 'sk_live_9f8e7d6c5b4a';
  const KEY = 'pk_live_1a2b3c4d';
  const basic = Buffer.from(`${KEY}:${SECRET}`).toString('base64');

  it.each([
    ['a Basic header', `Authorization: Basic ${basic}`],
    ['a lowercase header in JSON', `{"authorization":"Basic ${basic}"}`],
    ['a bare scheme', `sent Basic ${basic} to the server`],
    ['a Bearer token', 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig'],
    ['credentials in a URL', `https://${KEY}:${SECRET}@api.conscent.in/api/v1`],
  ])('removes %s from values and event names', (_label, text) => {
    const dir = freshDir();
    createFileLogger({ dir }).error(`failed ${text}`, { detail: text });
    const written = allText(dir);
    expect(written).not.toContain(basic);
    expect(written).not.toContain(SECRET);
    expect(written).not.toContain('eyJzdWIiOiIxIn0');
  });

  it('replaces emails and phone numbers in values, keys and event names', () => {
    const dir = freshDir();
    createFileLogger({ dir }).info('lookup for reader@example.com at +91 98765 43210', {
      query: 'Reader.Name+tag@Example.co.in',
      phone: '+1 (555) 123-4567',
      digits: 9876543210,
      'reader@example.com': true,
    });
    const text = allText(dir);
    for (const personal of ['reader@example.com', 'Reader.Name', 'Example.co.in', '98765', '43210', '555', '123-4567', '9876543210']) {
      expect(text).not.toContain(personal);
    }
    const [line] = lines(dir);
    expect(line).toMatchObject({ event: 'lookup for [email] at [phone]', query: '[email]', phone: '[phone]', digits: '[redacted]' });
  });

  it.each(['secret', 'apiSecret', 'password', 'Authorization', 'token', 'accessToken', 'apiKey', 'api_key', 'cookie', 'credentials'])(
    'writes no value for a field named %s',
    (key) => {
      const dir = freshDir();
      createFileLogger({ dir }).info('x', { [key]: 'plain-looking-value' });
      expect(lines(dir)[0]![key]).toBe('[redacted]');
      expect(allText(dir)).not.toContain('plain-looking-value');
    },
  );

  it('keeps useful values: counts, kinds, ids, booleans', () => {
    const dir = freshDir();
    createFileLogger({ dir }).info('reader.lookup', { by: 'email', matches: 3, ok: true, connectionId: 'a1b2-c3d4' });
    expect(lines(dir)[0]).toMatchObject({ level: 'info', event: 'reader.lookup', by: 'email', matches: 3, ok: true, connectionId: 'a1b2-c3d4' });
  });

  it("a caller's field cannot overwrite the time, level or event", () => {
    const dir = freshDir();
    createFileLogger({ dir }).warn('real.event', { event: 'fake', level: 'info', time: 'never' });
    expect(lines(dir)[0]).toMatchObject({ level: 'warn', event: 'real.event', _event: 'fake', _level: 'info', _time: 'never' });
  });

  it('never serialises objects passed by an untyped caller (a request config, an error)', () => {
    const dir = freshDir();
    const config = { headers: { Authorization: `Basic ${basic}` } };
    createFileLogger({ dir }).error('request.failed', { config, error: new Error(SECRET) } as unknown as LogFields);
    expect(allText(dir)).not.toContain(basic);
    expect(allText(dir)).not.toContain(SECRET);
    expect(lines(dir)[0]).toMatchObject({ config: '[object]', error: '[object]' });
  });

  it('cuts a long value without leaving half an email behind', () => {
    const padding = 'a '.repeat(MAX_VALUE_CHARS / 2 - 3);
    const cut = redact(`${padding}reader.name@example.com and more`);
    expect(cut).not.toMatch(/reader|example/);
  });
});

describe('a failing log directory never throws', () => {
  it.each([
    ['the directory is a file', (dir: string) => (writeFileSync(join(dir, 'file'), ''), join(dir, 'file'))],
    ['the log file is a directory', (dir: string) => (mkdirSync(join(dir, 'logs', 'console.log'), { recursive: true }), join(dir, 'logs'))],
    ['the path holds a NUL byte', (dir: string) => join(dir, 'bad\0dir')],
  ])('%s', (_label, prepare) => {
    const logger = createFileLogger({ dir: prepare(freshDir()), maxBytes: 10 });
    expect(() => {
      for (let i = 0; i < 5; i += 1) {
        logger.info('still.fine', { i });
        logger.warn('still.fine');
        logger.error('still.fine', { i });
      }
    }).not.toThrow();
  });
});

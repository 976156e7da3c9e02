import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CLI_PORT, parseCliArgs } from '../../simulator/cli-args';
import { SEED_EXAMPLE_USER_ID, parseFaultRule } from '../../simulator';

// `npm run sim`: the command a person or a script starts the simulator with.

const ROOT = resolve(__dirname, '../..');

function runCli(args: string[]): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, ['--import', 'tsx', 'simulator/cli.ts', ...args], { cwd: ROOT });
}

/** Resolves with the printed base URL; `banner()` returns all stdout so far, then and later. */
function baseUrlOf(child: ChildProcessWithoutNullStreams): Promise<{ url: string; banner: () => string }> {
  let out = '';
  return new Promise((resolveUrl, reject) => {
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      out += chunk;
      const match = out.match(/ConsCent simulator listening on (http:\/\/\S+)/);
      if (match?.[1] && out.includes('Press Ctrl+C')) resolveUrl({ url: match[1], banner: () => out });
    });
    child.once('exit', (code) => reject(new Error(`simulator exited with ${code} before listening: ${out}`)));
  });
}

async function exitOf(child: ChildProcessWithoutNullStreams): Promise<{ code: number | null; stderr: string }> {
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => (stderr += chunk));
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, stderr };
}

// Each spawn costs about a second (tsx compiles on start), so the two run side by side.
describe.concurrent('simulator CLI', () => {
  it('prints its base URL and clients but no given secret, serves with the faults given, stops on SIGTERM', async () => {
    const child = runCli([
      '--port',
      '0',
      '--users',
      '10',
      '--client',
      'demo-client:demo-key:demo-secret',
      '--client',
      'paper:paper-key:paper-secret-123',
      '--fault',
      'PATCH:/client/update-user=503x1',
    ]);
    const exited = exitOf(child);
    let output = () => '';
    try {
      const started = await baseUrlOf(child);
      output = started.banner;
      const { url } = started;
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/v1$/);

      const patch = () =>
        fetch(`${url}/client/update-user?userId=${SEED_EXAMPLE_USER_ID}`, {
          method: 'PATCH',
          headers: {
            authorization: `Basic ${Buffer.from('paper-key:paper-secret-123').toString('base64')}`,
            'content-type': 'application/json',
          },
          body: JSON.stringify({ name: 'From The CLI Test' }),
        });
      expect((await patch()).status).toBe(503);
      expect((await patch()).status).toBe(200);
    } finally {
      child.kill('SIGTERM');
    }
    expect((await exited).code).toBe(0);
    // Read after exit, so every request line has been flushed.
    const banner = output();
    expect(banner).toMatch(/Client ID: demo-client\s+API key: demo-key\s+API secret: demo-secret/);
    expect(banner).toMatch(/Client ID: paper\s+API key: paper-key/);
    expect(banner).toMatch(/PATCH \/client\/update-user\?userId=\w+ -> 503 \[fault: status\]/);
    expect(banner).not.toContain('paper-secret-123');
  });

  it('exits with 2 and prints usage on a bad argument', async () => {
    const { code, stderr } = await exitOf(runCli(['--port', 'eighty']));
    expect(code).toBe(2);
    expect(stderr).toMatch(/^simulator: --port must be a whole number/);
    expect(stderr).toContain('Usage:');
  });
});

describe('parseCliArgs', () => {
  it('defaults to a fixed port for people and passes the other options through', () => {
    expect(parseCliArgs([])).toMatchObject({ kind: 'run', options: { port: DEFAULT_CLI_PORT } });
    const parsed = parseCliArgs([
      '--port',
      '0',
      '--users',
      '5',
      '--seed',
      '9',
      '--base-path',
      '/v2',
      '--client',
      'a:k1:s1',
      '--client',
      'b:k2:s2',
      '--address-list-mode',
      'append',
      '--max-body-bytes',
      '2048',
    ]);
    expect(parsed).toEqual({
      kind: 'run',
      quiet: false,
      options: {
        port: 0,
        host: undefined,
        basePath: '/v2',
        userCount: 5,
        seed: 9,
        clients: [
          { clientId: 'a', apiKey: 'k1', apiSecret: 's1' },
          { clientId: 'b', apiKey: 'k2', apiSecret: 's2' },
        ],
        addressListMode: 'append',
        maxBodyBytes: 2048,
        faults: undefined,
      },
    });
  });

  it.each([
    [['--users', '-1']],
    [['--users', '1e3']],
    [['--fault', '/client/update-user=418']],
    [['--client', 'paper:only-two-parts']],
    [['--host', '0.0.0.0']],
    [['--base-path', 'no-slash']],
    [['--address-list-mode', 'merge']],
    [['--unknown-flag']],
    [['stray']],
  ])('refuses %j', (args) => {
    expect(parseCliArgs(args)).toMatchObject({ kind: 'error', message: expect.any(String) });
  });

  it('does not repeat a secret in its error', () => {
    const parsed = parseCliArgs(['--client', 'a:key:bad secret!']);
    expect(parsed.kind).toBe('error');
    expect(JSON.stringify(parsed)).not.toContain('bad secret!');
  });
});

describe('parseFaultRule', () => {
  it.each([
    ['/client/update-user=500', { path: '/client/update-user', fault: { kind: 'status', status: 500 } }],
    ['*=latency:2000', { path: '*', fault: { kind: 'latency', ms: 2000 } }],
    ['*=429', { path: '*', fault: { kind: 'status', status: 429 } }],
    ['*=429:12x3', { path: '*', fault: { kind: 'status', status: 429, retryAfterSeconds: 12 }, times: 3 }],
    ['patch:/client/update-user=drop', { path: '/client/update-user', method: 'PATCH', fault: { kind: 'drop' } }],
    ['*=oversized', { path: '*', fault: { kind: 'oversized' } }],
    ['*=oversized:1048576x1', { path: '*', fault: { kind: 'oversized', bytes: 1_048_576 }, times: 1 }],
    ['*=malformed-json', { path: '*', fault: { kind: 'malformed-json' } }],
    ['*=wrong-shape', { path: '*', fault: { kind: 'wrong-shape' } }],
    ['*=html', { path: '*', fault: { kind: 'html' } }],
    ['*=hang', { path: '*', fault: { kind: 'hang' } }],
  ])('reads %s', (text, rule) => {
    expect(parseFaultRule(text)).toEqual(rule);
  });

  it.each(['no-equals', 'client/update-user=500', '*=418', '*=latency', '*=500:3', '*=drop:1', '*=teapot', '*=500x0'])('refuses %s', (text) => {
    expect(() => parseFaultRule(text)).toThrow();
  });
});

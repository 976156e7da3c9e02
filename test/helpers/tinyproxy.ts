import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closedPort } from './closed-port';
import { spawnGuarded, waitForPort } from './guarded-process';

// A real forward proxy for the corporate-network tests (issue 13): Debian's tinyproxy,
// installed by scripts/setup.sh, started per test file on a loopback port with its own
// config and log. Chosen over an in-process Node proxy because it is what an IT
// department might run: its own HTTP parser, CONNECT handling and 407, and a log file
// written by a process that is not ours, so "the secret never reaches the proxy" is
// checked against what a proxy really records.

const TINYPROXY = '/usr/bin/tinyproxy';

export interface RunningProxy {
  /** host:port, as a PAC answer or the console's route names it. */
  readonly address: string;
  readonly url: string;
  /** Everything tinyproxy logged so far. */
  log(): Promise<string>;
  stop(): Promise<void>;
}

export interface ProxyOptions {
  /** Demand these Basic credentials (tinyproxy answers 407 without them). */
  basicAuth?: { username: string; password: string };
}

export async function startTinyproxy(options: ProxyOptions = {}): Promise<RunningProxy> {
  if (!existsSync(TINYPROXY)) throw new Error(`${TINYPROXY} is missing: run npm run setup (scripts/setup.sh installs the tinyproxy package).`);
  const dir = await mkdtemp(join(tmpdir(), 'conscent-proxy-'));
  const logFile = join(dir, 'tinyproxy.log');
  const port = await closedPort();
  const config = [
    `Port ${port}`,
    'Listen 127.0.0.1',
    'Timeout 30',
    `LogFile "${logFile}"`,
    // Info records every request line it handles (CONNECT host:port included).
    'LogLevel Info',
    'MaxClients 20',
    'Allow 127.0.0.1',
    ...(options.basicAuth ? [`BasicAuth ${options.basicAuth.username} ${options.basicAuth.password}`] : []),
  ].join('\n');
  await writeFile(join(dir, 'tinyproxy.conf'), `${config}\n`);
  const daemon = spawnGuarded(TINYPROXY, ['-d', '-c', join(dir, 'tinyproxy.conf')], { PATH: process.env.PATH ?? '/usr/bin:/bin' });
  await waitForPort(port, daemon, 'tinyproxy');
  const address = `127.0.0.1:${port}`;
  return {
    address,
    url: `http://${address}`,
    log: () => readFile(logFile, 'utf8').catch(() => ''),
    async stop() {
      await daemon.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

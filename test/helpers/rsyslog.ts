import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closedPort } from './closed-port';
import { spawnGuarded, waitForPort, type GuardedProcess } from './guarded-process';
import { makeInspectingCa } from './inspecting-ca';

// A real syslog collector for the audit forwarding tests (issue 20): Debian's rsyslogd
// (installed by scripts/setup.sh with rsyslog-gnutls), started per test file in the
// foreground with its own config, pid file and work folder, listening on loopback with
// imtcp (plain TCP, RFC 6587 framing) and a second imtcp input with the gnutls driver
// (RFC 5425) whose certificate a CA made here signed. What it receives goes to one file,
// one message a line: rsyslog's own parse of the header, a tab, then the message as
// received (%rawmsg%), so a test checks both that rsyslog read it as RFC 5424 and what
// the console sent, byte for byte.

const RSYSLOGD = '/usr/sbin/rsyslogd';

export interface ReceivedMessage {
  /** rsyslog's parse of the header: "1" for an RFC 5424 message. */
  version: string;
  appName: string;
  msgId: string;
  structuredData: string;
  /** The message as the console sent it (without the octet count). */
  raw: string;
}

export interface RunningRsyslog {
  readonly tcpPort: number;
  readonly tlsPort: number;
  /** The CA that signed the TLS listener's certificate (for "host"), PEM. */
  readonly caCert: string;
  /** Every message received so far, in the order rsyslog wrote them. */
  received(): Promise<ReceivedMessage[]>;
  /** Waits until `count` messages were received (or throws after `timeoutMs`). */
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedMessage[]>;
  /** Stops rsyslogd with SIGTERM (it drains its queue and writes what it has). */
  stop(): Promise<void>;
  /** SIGKILLs rsyslogd: whatever it held in memory is gone. */
  kill(): Promise<void>;
  /** Starts it again on the same ports, writing to the same file. */
  restart(): Promise<void>;
  /** Whether it is running (not stopped or killed by the test). */
  readonly running: boolean;
  /** Stops it and removes its folder. */
  dispose(): Promise<void>;
}

/** Reads rsyslog's output file: one message a line (version app msgid sd, tab, raw). */
export function parseReceived(text: string): ReceivedMessage[] {
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => {
      const tab = line.indexOf('\t');
      const [version = '', appName = '', msgId = '', ...sd] = line.slice(0, tab).split(' ');
      return { version, appName, msgId, structuredData: sd.join(' '), raw: line.slice(tab + 1) };
    });
}

export async function startRsyslog(): Promise<RunningRsyslog> {
  if (!existsSync(RSYSLOGD)) throw new Error(`${RSYSLOGD} is missing: run npm run setup (scripts/setup.sh installs rsyslog and rsyslog-gnutls).`);
  const dir = await mkdtemp(join(tmpdir(), 'conscent-rsyslog-'));
  const work = join(dir, 'work');
  await mkdir(work);
  const out = join(dir, 'received.log');
  const [tcpPort, tlsPort] = [await closedPort(), await closedPort()];
  const ca = await makeInspectingCa('localhost', 'Audit Collector Test CA');
  await writeFile(join(dir, 'ca.pem'), ca.caCert);
  await writeFile(join(dir, 'cert.pem'), ca.server.cert);
  await writeFile(join(dir, 'key.pem'), ca.server.key, { mode: 0o600 });
  const config = [
    `global(workDirectory="${work}" maxMessageSize="64k"`,
    `  defaultNetstreamDriverCAFile="${join(dir, 'ca.pem')}"`,
    `  defaultNetstreamDriverCertFile="${join(dir, 'cert.pem')}"`,
    `  defaultNetstreamDriverKeyFile="${join(dir, 'key.pem')}")`,
    'module(load="imtcp" maxSessions="50")',
    `input(type="imtcp" address="127.0.0.1" port="${tcpPort}")`,
    `input(type="imtcp" address="127.0.0.1" port="${tlsPort}" streamDriver.name="gtls" streamDriver.mode="1" streamDriver.authMode="anon")`,
    'template(name="received" type="string" string="%protocol-version% %app-name% %msgid% %structured-data%\\t%rawmsg%\\n")',
    `action(type="omfile" file="${out}" template="received" flushOnTXEnd="on" asyncWriting="off")`,
  ].join('\n');
  await writeFile(join(dir, 'rsyslog.conf'), `${config}\n`);
  const pidFile = join(dir, 'rsyslogd.pid');
  let daemon: GuardedProcess | undefined;

  async function start(): Promise<void> {
    await rm(pidFile, { force: true });
    daemon = spawnGuarded(RSYSLOGD, ['-n', '-f', join(dir, 'rsyslog.conf'), '-i', pidFile], { PATH: process.env.PATH ?? '/usr/bin:/bin' });
    await waitForPort(tcpPort, daemon, 'rsyslogd');
    await waitForPort(tlsPort, daemon, 'rsyslogd');
  }
  await start();

  const received = async () => parseReceived(await readFile(out, 'utf8').catch(() => ''));
  const running = {
    tcpPort,
    tlsPort,
    caCert: ca.caCert,
    received,
    async waitFor(count: number, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const got = await received();
        if (got.length >= count) return got;
        if (Date.now() > deadline) throw new Error(`rsyslog received ${got.length} messages, waited for ${count}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    async stop() {
      await daemon?.stop();
      daemon = undefined;
    },
    async kill() {
      const pid = Number((await readFile(pidFile, 'utf8')).trim());
      process.kill(pid, 'SIGKILL');
      await daemon?.exited;
      daemon = undefined;
    },
    restart: start,
    get running() {
      return daemon !== undefined;
    },
    async dispose() {
      await running.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
  return running;
}

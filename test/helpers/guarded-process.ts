import { spawn, type ChildProcess } from 'node:child_process';
import { connect } from 'node:net';

// Runs a daemon under a tiny sh guard that kills it as soon as our end of a pipe closes.
// Node cannot ask the kernel to kill children when it dies, and a vitest worker can be
// ended with a signal that skips 'exit' handlers; a closed pipe happens on any death.
//
// fd 0 of the guard: the lifeline (we never write to it). fd 3: the daemon's stdin.
// An async list in a non-interactive sh gets /dev/null as stdin, hence `exec 4<&0`.
const GUARD = [
  'exec 4<&0',
  '"$@" <&3 3<&- 4<&- &',
  'child=$!',
  '{ read -r _ <&4; kill -TERM "$child" 2>/dev/null; } 3<&- &',
  'watcher=$!',
  'exec 3<&- 4<&-',
  'wait "$child"; status=$?',
  'kill "$watcher" 2>/dev/null',
  'exit "$status"',
].join('\n');

export interface GuardedProcess {
  readonly process: ChildProcess;
  /** Everything the daemon wrote to stderr so far, for error messages. */
  stderr(): string;
  /** Resolves when the daemon has exited. */
  readonly exited: Promise<void>;
  /** Ends the daemon (SIGTERM via the guard) and waits for it. */
  stop(): Promise<void>;
}

export function spawnGuarded(command: string, args: readonly string[], env: Record<string, string>, input = ''): GuardedProcess {
  const child = spawn('/bin/sh', ['-c', GUARD, 'guard', command, ...args], {
    env,
    stdio: ['pipe', 'pipe', 'pipe', 'pipe'],
  });
  let errText = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    errText += chunk;
  });
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
  // A daemon that never reads its stdin (or has already exited) closes the pipe; writing
  // then fails with EPIPE, which would surface as an uncaught error in the test run.
  // Whether it started is judged by the readiness checks, not by this write.
  child.stdin?.on('error', () => undefined);
  const daemonInput = child.stdio[3];
  if (daemonInput && 'end' in daemonInput) {
    daemonInput.on('error', () => undefined);
    daemonInput.end(input);
  }
  return {
    process: child,
    stderr: () => errText,
    exited,
    async stop() {
      child.stdin?.end();
      await exited;
    },
  };
}

/** The first line the daemon prints on stdout; rejects if it exits first. */
export function firstLine(daemon: GuardedProcess, what: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    const stdout = daemon.process.stdout;
    stdout?.setEncoding('utf8');
    stdout?.on('data', (chunk: string) => {
      out += chunk;
      const end = out.indexOf('\n');
      if (end >= 0) resolve(out.slice(0, end).trim());
    });
    void daemon.exited.then(() => reject(new Error(`${what} exited before it was ready: ${daemon.stderr().trim()}`)));
  });
}

/** Resolves once `daemon` accepts TCP connections on `port` (loopback), or rejects when it exits or 10 s pass. */
export function waitForPort(port: number, daemon: GuardedProcess, name: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      if (daemon.process.exitCode !== null) return reject(new Error(`${name} exited: ${daemon.stderr().trim()}`));
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve();
      });
      socket.once('error', () => {
        socket.destroy();
        if (Date.now() > deadline) reject(new Error(`${name} did not listen on ${port}: ${daemon.stderr().trim()}`));
        else setTimeout(attempt, 50);
      });
    };
    attempt();
  });
}

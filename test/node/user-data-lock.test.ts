import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Result } from '../../common/result';
import type { BridgeHandlers } from '../../main/ipc/register-bridge';
import { LOCK_FILE_NAME, acquireUserDataLock, type LockSystem } from '../../main/user-data-lock';
import { handlersOnceLocked } from '../../main/user-data-lock-handlers';

// Issue 17 item 9: two consoles started on one user-data folder. The second, whatever its
// binary (Electron's single-instance lock only knows the same one), reads and writes
// nothing and says which console holds the folder; it goes on once that one has closed.
// A lock left by a killed console does not block the next one. Real processes throughout.

const CHILD = fileURLToPath(new URL('../helpers/user-data-console-child.ts', import.meta.url));

let dir: string;
let userData: string;
const started: ChildProcessWithoutNullStreams[] = [];
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cc-lock-'));
  userData = join(dir, 'user-data');
});
afterEach(async () => {
  for (const child of started.splice(0)) {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('close', resolve));
    }
  }
  await rm(dir, { recursive: true, force: true });
});

type Console = {
  pid: number;
  call: (op: string, payload?: unknown) => Promise<Result<unknown>>;
  quit: () => Promise<void>;
  kill: () => Promise<void>;
};

/** A console's main process over `userData`, in a process of its own. */
async function startConsole(): Promise<Console> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, userData, join(dir, 'logs')], { stdio: ['pipe', 'pipe', 'pipe'] });
  started.push(child);
  const answers: string[] = [];
  const waiting: ((line: string) => void)[] = [];
  createInterface({ input: child.stdout }).on('line', (line) => {
    const next = waiting.shift();
    if (next) next(line);
    else answers.push(line);
  });
  const nextLine = () => new Promise<string>((resolve) => (answers.length > 0 ? resolve(answers.shift()!) : waiting.push(resolve)));
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
  const ready = await Promise.race([nextLine(), exited.then(() => `exited: ${stderr}`)]);
  if (ready !== 'ready') throw new Error(`console did not start: ${ready}`);
  return {
    pid: child.pid!,
    async call(op, payload) {
      child.stdin.write(`${JSON.stringify({ op, payload })}\n`);
      return JSON.parse(await nextLine()) as Result<unknown>;
    },
    async quit() {
      child.stdin.end();
      await exited;
    },
    async kill() {
      child.kill('SIGKILL');
      await exited;
    },
  };
}

const settingsFile = () => readFile(join(userData, 'settings.json'), 'utf8');
const lockHolder = async () => (JSON.parse(await readFile(join(userData, LOCK_FILE_NAME), 'utf8')) as { pid: number }).pid;

describe('two consoles on one user-data folder', () => {
  it('the second is refused, says which console has the folder, writes nothing, and goes on once the first has closed', async () => {
    const first = await startConsole();
    expect(await first.call('saveHistorySettings', { displayName: 'First', retentionDays: 90 })).toMatchObject({ ok: true });
    expect(await first.call('listHistory', { filter: {}, page: { offset: 0, limit: 10 } })).toMatchObject({ ok: true });
    const settings = await settingsFile();

    const second = await startConsole();
    const refused = {
      ok: false,
      error: { kind: 'data-folder-in-use', path: userData, lockedBy: { pid: first.pid, machine: hostname(), since: expect.any(String) } },
    };
    expect(await second.call('listConnections')).toEqual(refused);
    expect(await second.call('saveHistorySettings', { displayName: 'Second', retentionDays: 30 })).toEqual(refused);
    expect(await second.call('clearHistory', { confirm: true })).toEqual(refused);
    expect(await settingsFile()).toBe(settings);
    expect(await first.call('getHistorySettings', {})).toMatchObject({ ok: true, value: { displayName: 'First', retentionDays: 90 } });

    await first.quit();
    // "Try again" in the second console: it now holds the folder and sees the first one's settings.
    expect(await second.call('getHistorySettings', {})).toMatchObject({ ok: true, value: { displayName: 'First', retentionDays: 90 } });
    expect(await lockHolder()).toBe(second.pid);
  });

  it('a lock left by a killed console does not block the next one', async () => {
    const killed = await startConsole();
    expect(await killed.call('listConnections')).toMatchObject({ ok: true });
    await killed.kill();
    expect(await lockHolder()).toBe(killed.pid); // left behind

    const next = await startConsole();
    expect(await next.call('listConnections')).toMatchObject({ ok: true });
    expect(await lockHolder()).toBe(next.pid);
  });
});

describe('what makes a lock stale', () => {
  const system = (over: Partial<LockSystem> = {}): LockSystem => ({
    pid: 1000,
    machine: 'desk-12',
    now: () => new Date('2025-11-12T10:00:00Z'),
    bootedAt: () => Date.parse('2025-11-12T08:00:00Z'),
    isAlive: () => true,
    ...over,
  });
  const lockOf = (holder: object) => writeFile(join(userData, LOCK_FILE_NAME), JSON.stringify(holder));
  const holder = { pid: 2000, machine: 'desk-12', since: '2025-11-12T09:00:00Z', bootedAt: Date.parse('2025-11-12T08:00:00Z') };

  it('a live console on this computer holds it; one from before a restart of the computer does not', async () => {
    await mkdir(userData, { recursive: true });
    await lockOf(holder);
    expect(acquireUserDataLock(userData, system())).toMatchObject({ ok: false, holder: { pid: 2000 } });
    await lockOf({ ...holder, bootedAt: Date.parse('2025-11-01T08:00:00Z') });
    expect(acquireUserDataLock(userData, system()).ok).toBe(true);
  });

  it('a console on another computer sharing the folder is respected even if no such process runs here', async () => {
    await mkdir(userData, { recursive: true });
    await lockOf({ ...holder, machine: 'desk-99' });
    expect(acquireUserDataLock(userData, system({ isAlive: () => false }))).toMatchObject({ ok: false, holder: { machine: 'desk-99' } });
  });
});

describe('a data folder that cannot be used', () => {
  it('is the settings error naming the folder and the cause, never a crash, and nothing is wired', async () => {
    const blocker = join(dir, 'a-file');
    await writeFile(blocker, 'a file where a folder should be');
    let wired = 0;
    const handlers = handlersOnceLocked(join(blocker, 'user-data'), () => {
      wired += 1;
      return {} as BridgeHandlers;
    });
    expect(await handlers.listConnections()).toEqual({
      ok: false,
      error: { kind: 'settings', reason: 'settings-unwritable', path: join(blocker, 'user-data'), code: 'ENOTDIR' },
    });
    expect(wired).toBe(0);
  });
});

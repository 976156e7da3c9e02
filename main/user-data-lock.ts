import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { hostname, uptime } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';

// One console per user-data folder. Two consoles writing one history would interleave
// their lines and break each other's chain; two writing settings.json would lose each
// other's changes. Electron's single-instance lock only covers a second copy of the same
// binary, so main takes its own lock: a file created exclusively in the folder, holding
// the owner's process id, computer and boot time. A lock whose owner is gone (a console
// killed, or a computer restarted since) is stale and taken over; any other is respected.

export const LOCK_FILE_NAME = 'console.lock';

const LockFile = z.object({ pid: z.number().int().positive(), machine: z.string(), since: z.string(), bootedAt: z.number() });
export type LockHolder = z.infer<typeof LockFile>;

export type LockResult = { ok: true } | { ok: false; holder: LockHolder | undefined; path: string };

/** What the lock asks of the system; tests replace parts of it. */
export interface LockSystem {
  pid: number;
  machine: string;
  now(): Date;
  /** When this computer started, in ms since the epoch (to within a few seconds). */
  bootedAt(): number;
  isAlive(pid: number): boolean;
}

export const NODE_LOCK_SYSTEM: LockSystem = {
  pid: process.pid,
  machine: hostname(),
  now: () => new Date(),
  bootedAt: () => Date.now() - uptime() * 1000,
  isAlive(pid) {
    try {
      process.kill(pid, 0); // signal 0: only asks whether the process exists
      return true;
    } catch (error) {
      // EPERM: it exists, under another user.
      return (error as NodeJS.ErrnoException).code === 'EPERM';
    }
  },
};

/** Two readings of the boot time differ by the clock's drift and rounding; a restart moves it by far more. */
const SAME_BOOT_MS = 60_000;
/** A lock file still empty after this long was left by a console killed while creating it. */
const EMPTY_LOCK_STALE_MS = 10_000;

const held = new Set<string>();
let releaseOnExit = false;

function readHolder(path: string): LockHolder | undefined {
  try {
    return LockFile.parse(JSON.parse(readFileSync(path, 'utf8')));
  } catch {
    return undefined;
  }
}

/** Whether the lock at `path` belongs to no running console (and may be taken over). */
function isStale(path: string, holder: LockHolder | undefined, system: LockSystem): boolean {
  if (!holder) {
    // Empty or garbled: a console killed between creating and writing it, once it is old enough.
    try {
      return system.now().getTime() - statSync(path).mtimeMs > EMPTY_LOCK_STALE_MS;
    } catch {
      return true; // gone already
    }
  }
  // A console on another computer (a shared or network home folder) cannot be checked.
  if (holder.machine !== system.machine) return false;
  // This very process: a console wired again in one process (a test harness restarting it).
  if (holder.pid === system.pid) return true;
  if (Math.abs(holder.bootedAt - system.bootedAt()) > SAME_BOOT_MS) return true;
  return !system.isAlive(holder.pid);
}

/**
 * Takes the user-data folder for this process, or says who has it. Synchronous: it runs
 * once at startup, before anything in the folder is read or written. The lock is removed
 * when the process exits; a killed process leaves it, and the next console finds it stale.
 */
export function acquireUserDataLock(dir: string, system: LockSystem = NODE_LOCK_SYSTEM): LockResult {
  const path = join(dir, LOCK_FILE_NAME);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  // Twice at most: once more after removing a stale lock. Losing that race to another
  // console starting at the same moment means the folder is in use, which it is.
  for (let attempt = 0; attempt < 2; attempt += 1) {
    let fd: number;
    try {
      fd = openSync(path, 'wx', 0o600);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = readHolder(path);
      if (!isStale(path, holder, system)) return { ok: false, holder, path };
      try {
        unlinkSync(path);
      } catch (unlinkError) {
        if ((unlinkError as NodeJS.ErrnoException).code !== 'ENOENT') throw unlinkError;
      }
      continue;
    }
    try {
      const mine: LockHolder = {
        pid: system.pid,
        machine: system.machine,
        since: system.now().toISOString(),
        bootedAt: Math.round(system.bootedAt()),
      };
      writeSync(fd, `${JSON.stringify(mine)}\n`);
      fsyncSync(fd);
    } catch (error) {
      // A full disk: an empty lock would hold the folder for nobody until it went stale.
      closeSync(fd);
      unlinkSync(path);
      throw error;
    }
    closeSync(fd);
    holdUntilExit(path, system.pid);
    return { ok: true };
  }
  return { ok: false, holder: readHolder(path), path };
}

function holdUntilExit(path: string, pid: number): void {
  held.add(path);
  if (releaseOnExit) return;
  releaseOnExit = true;
  process.once('exit', () => {
    for (const lock of held) {
      // Only our own: never a lock another console took over after ours went stale.
      if (readHolder(lock)?.pid !== pid) continue;
      try {
        unlinkSync(lock);
      } catch {
        // Already gone; nothing to release.
      }
    }
  });
}

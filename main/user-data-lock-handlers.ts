import { OPERATION_NAMES } from '../common/contract';
import { fail, type BridgeError } from '../common/result';
import type { BridgeHandlers } from './ipc/register-bridge';
import { acquireUserDataLock, type LockResult, type LockSystem } from './user-data-lock';

// The bridge of a console that may not own its user-data folder yet. The real services
// are wired only once this console holds the folder's lock; until then every operation
// answers `data-folder-in-use` (the page says which console has it) and reads or writes
// nothing. Each call tries the lock again, so "Try again" works once the other console
// has closed: the second console waits, it never writes beside the first.

export function folderInUse(lock: Extract<LockResult, { ok: false }>, dir: string): BridgeError {
  const { holder } = lock;
  return {
    kind: 'data-folder-in-use',
    path: dir,
    ...(holder ? { lockedBy: { pid: holder.pid, machine: holder.machine, since: holder.since } } : {}),
  };
}

export function handlersOnceLocked(dir: string, wire: () => BridgeHandlers, system?: LockSystem): BridgeHandlers {
  let handlers: BridgeHandlers | undefined;
  const take = (): BridgeHandlers | BridgeError => {
    if (handlers) return handlers;
    let lock: LockResult;
    try {
      lock = acquireUserDataLock(dir, system);
    } catch (error) {
      // The folder cannot be created or written (permissions, a full disk): said as for the settings file in it.
      return { kind: 'settings', reason: 'settings-unwritable', path: dir, code: (error as NodeJS.ErrnoException).code ?? 'unknown error' };
    }
    if (!lock.ok) return folderInUse(lock, dir);
    handlers = wire();
    return handlers;
  };
  take(); // a console that owns its folder is wired at once, as before
  const guarded = Object.fromEntries(
    OPERATION_NAMES.map((name) => [
      name,
      (payload?: unknown) => {
        const current = take();
        if ('kind' in current) return Promise.resolve(fail(current as BridgeError));
        return (current[name] as (payload?: unknown) => Promise<unknown>)(payload);
      },
    ]),
  );
  return guarded as BridgeHandlers;
}

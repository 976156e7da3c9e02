import { fork } from 'node:child_process';
import type { KeytarLike } from './credential-store';
import type { DisposableKeytar } from './keytar-reconnect';
import { KeytarAnswer, type KeytarRequest } from './keytar-helper-protocol';

/** The part of a child process main needs: Electron's UtilityProcess and Node's ChildProcess both fit through an adapter. */
export interface HelperChannel {
  post(message: KeytarRequest): void;
  onMessage(listener: (message: unknown) => void): void;
  onExit(listener: () => void): void;
  kill(): void;
}

/** keytar's API, answered by a helper process (main/keytar-helper.ts). */
export function keytarOverChannel(channel: HelperChannel): DisposableKeytar {
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  let nextId = 0;
  let gone = false;

  channel.onMessage((raw) => {
    const parsed = KeytarAnswer.safeParse(raw);
    if (!parsed.success) return;
    const waiting = pending.get(parsed.data.id);
    if (!waiting) return;
    pending.delete(parsed.data.id);
    if (parsed.data.ok) waiting.resolve(parsed.data.value);
    else waiting.reject(new Error(parsed.data.message));
  });
  channel.onExit(() => {
    gone = true;
    // Read as a stale connection, so the next call starts a fresh helper.
    for (const waiting of pending.values()) waiting.reject(new Error('The keychain helper process ended: connection is closed.'));
    pending.clear();
  });

  const call = (operation: KeytarRequest['operation'], args: string[]): Promise<unknown> => {
    if (gone) return Promise.reject(new Error('The keychain helper process ended: connection is closed.'));
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      channel.post({ id, operation, args });
    });
  };

  const keytar: KeytarLike = {
    getPassword: async (service, account) => {
      const value = await call('getPassword', [service, account]);
      return typeof value === 'string' ? value : null;
    },
    setPassword: async (service, account, password) => {
      await call('setPassword', [service, account, password]);
    },
    deletePassword: async (service, account) => (await call('deletePassword', [service, account])) === true,
    findCredentials: async (service) => {
      const value = await call('findCredentials', [service]);
      return Array.isArray(value)
        ? value.filter(
            (entry): entry is { account: string; password: string } => typeof entry?.account === 'string' && typeof entry?.password === 'string',
          )
        : [];
    },
  };
  return {
    ...keytar,
    close() {
      gone = true;
      channel.kill();
    },
  };
}

/** A helper started with Node's fork (tests, the preview); production uses Electron's utilityProcess. */
export function forkKeytarHelper(modulePath: string, execArgv: string[] = []): DisposableKeytar {
  const child = fork(modulePath, [], { execArgv, stdio: ['ignore', 'ignore', 'inherit', 'ipc'], serialization: 'json' });
  return keytarOverChannel({
    post: (message) => child.send(message),
    onMessage: (listener) => child.on('message', listener),
    onExit: (listener) => child.once('exit', listener),
    kill: () => child.kill(),
  });
}

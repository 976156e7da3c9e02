import type { IpcInvokeEventLike, IpcMainLike } from '../../main/ipc/register-bridge';

type Listener = (event: IpcInvokeEventLike, payload: unknown) => Promise<unknown>;

/** Stands in for Electron's ipcMain: records handlers and lets a test invoke them as a frame would. */
export class FakeIpcMain implements IpcMainLike {
  readonly handlers = new Map<string, Listener>();

  handle(channel: string, listener: Listener): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, listener);
  }

  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }

  invoke(channel: string, payload: unknown, senderUrl: string | null): Promise<unknown> {
    const listener = this.handlers.get(channel);
    if (!listener) return Promise.reject(new Error(`No handler registered for '${channel}'`));
    return listener({ senderFrame: senderUrl === null ? null : { url: senderUrl } }, payload);
  }
}

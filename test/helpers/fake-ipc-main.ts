import type { BridgeTrust, IpcInvokeEventLike, IpcMainLike } from '../../main/ipc/register-bridge';

type Listener = (event: IpcInvokeEventLike, payload: unknown) => Promise<unknown>;

/** Stands in for Electron's ipcMain: records handlers and lets a test invoke them as a frame would. */
export class FakeIpcMain implements IpcMainLike {
  readonly handlers = new Map<string, Listener>();
  /**
   * Stands in for the main window's webContents: `invoke` calls come from it. A stand-in
   * Electron sets it to its window's webContents, as the app's own check compares those.
   */
  mainWindow: unknown = { name: 'main window' };

  handle(channel: string, listener: Listener): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, listener);
  }

  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }

  /** The trust the app gives: `isAppPage` for URLs, and this fake's main window as the only window. */
  trust(isAppPage: (url: string) => boolean): BridgeTrust {
    return { isAppPage, isConsoleWindow: (sender) => sender === this.mainWindow };
  }

  /** A call from the top frame of the main window, showing `senderUrl` (null: the frame is gone). */
  invoke(channel: string, payload: unknown, senderUrl: string | null): Promise<unknown> {
    return this.invokeFrom(channel, payload, {
      sender: this.mainWindow,
      senderFrame: senderUrl === null ? null : { url: senderUrl, parent: null },
    });
  }

  /** A call with the event spelled out: another window, a subframe. */
  invokeFrom(channel: string, payload: unknown, event: IpcInvokeEventLike): Promise<unknown> {
    const listener = this.handlers.get(channel);
    if (!listener) return Promise.reject(new Error(`No handler registered for '${channel}'`));
    return listener(event, payload);
  }
}

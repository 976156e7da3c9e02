import { BRIDGE_CHANNELS, OPERATION_NAMES, type OperationName, type ResultOf } from '../../common/contract';
import type { Result } from '../../common/result';
import { isTrustedSender, type BridgeTrust, type IpcInvokeEventLike } from './sender-check';

export type { BridgeTrust, IpcInvokeEventLike } from './sender-check';

// The subset of Electron's ipcMain and its invoke event that the bridge uses. Passing
// these in keeps this module testable in plain Node, where Electron cannot be loaded.
export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcInvokeEventLike, payload: unknown) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

/** A handler per operation; each takes the untrusted payload and validates it itself. */
export type BridgeHandlers = {
  [K in OperationName]: (payload?: unknown) => Promise<Result<ResultOf<K>>>;
};

const REJECTED: Result<never> = {
  ok: false,
  error: { kind: 'rejected-sender' },
};

const UNEXPECTED: Result<never> = {
  ok: false,
  error: { kind: 'unexpected-response', reason: 'console-fault' },
};

/**
 * Registers one ipcMain handler per operation of the contract. Calls from anything but
 * the app page in a console window's top frame are refused before their payload is looked
 * at. Returns an unregister function.
 */
export function registerBridge(ipcMain: IpcMainLike, handlers: BridgeHandlers, trust: BridgeTrust): () => void {
  for (const name of OPERATION_NAMES) {
    const channel = BRIDGE_CHANNELS[name];
    const handler = handlers[name] as (payload: unknown) => Promise<unknown>;
    ipcMain.handle(channel, async (event, payload) => {
      if (!isTrustedSender(event, trust)) return REJECTED;
      try {
        return await handler(payload);
      } catch {
        // Handlers answer with data; should one throw anyway, Electron would forward
        // the raw error text to the renderer. Send a plain failure instead.
        return UNEXPECTED;
      }
    });
  }
  return () => {
    for (const name of OPERATION_NAMES) ipcMain.removeHandler(BRIDGE_CHANNELS[name]);
  };
}

import { APP_EVENT_CHANNEL, type AppEvent } from '../common/app-events';
import { BRIDGE_CHANNELS, OPERATION_NAMES, takesNoRequest } from '../common/channels';
import type { ConsoleBridge } from '../common/contract';

// The sandboxed preload cannot load zod, so this module only imports the channel names
// (and types, which vanish at build time). Main validates every request itself.

/** Sends one request on one channel and resolves with main's answer. */
export type BridgeInvoke = (channel: string, ...request: [] | [unknown]) => Promise<unknown>;

/** Listens on one channel main sends on (ipcRenderer.on), passing on only the payload. */
export type BridgeListen = (channel: string, listener: (payload: unknown) => void) => void;

/**
 * Builds the object the page sees as `window.conscent`: one method per operation of the
 * table (common/channels.ts), each forwarding exactly its one argument to its own channel
 * (nothing for WITHOUT_REQUEST). Extra arguments are dropped, so the page cannot choose a
 * channel or smuggle anything else over IPC.
 */
export function buildBridge(invoke: BridgeInvoke, listen: BridgeListen = () => undefined): ConsoleBridge {
  const bridge: Record<string, unknown> = {};
  for (const name of OPERATION_NAMES) {
    const channel = BRIDGE_CHANNELS[name];
    bridge[name] = takesNoRequest(name) ? () => invoke(channel) : (request: unknown) => invoke(channel, request);
  }
  bridge.onAppEvent = createAppEventRelay(listen);
  // The answer's type is main's promise (see common/contract.ts); IPC cannot carry types.
  // That the object has every operation is checked by test/node/preload-bridge.test.ts.
  return Object.freeze(bridge) as unknown as ConsoleBridge;
}

/**
 * The page's one subscription (common/app-events.ts): only APP_EVENT_CHANNEL, only the
 * payload (never Electron's event object). The preload listens from before the page's
 * scripts run; what arrives before the page subscribes is kept and handed over just
 * after it does, so a link that opened the console is not lost while React starts.
 */
function createAppEventRelay(listen: BridgeListen): ConsoleBridge['onAppEvent'] {
  const listeners = new Set<(event: AppEvent) => void>();
  const waiting: AppEvent[] = [];
  const deliver = (event: AppEvent) => {
    for (const listener of listeners) listener(event);
  };
  listen(APP_EVENT_CHANNEL, (payload) => {
    if (listeners.size === 0) waiting.push(payload as AppEvent);
    else deliver(payload as AppEvent);
  });
  return (listener) => {
    if (typeof listener !== 'function') return () => undefined;
    listeners.add(listener);
    // After the subscribing call returns (a page that subscribes, unsubscribes and
    // subscribes again in one go, as React's StrictMode does, gets them once).
    if (waiting.length > 0) {
      queueMicrotask(() => {
        if (listeners.size > 0) for (const event of waiting.splice(0)) deliver(event);
      });
    }
    return () => void listeners.delete(listener);
  };
}

import { APP_EVENT_CHANNEL, type AppEvent } from '../common/app-events';
import { BRIDGE_CHANNELS } from '../common/channels';
import type { ConsoleBridge, OperationName } from '../common/contract';

// The sandboxed preload cannot load zod, so this module only imports the channel names
// (and types, which vanish at build time). Main validates every request itself.

/** Sends one request on one channel and resolves with main's answer. */
export type BridgeInvoke = (channel: string, ...request: [] | [unknown]) => Promise<unknown>;

/** Listens on one channel main sends on (ipcRenderer.on), passing on only the payload. */
export type BridgeListen = (channel: string, listener: (payload: unknown) => void) => void;

type Answer<K extends OperationName> = ReturnType<ConsoleBridge[K]>;
type RequestOf<K extends OperationName> = Parameters<ConsoleBridge[K]>[0];

/**
 * Builds the object the page sees as `window.conscent`: one method per operation, each
 * forwarding exactly its one argument to its own channel. Extra arguments are dropped,
 * so the page cannot choose a channel or smuggle anything else over IPC.
 */
export function buildBridge(invoke: BridgeInvoke, listen: BridgeListen = () => undefined): ConsoleBridge {
  // The answer's type is main's promise (see common/contract.ts); IPC cannot carry types.
  const forward =
    <K extends Exclude<OperationName, 'listConnections'>>(name: K) =>
    (request: RequestOf<K>) =>
      invoke(BRIDGE_CHANNELS[name], request) as Answer<K>;

  // A literal typed as ConsoleBridge: a missing or extra operation is a compile error.
  const bridge: ConsoleBridge = {
    listConnections: () => invoke(BRIDGE_CHANNELS.listConnections) as Answer<'listConnections'>,
    saveConnection: forward('saveConnection'),
    deleteConnection: forward('deleteConnection'),
    selectConnection: forward('selectConnection'),
    testConnection: forward('testConnection'),
    lookupReader: forward('lookupReader'),
    openReader: forward('openReader'),
    updateReader: forward('updateReader'),
    listHistory: forward('listHistory'),
    exportHistory: forward('exportHistory'),
    prepareRevert: forward('prepareRevert'),
    getHistorySettings: forward('getHistorySettings'),
    saveHistorySettings: forward('saveHistorySettings'),
    clearHistory: forward('clearHistory'),
    bulkChooseFile: forward('bulkChooseFile'),
    bulkValidate: forward('bulkValidate'),
    bulkStart: forward('bulkStart'),
    bulkControl: forward('bulkControl'),
    bulkProgress: forward('bulkProgress'),
    bulkResults: forward('bulkResults'),
    bulkExport: forward('bulkExport'),
    bulkInterrupted: forward('bulkInterrupted'),
    listRecentReaders: forward('listRecentReaders'),
    clearRecentReaders: forward('clearRecentReaders'),
    onAppEvent: createAppEventRelay(listen),
  };
  return Object.freeze(bridge);
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

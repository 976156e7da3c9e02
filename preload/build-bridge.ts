import { BRIDGE_CHANNELS } from '../common/channels';
import type { ConsoleBridge, OperationName } from '../common/contract';

// The sandboxed preload cannot load zod, so this module only imports the channel names
// (and types, which vanish at build time). Main validates every request itself.

/** Sends one request on one channel and resolves with main's answer. */
export type BridgeInvoke = (channel: string, ...request: [] | [unknown]) => Promise<unknown>;

type Answer<K extends OperationName> = ReturnType<ConsoleBridge[K]>;
type RequestOf<K extends OperationName> = Parameters<ConsoleBridge[K]>[0];

/**
 * Builds the object the page sees as `window.conscent`: one method per operation, each
 * forwarding exactly its one argument to its own channel. Extra arguments are dropped,
 * so the page cannot choose a channel or smuggle anything else over IPC.
 */
export function buildBridge(invoke: BridgeInvoke): ConsoleBridge {
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
  };
  return Object.freeze(bridge);
}

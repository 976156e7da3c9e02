import type { ConsoleBridge } from '../../../common/contract';
import type { Result } from '../../../common/result';

// The bridge promises never to throw, but an IPC failure (main crashed, handler missing)
// still rejects in Electron. Every call goes through here so the UI only ever sees a
// Result and never has to guess what an exception means.

/** "The bridge call itself failed" (not ConsCent): its own kind, so nothing blames ConsCent. */
const UNANSWERED: Result<never> = { ok: false, error: { kind: 'no-answer' } };

function looksLikeResult(value: unknown): value is Result<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { ok?: unknown }).ok === 'boolean';
}

export async function callSafely<T>(call: () => Promise<Result<T>>): Promise<Result<T>> {
  try {
    const result: unknown = await call();
    // A value of the wrong shape is as useless as a rejection: treat it the same.
    return looksLikeResult(result) ? (result as Result<T>) : UNANSWERED;
  } catch {
    return UNANSWERED;
  }
}

/** Wraps every operation of a bridge with callSafely; spelled out so it stays typed. */
export function makeSafeBridge(bridge: ConsoleBridge): ConsoleBridge {
  return {
    listConnections: () => callSafely(() => bridge.listConnections()),
    saveConnection: (request) => callSafely(() => bridge.saveConnection(request)),
    deleteConnection: (request) => callSafely(() => bridge.deleteConnection(request)),
    selectConnection: (request) => callSafely(() => bridge.selectConnection(request)),
    testConnection: (request) => callSafely(() => bridge.testConnection(request)),
    lookupReader: (request) => callSafely(() => bridge.lookupReader(request)),
    openReader: (request) => callSafely(() => bridge.openReader(request)),
    updateReader: (request) => callSafely(() => bridge.updateReader(request)),
    listHistory: (request) => callSafely(() => bridge.listHistory(request)),
    exportHistory: (request) => callSafely(() => bridge.exportHistory(request)),
    prepareRevert: (request) => callSafely(() => bridge.prepareRevert(request)),
    getHistorySettings: (request) => callSafely(() => bridge.getHistorySettings(request)),
    saveHistorySettings: (request) => callSafely(() => bridge.saveHistorySettings(request)),
    clearHistory: (request) => callSafely(() => bridge.clearHistory(request)),
    bulkChooseFile: (request) => callSafely(() => bridge.bulkChooseFile(request)),
    bulkValidate: (request) => callSafely(() => bridge.bulkValidate(request)),
    bulkStart: (request) => callSafely(() => bridge.bulkStart(request)),
    bulkControl: (request) => callSafely(() => bridge.bulkControl(request)),
    bulkProgress: (request) => callSafely(() => bridge.bulkProgress(request)),
    bulkResults: (request) => callSafely(() => bridge.bulkResults(request)),
    bulkExport: (request) => callSafely(() => bridge.bulkExport(request)),
    bulkInterrupted: (request) => callSafely(() => bridge.bulkInterrupted(request)),
    listRecentReaders: (request) => callSafely(() => bridge.listRecentReaders(request)),
    clearRecentReaders: (request) => callSafely(() => bridge.clearRecentReaders(request)),
    // A preload without the subscription (or one that throws) only means no links arrive.
    onAppEvent: (listener) => {
      try {
        const unsubscribe: unknown = bridge.onAppEvent(listener);
        return typeof unsubscribe === 'function' ? (unsubscribe as () => void) : () => undefined;
      } catch {
        return () => undefined;
      }
    },
  };
}

import type { z } from 'zod';
import { REQUEST_SCHEMAS } from '../../common/contract';
import { fail, invalidInput, ok, type BridgeError, type Result } from '../../common/result';
import type { BulkService } from '../bulk/bulk-service';
import type { ConnectionService } from '../connections/connection-service';
import type { HistoryService } from '../history/history-service';
import { toBridgeError } from '../errors/console-failure';
import type { Logger } from '../logging/logger';
import type { ReaderService } from '../readers/reader-service';
import type { RecentReaders } from '../readers/recent-readers';
import type { BridgeHandlers } from './register-bridge';

// The IPC adapter, and only that: each handler validates its untrusted payload against
// the contract's schema, runs one use-case (main/connections, main/readers), and answers
// with a Result. Nothing thrown ever crosses IPC, nothing secret is ever returned, and
// an error is bounded in size and logged by kind.

export interface BridgeServices {
  connections: ConnectionService;
  readers: ReaderService;
  history: HistoryService;
  bulk: BulkService;
  recent: RecentReaders;
  logger: Logger;
}

type Schemas = typeof REQUEST_SCHEMAS;
type Valid<K extends keyof Schemas> = Schemas[K] extends z.ZodType ? z.output<Schemas[K]> : never;

export function createBridgeHandlers({ connections, readers, history, bulk, recent, logger }: BridgeServices): BridgeHandlers {
  /** Validates the payload, runs the use-case, and turns any failure into data. */
  function operation<K extends keyof Schemas, T>(name: K, run: (request: Valid<K>) => Promise<T>): (payload: unknown) => Promise<Result<T>> {
    const schema = REQUEST_SCHEMAS[name] as z.ZodType | null;
    return async (payload) => {
      const parsed = schema ? schema.safeParse(payload) : { success: true as const, data: undefined };
      if (!parsed.success) {
        logger.warn('bridge.invalid-input', { operation: name });
        return fail(bounded(invalidInput(parsed.error)));
      }
      try {
        return ok(await run(parsed.data as Valid<K>));
      } catch (error) {
        const bridgeError = toBridgeError(error);
        logger.warn('bridge.failed', { operation: name, kind: bridgeError.kind });
        return fail(bounded(bridgeError));
      }
    };
  }

  return {
    listConnections: operation('listConnections', () => connections.list()),
    saveConnection: operation('saveConnection', (request) => connections.save(request)),
    deleteConnection: operation('deleteConnection', async ({ id }) => {
      await connections.remove(id);
      return { id };
    }),
    selectConnection: operation('selectConnection', async ({ id }) => {
      await connections.select(id);
      return { id };
    }),
    testConnection: operation('testConnection', (request) => connections.test(request)),
    lookupReader: operation('lookupReader', ({ connectionId, query, searchId }) => readers.lookup(connectionId, query, searchId)),
    openReader: operation('openReader', ({ connectionId, userId }) => readers.open(connectionId, userId)),
    updateReader: operation('updateReader', ({ connectionId, userId, changes, revertOf }) => readers.update(connectionId, userId, changes, revertOf)),
    listHistory: operation('listHistory', ({ filter, page }) => history.list(filter, page.offset, page.limit)),
    exportHistory: operation('exportHistory', ({ filter }) => history.exportCsv(filter)),
    prepareRevert: operation('prepareRevert', ({ entryId }) => history.prepareRevert(entryId)),
    getHistorySettings: operation('getHistorySettings', () => history.settings()),
    saveHistorySettings: operation('saveHistorySettings', (preferences) => history.saveSettings(preferences)),
    clearHistory: operation('clearHistory', () => history.clear()),
    bulkChooseFile: operation('bulkChooseFile', () => bulk.chooseFile()),
    bulkValidate: operation('bulkValidate', (request) => bulk.validate(request)),
    bulkStart: operation('bulkStart', (request) => bulk.start(request)),
    bulkControl: operation('bulkControl', async (request) => bulk.control(request)),
    bulkProgress: operation('bulkProgress', (request) => bulk.progress(request)),
    bulkResults: operation('bulkResults', (request) => bulk.results(request)),
    bulkExport: operation('bulkExport', (request) => bulk.export(request)),
    bulkInterrupted: operation('bulkInterrupted', () => bulk.interrupted()),
    listRecentReaders: operation('listRecentReaders', ({ connectionId }) => recent.list(connectionId)),
    clearRecentReaders: operation('clearRecentReaders', async ({ connectionId }) => {
      await recent.clear(connectionId);
      return recent.list(connectionId);
    }),
  };
}

const MAX_TEXT = 500;
const MAX_FIELDS = 30;
const MAX_FIELD_KEY = 120;
const MAX_FIELD_MESSAGE = 300;

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/**
 * Caps what an error sends back over IPC. Validation messages can quote the payload
 * (zod names unrecognised keys verbatim), so a hostile or buggy caller could otherwise
 * get megabytes echoed back for every call.
 */
function bounded(error: BridgeError): BridgeError {
  const result: BridgeError = { ...error };
  for (const key of ['apiMessage', 'host', 'code', 'boundOrigin', 'targetOrigin', 'path', 'userId'] as const) {
    const value = result[key];
    if (value !== undefined) result[key] = clip(value, MAX_TEXT);
  }
  if (error.fields) {
    result.fields = Object.fromEntries(
      Object.entries(error.fields)
        .slice(0, MAX_FIELDS)
        .map(([key, message]) => [clip(key, MAX_FIELD_KEY), clip(message, MAX_FIELD_MESSAGE)]),
    );
  }
  return result;
}

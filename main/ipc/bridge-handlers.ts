import type { z } from 'zod';
import { OPERATION_NAMES, REQUEST_SCHEMAS, type OperationName, type ResultOf, type ValidRequestOf } from '../../common/contract';
import { fail, invalidInput, ok, type BridgeError, type Result } from '../../common/result';
import type { BulkService } from '../bulk/bulk-service';
import type { ConnectionService } from '../connections/connection-service';
import type { HistoryService } from '../history/history-service';
import { toBridgeError } from '../errors/console-failure';
import type { Logger } from '../logging/logger';
import type { ReaderService } from '../readers/reader-service';
import type { RecentReaders } from '../readers/recent-readers';
import { findLocalReaders } from '../readers/local-reader-search';
import type { BridgeHandlers } from './register-bridge';
import type { TeamLogService } from '../audit/team-log-service';
import type { OpenReaderWindowRequest, OpenReaderWindowResult } from '../../common/windows-contract';
import type { PolicyView } from '../../common/policy-contract';
import { MAIN_STAGES, stage, stageSync } from '../timing/stage-spans';

// The IPC adapter, and only that: for every operation of the table (common/channels.ts),
// a handler that validates its untrusted payload against the table's schema, runs one
// use-case (main/connections, main/readers, ...), and answers with a Result. Nothing
// thrown ever crosses IPC, nothing secret is ever returned, and an error is bounded in
// size and logged by kind.

export interface BridgeServices {
  connections: ConnectionService;
  readers: ReaderService;
  history: HistoryService;
  bulk: BulkService;
  recent: RecentReaders;
  teamLog: TeamLogService;
  /** Opens a reader in a new console window (main/window/console-windows.ts); refused where there are no windows. */
  windows: { openReader(request: OpenReaderWindowRequest): Promise<OpenReaderWindowResult> };
  /** What the page may know of the organisation's policy (issue 21.1). */
  policy: { view(): Promise<PolicyView> };
  logger: Logger;
}

/** What main does for each operation, given its request once validated: a use-case call. */
export type OperationImplementations = {
  [K in OperationName]: (request: ValidRequestOf<K>) => Promise<ResultOf<K>>;
};

/** Each operation of the table, wrapped so its payload is validated first and any failure is data. */
export function createBridgeHandlers(services: BridgeServices): BridgeHandlers {
  const implementations = implement(services);
  const handlers: Record<string, unknown> = {};
  for (const name of OPERATION_NAMES) {
    handlers[name] = validated(name, implementations[name] as (request: unknown) => Promise<unknown>, services.logger);
  }
  return handlers as BridgeHandlers;
}

/** Validates the payload against the table's schema, runs the use-case, and turns any failure into data. */
function validated(name: OperationName, run: (request: unknown) => Promise<unknown>, logger: Logger): (payload: unknown) => Promise<Result<unknown>> {
  const schema: z.ZodType | null = REQUEST_SCHEMAS[name];
  return async (payload) => {
    const parsed = schema ? stageSync(MAIN_STAGES.validate, () => schema.safeParse(payload), name) : { success: true as const, data: undefined };
    if (!parsed.success) {
      logger.warn('bridge.invalid-input', { operation: name });
      return fail(bounded(invalidInput(parsed.error)));
    }
    try {
      return ok(await stage(MAIN_STAGES.handler, () => run(parsed.data), name));
    } catch (error) {
      const bridgeError = toBridgeError(error);
      logger.warn('bridge.failed', { operation: name, kind: bridgeError.kind });
      return fail(bounded(bridgeError));
    }
  };
}

/** One line per operation: which use-case answers it (a missing one is a compile error). */
function implement({ connections, readers, history, bulk, recent, teamLog, windows, policy, logger }: BridgeServices): OperationImplementations {
  return {
    listConnections: () => connections.list(),
    listSavedConnections: () => connections.listSaved(),
    getTeamLogStatus: () => teamLog.state(),
    sendTeamLogTestEvent: () => teamLog.sendTestEvent(),
    openReaderWindow: (request) => windows.openReader(request),
    getPolicy: () => policy.view(),
    saveConnection: (request) => connections.save(request),
    savePresetCredentials: ({ id, credentials }) => connections.savePresetCredentials(id, credentials),
    deleteConnection: async ({ id }) => {
      await connections.remove(id);
      return { id };
    },
    selectConnection: async ({ id }) => {
      await connections.select(id);
      return { id };
    },
    testConnection: (request) => connections.test(request),
    lookupReader: ({ connectionId, query, searchId }) => readers.lookup(connectionId, query, searchId),
    openReader: ({ connectionId, userId }) => readers.open(connectionId, userId),
    updateReader: ({ connectionId, userId, changes, revertOf, ticket }) =>
      readers.update(connectionId, userId, changes, revertOf, ticket ? { ticket } : undefined),
    listHistory: ({ filter, page }) => history.list(filter, page.offset, page.limit),
    exportHistory: ({ filter }) => history.exportCsv(filter),
    prepareRevert: ({ entryId }) => history.prepareRevert(entryId),
    getHistorySettings: () => history.settings(),
    saveHistorySettings: (preferences) => history.saveSettings(preferences),
    clearHistory: () => history.clear(),
    bulkChooseFile: () => bulk.chooseFile(),
    bulkValidate: (request) => bulk.validate(request),
    bulkStart: (request) => bulk.start(request),
    bulkControl: async (request) => bulk.control(request),
    bulkProgress: (request) => bulk.progress(request),
    bulkResults: (request) => bulk.results(request),
    bulkExport: (request) => bulk.export(request),
    bulkInterrupted: () => bulk.interrupted(),
    bulkSaveSample: () => bulk.saveSample(),
    listRecentReaders: ({ connectionId }) => recent.list(connectionId),
    clearRecentReaders: async ({ connectionId }) => {
      await recent.clear(connectionId);
      return recent.list(connectionId);
    },
    findLocalReaders: ({ connectionId, text }) => findLocalReaders({ recent, history, logger }, connectionId, text),
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
  // Whatever the kind, its text facts are these (each member has only some of them).
  const result = { ...error } as Record<string, unknown>;
  for (const key of ['apiMessage', 'host', 'code', 'boundOrigin', 'targetOrigin', 'path', 'userId'] as const) {
    const value = result[key];
    if (typeof value === 'string') result[key] = clip(value, MAX_TEXT);
  }
  if (error.kind === 'invalid-input' && error.fields) {
    result.fields = Object.fromEntries(
      Object.entries(error.fields)
        .slice(0, MAX_FIELDS)
        .map(([key, message]) => [clip(key, MAX_FIELD_KEY), clip(message, MAX_FIELD_MESSAGE)]),
    );
  }
  return result as BridgeError;
}

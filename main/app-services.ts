import { join } from 'node:path';
import { createConnectionAccess, type CreateClient } from './connections/connection-access';
import { createConnectionService } from './connections/connection-service';
import { createKeytarCredentialStore, type CredentialStore, type KeytarLike } from './credentials/credential-store';
import { createConsCentClient } from './conscent/conscent-client';
import { createHistoryService, type HistoryService } from './history/history-service';
import { createBridgeHandlers, type BridgeServices } from './ipc/bridge-handlers';
import type { BridgeHandlers } from './ipc/register-bridge';
import { createFileLogger, type Logger } from './logging/logger';
import { createLastReturnedRecords, type LastReturnedRecords } from './readers/last-returned-records';
import { createReaderService } from './readers/reader-service';
import { createConnectionStore, type ConnectionStore } from './settings/connection-store';

export const SETTINGS_FILE_NAME = 'settings.json';
export const KEYCHAIN_SERVICE = 'ConsCent Console';

/** The stores and adapters the use-cases are built on; tests pass fakes or temp-dir ones. */
export interface ServiceDeps {
  connections: ConnectionStore;
  credentials: CredentialStore;
  createClient: CreateClient;
  logger: Logger;
  newId?: () => string;
  /** What updates returned in this session; a fresh memory when absent. */
  lastReturned?: LastReturnedRecords;
  /** Where the change history lives; without it nothing is recorded and its operations fail. */
  historyDir?: string;
  /** Asks the agent where to save a history export (main's save dialog); null when cancelled. */
  chooseExportPath?: (suggestedName: string) => Promise<string | null>;
}

export const HISTORY_DIR_NAME = 'history';

function historyFor(deps: ServiceDeps): HistoryService {
  const store = deps.connections;
  return createHistoryService({
    // No folder: every operation fails as a history that cannot be opened would.
    dir: deps.historyDir ?? null,
    preferences: async () => {
      const { settings } = await store.load();
      return 'history' in settings ? settings.history : undefined;
    },
    savePreferences: (preferences) => store.setHistoryPreferences(preferences),
    savedConnections: async () => (await store.load()).settings.connections,
    chooseExportPath: deps.chooseExportPath ?? (async () => null),
  });
}

/** The use-cases behind the bridge, wired to their stores. */
export function createServices(deps: ServiceDeps): BridgeServices {
  const { connections: store, credentials, createClient, logger } = deps;
  const lastReturned = deps.lastReturned ?? createLastReturnedRecords();
  const access = createConnectionAccess(store, credentials, createClient);
  const history = historyFor(deps);
  return {
    connections: createConnectionService({
      store,
      credentials,
      access,
      createClient,
      lastReturned,
      logger,
      ...(deps.newId ? { newId: deps.newId } : {}),
    }),
    readers: createReaderService({ access, lastReturned, logger, ...(deps.historyDir ? { history } : {}) }),
    history,
    logger,
  };
}

/** The bridge handlers over freshly wired services. */
export function wireBridgeHandlers(deps: ServiceDeps): BridgeHandlers {
  return createBridgeHandlers(createServices(deps));
}

export interface AppServicesOptions {
  userDataDir: string;
  logDir: string;
  keytar: KeytarLike;
  /** Per-request deadline for ConsCent calls; the client's default when absent. */
  requestTimeoutMs?: number;
  /** Main's save dialog for history exports (Electron's dialog.showSaveDialog, or a test's stand-in). */
  chooseExportPath?: (suggestedName: string) => Promise<string | null>;
}

/**
 * Wires the real services behind the bridge. Takes Electron's paths and the keytar
 * module as arguments so the end-to-end tests can build exactly what the app runs.
 */
export function createAppBridgeHandlers(options: AppServicesOptions): BridgeHandlers {
  return wireBridgeHandlers({
    connections: createConnectionStore(join(options.userDataDir, SETTINGS_FILE_NAME)),
    credentials: createKeytarCredentialStore(options.keytar, KEYCHAIN_SERVICE),
    createClient: (access) => createConsCentClient(access, options.requestTimeoutMs ? { timeoutMs: options.requestTimeoutMs } : {}),
    logger: createFileLogger({ dir: options.logDir }),
    historyDir: join(options.userDataDir, HISTORY_DIR_NAME),
    ...(options.chooseExportPath ? { chooseExportPath: options.chooseExportPath } : {}),
  });
}

import { KEYCHAIN_SERVICE } from '../common/product';
import { createKeytarDataKeyring, type DataKeyring } from './at-rest/data-key';
import { createAuditHook, type AuditHook } from './audit/audit-hook';
import { createBulkService } from './bulk/bulk-service';
import { createConnectionAccess, type CreateClient } from './connections/connection-access';
import { createConnectionService } from './connections/connection-service';
import { createCredentialCache } from './credentials/credential-cache';
import { createKeytarCredentialStore, type CredentialStore, type KeytarLike } from './credentials/credential-store';
import { createConsCentClient } from './conscent/conscent-client';
import { createReconnectingKeytar, type DisposableKeytar } from './credentials/keytar-reconnect';
import { watchKeychain } from './credentials/keychain-watch';
import { createKeytarProxyCredentialStore, type ProxyCredentialStore } from './credentials/proxy-credential-store';
import { NODE_NETWORK, type NetworkEnvironment } from './network/network-environment';
import { createHistoryService, type HistoryService } from './history/history-service';
import { createKeytarChainKeychain, type ChainKeychain } from './history/chain-keychain';
import { createBridgeHandlers, type BridgeServices } from './ipc/bridge-handlers';
import type { BridgeHandlers } from './ipc/register-bridge';
import { createFileLogger, type Logger } from './logging/logger';
import { createLastReturnedRecords, type LastReturnedRecords } from './readers/last-returned-records';
import { createReaderService } from './readers/reader-service';
import { createRecentReaders, withRecentReaders } from './readers/recent-readers';
import { appPaths, type AppPaths } from './app-paths';
import type { LoadPolicyWatcher } from './policy/managed-policy';
import { createPolicyGate, NO_POLICY, type PolicyGate } from './policy/policy-gate';
import { startPolicySource } from './policy/policy-source';
import { policyView } from './policy/policy-view';
import { currentIdentity } from './history/agent-identity';
import { auditSettingsUnder } from './policy/policy-audit';
import { createSettingsStore, type SettingsStore } from './settings/settings-store';
import { handlersOnceLocked } from './user-data-lock-handlers';
import type { RunEnded } from './window/bulk-notification';
import { createTeamLogService } from './audit/team-log-service';
import type { OpenReaderWindowRequest, OpenReaderWindowResult } from '../common/windows-contract';

/** Opens a reader in a new console window: start-app.ts's windows; absent where there are none (tests without Electron). */
export type OpenReaderWindow = (request: OpenReaderWindowRequest) => Promise<OpenReaderWindowResult>;
const NO_WINDOWS: OpenReaderWindow = async () => ({ opened: false, reason: 'no-windows' });

/** The stores and adapters the use-cases are built on; tests pass fakes or temp-dir ones. */
export interface ServiceDeps {
  connections: SettingsStore;
  credentials: CredentialStore;
  createClient: CreateClient;
  logger: Logger;
  newId?: () => string;
  /** What updates returned in this session; a fresh memory when absent. */
  lastReturned?: LastReturnedRecords;
  /** Where each store lives (app-paths.ts): Electron's folders in the app, a temp folder in tests. */
  paths: AppPaths;
  /** Asks the agent where to save a history export (main's save dialog); null when cancelled. */
  chooseExportPath?: (suggestedName: string) => Promise<string | null>;
  /** Asks the agent for a CSV of bulk corrections (main's open dialog); null when cancelled. */
  chooseCsvFile?: () => Promise<string | null>;
  /** Where proxy credentials typed after a 407 are kept (issue 13); not kept when absent. */
  proxyCredentials?: ProxyCredentialStore;
  /** The history's signing key and signed tail (issue 18): the OS keychain in the app; a memory per folder when absent. */
  historyKeychain?: ChainKeychain;
  /** Main's own dialog confirming Clear history (issue 18); without it nothing is cleared. */
  confirmClearHistory?: (entries: number) => Promise<boolean>;
  /** The key readers' data is sealed with on disk (issue 18.4): the OS keychain in the app; a memory per folder when absent. */
  dataKeys?: DataKeyring;
  /** Told when a bulk run ends (main notifies an agent who is in another window). */
  onBulkRunEnded?: (run: RunEnded) => void;
  /** Audit forwarding (issue 20): told of every history line; nothing is forwarded when absent. */
  audit?: AuditHook;
  /** Answer a save before its outcome line is on disk (issue 23; reader-service.ts): the app's way; tests read the line at once. */
  outcomeAfterAnswer?: boolean;
  /** The admin's policy (issue 21.1): the machine's in the app; none (everything allowed) when absent. */
  policy?: PolicyGate;
  /** Opens a reader in a new console window (issue 22.4); refused as `no-windows` when absent. */
  openReaderWindow?: OpenReaderWindow;
}

function historyFor(deps: ServiceDeps): HistoryService {
  const store = deps.connections;
  return createHistoryService({
    dir: deps.paths.history,
    ...(deps.policy ? { policy: deps.policy } : {}),
    preferences: async () => {
      const { settings } = await store.load();
      return 'history' in settings ? settings.history : undefined;
    },
    savePreferences: (preferences) => store.setHistoryPreferences(preferences),
    savedConnections: async () => (await store.load()).settings.connections,
    chooseExportPath: deps.chooseExportPath ?? (async () => null),
    logger: deps.logger,
    ...(deps.historyKeychain ? { keychain: deps.historyKeychain } : {}),
    ...(deps.dataKeys ? { dataKeys: deps.dataKeys } : {}),
    ...(deps.confirmClearHistory ? { confirmClear: deps.confirmClearHistory } : {}),
    ...(deps.audit ? { observer: deps.audit.observer } : {}),
  });
}

/** The use-cases behind the bridge, wired to their stores. */
export function createServices(deps: ServiceDeps): BridgeServices {
  const { connections: store, createClient, logger } = deps;
  // Main's session memory of each connection's key and secret (issue #12): read once.
  const credentials = createCredentialCache(deps.credentials);
  const lastReturned = deps.lastReturned ?? createLastReturnedRecords();
  const policy = deps.policy ?? NO_POLICY;
  const access = createConnectionAccess(store, credentials, createClient, async () => {
    // Once the policy is read: a preset is never "no such connection" for being early.
    await policy.ready();
    return policy.presetConnections;
  });
  const history = historyFor(deps);
  const recent = createRecentReaders(deps.paths.recentReaders, undefined, deps.dataKeys);
  const readers = withRecentReaders(
    createReaderService({
      access,
      lastReturned,
      logger,
      history,
      ...(deps.policy ? { policy: deps.policy } : {}),
      ...(deps.outcomeAfterAnswer ? { outcomeAfterAnswer: true } : {}),
    }),
    recent,
    logger,
    deps.outcomeAfterAnswer === true,
  );
  return {
    connections: createConnectionService({
      store,
      credentials,
      access,
      createClient,
      lastReturned,
      logger,
      ...(deps.newId ? { newId: deps.newId } : {}),
      ...(deps.proxyCredentials ? { proxyCredentials: deps.proxyCredentials } : {}),
      policy,
      forgetRecentReaders: (connectionId) => recent.clear(connectionId),
    }),
    readers,
    history,
    bulk: createBulkService({
      dir: deps.paths.bulk,
      access,
      readers,
      history,
      chooseCsvFile: deps.chooseCsvFile ?? (async () => null),
      chooseExportPath: deps.chooseExportPath ?? (async () => null),
      logger,
      ...(deps.dataKeys ? { dataKeys: deps.dataKeys } : {}),
      ...(deps.onBulkRunEnded ? { onRunEnded: deps.onBulkRunEnded } : {}),
      ...(deps.policy ? { policy: deps.policy } : {}),
    }),
    recent,
    teamLog: createTeamLogService(deps.audit),
    windows: { openReader: deps.openReaderWindow ?? NO_WINDOWS },
    policy: { view: () => policyView(policy, currentIdentity().osUser) },
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
  /**
   * Starts keytar in a fresh process, for when the keychain service restarted under this
   * one (issue 17.5; main/credentials/keytar-reconnect.ts). Without it the agent is told
   * to restart the console.
   */
  freshKeytar?: () => DisposableKeytar;
  /** Called once the keychain answers again after it had gone away. */
  onKeychainBack?: () => void;
  /** Per-request deadline for ConsCent calls; the client's default when absent. */
  requestTimeoutMs?: number;
  /** A save is answered before its outcome line is on disk (issue 23): the app and the bench; off in tests, which read the line at once. */
  outcomeAfterAnswer?: boolean;
  /** Main's save dialog for history exports (Electron's dialog.showSaveDialog, or a test's stand-in). */
  chooseExportPath?: (suggestedName: string) => Promise<string | null>;
  /** Main's open dialog for a bulk CSV (Electron's dialog.showOpenDialog, or a test's stand-in). */
  chooseCsvFile?: () => Promise<string | null>;
  /** Main's confirmation of Clear history (Electron's dialog.showMessageBox, or a test's stand-in). */
  confirmClearHistory?: (entries: number) => Promise<boolean>;
  /** The system's proxy (Electron's resolveProxy) and certificate store (issue 13); plain Node's when absent. */
  network?: Omit<NetworkEnvironment, 'proxyCredentials'>;
  /** Told when a bulk run ends (main/window/bulk-notification.ts). */
  onBulkRunEnded?: (run: RunEnded) => void;
  /** Opens a reader in a new console window (start-app.ts); refused as `no-windows` when absent. */
  openReaderWindow?: OpenReaderWindow;
  /** Told when the organisation's policy changes while the console runs (main tells the page). */
  onPolicyChanged?: () => void;
  /**
   * Where the admin's policy is read (issue 21.1; main/policy/): the OS decides the file's
   * place and whether Group Policy / managed preferences are read. This process's platform
   * and environment when absent; tests pass a temp folder's file.
   */
  policy?: {
    platform: NodeJS.Platform;
    env: Readonly<Record<string, string | undefined>>;
    filePath?: string | null;
    loadPolicyWatcher?: LoadPolicyWatcher;
  };
}

/**
 * Wires the real services behind the bridge. Takes Electron's paths and the keytar
 * module as arguments so the end-to-end tests can build exactly what the app runs.
 */
export function createAppBridgeHandlers(options: AppServicesOptions): BridgeHandlers {
  return createAppServices(options).handlers;
}

/** The app's services: the bridge's handlers, and `stop` for main's quit path (start-app.ts). */
export interface AppServices {
  handlers: BridgeHandlers;
  /** Stops what runs on its own: the policy's watchers, the audit forwarder (a bounded flush, its socket, its timers). */
  stop(): Promise<void>;
}

export function createAppServices(options: AppServicesOptions): AppServices {
  let stop = async (): Promise<void> => undefined;
  // Nothing in the folder is read or written until this console holds it (user-data-lock.ts).
  const handlers = handlersOnceLocked(options.userDataDir, () => {
    const wired = wireAppServices(options);
    stop = wired.stop;
    return wired.handlers;
  });
  return { handlers, stop: () => stop() };
}

function wireAppServices(options: AppServicesOptions): AppServices {
  const keytar = watchKeychain(createReconnectingKeytar(options.keytar, options.freshKeytar ?? null), {
    onBack: options.onKeychainBack ?? (() => undefined),
  });
  const proxyCredentials = createKeytarProxyCredentialStore(keytar, KEYCHAIN_SERVICE);
  const network: NetworkEnvironment = { ...(options.network ?? NODE_NETWORK), proxyCredentials };
  const clientOptions = { network, ...(options.requestTimeoutMs ? { timeoutMs: options.requestTimeoutMs } : {}) };
  const paths = appPaths(options.userDataDir, options.logDir);
  const connections = createSettingsStore(paths.settings);
  const logger = createFileLogger({ dir: paths.logs });
  const dataKeys = createKeytarDataKeyring(keytar, KEYCHAIN_SERVICE);
  const policySource = startPolicySource({ platform: process.platform, env: process.env, ...options.policy, logger });
  if (options.onPolicyChanged) policySource.onChange(options.onPolicyChanged);
  const policy = createPolicyGate(policySource);
  // Forwarding follows the policy's `audit` target when it sets one, else the settings
  // file's `audit` section, as either was at start (docs/installing.md).
  const audit = createAuditHook({
    dir: paths.audit,
    settings: auditSettingsUnder(policy, async () => {
      const { settings } = await connections.load();
      return 'audit' in settings ? settings.audit : undefined;
    }),
    dataKeys,
    network,
    logger,
  });
  const handlers = wireBridgeHandlers({
    paths,
    connections,
    credentials: createKeytarCredentialStore(keytar, KEYCHAIN_SERVICE),
    createClient: (access) => createConsCentClient(access, clientOptions),
    proxyCredentials,
    logger,
    policy,
    ...(options.outcomeAfterAnswer ? { outcomeAfterAnswer: true } : {}),
    ...(options.chooseExportPath ? { chooseExportPath: options.chooseExportPath } : {}),
    ...(options.chooseCsvFile ? { chooseCsvFile: options.chooseCsvFile } : {}),
    historyKeychain: createKeytarChainKeychain(keytar, KEYCHAIN_SERVICE),
    dataKeys,
    audit,
    ...(options.confirmClearHistory ? { confirmClearHistory: options.confirmClearHistory } : {}),
    ...(options.onBulkRunEnded ? { onBulkRunEnded: options.onBulkRunEnded } : {}),
    ...(options.openReaderWindow ? { openReaderWindow: options.openReaderWindow } : {}),
  });
  return {
    handlers,
    stop: async () => {
      policySource.close(); // its file and registry watchers
      await audit.stop();
    },
  };
}

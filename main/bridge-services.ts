import { type DataKeyring } from './at-rest/data-key';
import { type AuditHook } from './audit/audit-hook';
import { createBulkService } from './bulk/bulk-service';
import { createConnectionAccess, type CreateClient } from './connections/connection-access';
import { createConnectionService } from './connections/connection-service';
import { createCredentialCache } from './credentials/credential-cache';
import { type CredentialStore } from './credentials/credential-store';
import { type ProxyCredentialStore } from './credentials/proxy-credential-store';
import { createHistoryService, type HistoryService } from './history/history-service';
import { type ChainKeychain } from './history/chain-keychain';
import { createBridgeHandlers, type BridgeServices } from './ipc/bridge-handlers';
import type { BridgeHandlers } from './ipc/register-bridge';
import { type Logger } from './logging/logger';
import { createLastReturnedRecords, type LastReturnedRecords } from './readers/last-returned-records';
import { createReaderService } from './readers/reader-service';
import { createRecentReaders, withRecentReaders } from './readers/recent-readers';
import { type AppPaths } from './app-paths';
import { NO_POLICY, type PolicyGate } from './policy/policy-gate';
import { policyView } from './policy/policy-view';
import { currentIdentity } from './history/agent-identity';
import { type SettingsStore } from './settings/settings-store';
import type { RunEnded } from './window/bulk-notification';
import { createTeamLogService } from './audit/team-log-service';
import type { OpenReaderWindowRequest, OpenReaderWindowResult } from '../common/windows-contract';

// The use-cases behind the bridge, wired to the stores and adapters they are given: the
// app gives the real ones (app-services.ts), tests give temp folders and fakes.

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

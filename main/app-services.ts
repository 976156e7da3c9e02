import { KEYCHAIN_SERVICE } from '../common/product';
import { createKeytarDataKeyring } from './at-rest/data-key';
import { createAuditHook } from './audit/audit-hook';
import { createKeytarCredentialStore, type KeytarLike } from './credentials/credential-store';
import { createConsCentClient } from './conscent/conscent-client';
import { createReconnectingKeytar, type DisposableKeytar } from './credentials/keytar-reconnect';
import { watchKeychain } from './credentials/keychain-watch';
import { createKeytarProxyCredentialStore } from './credentials/proxy-credential-store';
import { NODE_NETWORK, type NetworkEnvironment } from './network/network-environment';
import { createKeytarChainKeychain } from './history/chain-keychain';
import type { BridgeHandlers } from './ipc/register-bridge';
import { createFileLogger } from './logging/logger';
import { appPaths } from './app-paths';
import type { LoadPolicyWatcher } from './policy/managed-policy';
import { createPolicyGate } from './policy/policy-gate';
import { startPolicySource } from './policy/policy-source';
import { auditSettingsUnder } from './policy/policy-audit';
import { createSettingsStore } from './settings/settings-store';
import { handlersOnceLocked } from './user-data-lock-handlers';
import type { RunEnded } from './window/bulk-notification';
import { wireBridgeHandlers, type OpenReaderWindow } from './bridge-services';

// The app's own wiring: the OS keychain through keytar, the settings and data folders
// Electron names, the policy the admin set, audit forwarding; and stopping what runs on
// its own at quit.

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

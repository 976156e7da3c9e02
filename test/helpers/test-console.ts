import { join } from 'node:path';
import { BRIDGE_CHANNELS, type OperationName } from '../../common/contract';
import type { Result } from '../../common/result';
import { appPaths } from '../../main/app-paths';
import { wireBridgeHandlers } from '../../main/bridge-services';
import { createConsCentClient, type ClientOptions } from '../../main/conscent/conscent-client';
import { registerBridge, type BridgeHandlers } from '../../main/ipc/register-bridge';
import { createFileLogger, type Logger } from '../../main/logging/logger';
import { createSettingsStore, type SettingsStore } from '../../main/settings/settings-store';
import { DEMO_CLIENT, type RunningSimulator } from '../../simulator';
import { FakeIpcMain } from './fake-ipc-main';
import { createMemoryCredentialStore, type MemoryCredentialStore } from './memory-credential-store';
import { consoleKeyring } from './sealed-lines';
import { silentLogger } from './silent-logger';
import type { DataKeyring } from '../../main/at-rest/data-key';
import type { PolicyGate } from '../../main/policy/policy-gate';
import type { AuditHook } from '../../main/audit/audit-hook';

// The console's main side as the app wires it (real settings file, the ConsCent client,
// the bridge's sender check), over a folder, with an in-memory keychain: what the bridge
// and use-case tests run against instead of each wiring it by hand. Plain Node (no
// vitest), so child processes of tests can use it too; bridge-fixture.ts makes it a fixture.

/** The page's URL as main's sender check sees it. */
export const APP_PAGE = 'app://console/index.html';

export interface TestConsoleOptions {
  /** The ConsCent client's options for every connection (default: a 5 s deadline). */
  client?: ClientOptions;
  /** The support log: silent when absent; 'file' writes it to `logDir`, for the test to read; or one made for `logDir`. */
  logger?: Logger | 'file' | ((logDir: string) => Logger);
  /** Main's open dialog for a bulk CSV, played by the test; "cancelled" when absent. */
  chooseCsvFile?: () => Promise<string | null>;
  /** Main's save dialog for exports, played by the test; "cancelled" when absent. */
  chooseExportPath?: (suggestedName: string) => Promise<string | null>;
  /** Main's own "clear the history?" dialog (issue 18), played by the test; "keep it" when absent. */
  confirmClearHistory?: (entries: number) => Promise<boolean>;
  /** The keychain (or what makes it, once per console): an empty in-memory one when absent. It outlives restarts, as the OS's does. */
  credentials?: MemoryCredentialStore | (() => MemoryCredentialStore);
  /** The data key's keychain entry: one per folder, the same in every process, when absent (a keychain reset passes another). */
  dataKeys?: DataKeyring;
  /** Audit forwarding (issue 20), as app-services.ts wires it; none when absent. */
  audit?: AuditHook;
  /** The admin's policy (issue 21.1; main/policy/); none (everything allowed) when absent. */
  policy?: PolicyGate;
  /** As the app: a save answered before its outcome line is on disk (issue 23); off when absent. */
  outcomeAfterAnswer?: boolean;
}

export interface TestConsole {
  /** The console's data folder (settings.json, logs/, history/). */
  readonly dir: string;
  /** Where a file logger writes: `<dir>/logs`. */
  readonly logDir: string;
  readonly handlers: BridgeHandlers;
  readonly credentials: MemoryCredentialStore;
  readonly connections: SettingsStore;
  /** An operation called through the bridge, as the app page calls it (sender check included). */
  call<T>(operation: OperationName, payload?: unknown): Promise<Result<T>>;
  /** Saves a connection to `sim` with the demo client's key and secret; answers its id. */
  connectTo(sim: RunningSimulator, connection?: { name?: string; clientId?: string }): Promise<string>;
  /** The console started again over the same folder and keychain (options override this one's). */
  restart(options?: TestConsoleOptions): TestConsole;
}

export function wireTestConsole(dir: string, options: TestConsoleOptions = {}): TestConsole {
  const credentials = typeof options.credentials === 'function' ? options.credentials() : (options.credentials ?? createMemoryCredentialStore());
  const connections = createSettingsStore(join(dir, 'settings.json'));
  const logDir = join(dir, 'logs');
  const logger =
    options.logger === 'file'
      ? createFileLogger({ dir: logDir })
      : typeof options.logger === 'function'
        ? options.logger(logDir)
        : (options.logger ?? silentLogger);
  const handlers = wireBridgeHandlers({
    connections,
    credentials,
    createClient: (access) => createConsCentClient(access, options.client ?? { timeoutMs: 5000 }),
    logger,
    // Every store where the app keeps it, under this console's folder.
    paths: appPaths(dir, logDir),
    ...(options.chooseCsvFile ? { chooseCsvFile: options.chooseCsvFile } : {}),
    ...(options.chooseExportPath ? { chooseExportPath: options.chooseExportPath } : {}),
    ...(options.confirmClearHistory ? { confirmClearHistory: options.confirmClearHistory } : {}),
    dataKeys: options.dataKeys ?? consoleKeyring(dir),
    ...(options.audit ? { audit: options.audit } : {}),
    ...(options.policy ? { policy: options.policy } : {}),
    ...(options.outcomeAfterAnswer ? { outcomeAfterAnswer: true } : {}),
  });
  const ipc = new FakeIpcMain();
  registerBridge(
    ipc,
    handlers,
    ipc.trust((url) => url === APP_PAGE),
  );
  const call = <T>(operation: OperationName, payload?: unknown) => ipc.invoke(BRIDGE_CHANNELS[operation], payload, APP_PAGE) as Promise<Result<T>>;
  return {
    dir,
    logDir,
    handlers,
    credentials,
    connections,
    call,
    async connectTo(sim, connection = {}) {
      const saved = await call<{ id: string }>('saveConnection', {
        connection: {
          name: connection.name ?? 'Sim',
          environment: 'custom',
          baseUrl: sim.baseUrl,
          clientId: connection.clientId ?? DEMO_CLIENT.clientId,
        },
        credentials: { apiKey: DEMO_CLIENT.apiKey, apiSecret: DEMO_CLIENT.apiSecret },
      });
      if (!saved.ok) throw new Error(`saveConnection: ${JSON.stringify(saved.error)}`);
      return saved.value.id;
    },
    restart: (overrides = {}) => wireTestConsole(dir, { ...options, credentials, ...overrides }),
  };
}

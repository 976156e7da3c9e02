import { join } from 'node:path';
import { createKeytarCredentialStore, type KeytarLike } from './credentials/credential-store';
import { createConsCentClient } from './conscent/conscent-client';
import { createBridgeHandlers } from './ipc/bridge-handlers';
import type { BridgeHandlers } from './ipc/register-bridge';
import { createFileLogger } from './logging/logger';
import { createConnectionStore } from './settings/connection-store';

export const SETTINGS_FILE_NAME = 'settings.json';
export const KEYCHAIN_SERVICE = 'ConsCent Console';

export interface AppServicesOptions {
  userDataDir: string;
  logDir: string;
  keytar: KeytarLike;
  /** Per-request deadline for ConsCent calls; the client's default when absent. */
  requestTimeoutMs?: number;
}

/**
 * Wires the real services behind the bridge. Takes Electron's paths and the keytar
 * module as arguments so the end-to-end tests can build exactly what the app runs.
 */
export function createAppBridgeHandlers(options: AppServicesOptions): BridgeHandlers {
  return createBridgeHandlers({
    connections: createConnectionStore(join(options.userDataDir, SETTINGS_FILE_NAME)),
    credentials: createKeytarCredentialStore(options.keytar, KEYCHAIN_SERVICE),
    createClient: (connection) =>
      createConsCentClient(connection, options.requestTimeoutMs ? { timeoutMs: options.requestTimeoutMs } : {}),
    logger: createFileLogger({ dir: options.logDir }),
  });
}

import type { StoredConnection } from '../settings/settings-schema';
import type { SettingsStore } from '../settings/settings-store';
import type { CredentialStore } from '../credentials/credential-store';
import { credentialsFor } from '../credentials/credential-binding';
import { withClientIdErrors } from '../conscent/client-id-check';
import type { ApiAccess, ConsCentClient } from '../conscent/conscent-client';
import { ConfigError } from '../errors/config-error';
import { networkOf } from './connection-network';
import type { RecordOrigin } from '../readers/last-returned-records';

/** Makes a ConsCent client; injected so tests can count or refuse requests. */
export type CreateClient = (access: ApiAccess) => ConsCentClient;

/** How the use-cases reach a saved connection and a client for it. */
export interface ConnectionAccess {
  /** The saved connection; a ConfigError (no-such-connection) when it is gone. */
  find(id: string): Promise<StoredConnection>;
  /** A client with the connection's stored key and secret, only for the origin and trust path they were entered for. */
  clientFor(connection: StoredConnection): Promise<ConsCentClient>;
}

export function createConnectionAccess(
  store: SettingsStore,
  credentials: CredentialStore,
  createClient: CreateClient,
  /** The admin's policy's connections (issue 21.1), reached like the agent's own; none when absent. */
  presets: () => Promise<readonly StoredConnection[]> = async () => [],
): ConnectionAccess {
  return {
    async find(id) {
      const preset = (await presets()).find((c) => c.id === id);
      if (preset) return preset;
      const { settings } = await store.load();
      const connection = settings.connections.find((c) => c.id === id);
      if (!connection) throw new ConfigError({ reason: 'no-such-connection' });
      return connection;
    },
    async clientFor(connection) {
      const stored = await credentialsFor(credentials, connection.id, connection.baseUrl, connection, 'connection');
      return withClientIdErrors(
        createClient({ baseUrl: connection.baseUrl, clientId: connection.clientId, credentials: stored, network: networkOf(connection) }),
      );
    },
  };
}

/** The ConsCent a connection points at now, so a repointed connection never reuses old records. */
export function recordOriginOf(connection: StoredConnection): RecordOrigin {
  return { connectionId: connection.id, baseUrl: connection.baseUrl, clientId: connection.clientId };
}

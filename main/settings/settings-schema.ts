import { z } from 'zod';
import { HistoryPreferences } from '../../common/history-schemas';
import { ConnectionFields, ConnectionId } from '../../common/contract';
import { presetProblem } from '../../common/environment-of-host';

// The settings file holds only non-secret connection fields. Secrets live in the keychain.
export const StoredConnection = ConnectionFields.extend({ id: ConnectionId });
export type StoredConnection = z.infer<typeof StoredConnection>;

export const SETTINGS_VERSION = 2;
export const MAX_CONNECTIONS = 50;

/**
 * A connection whose preset contradicts its host (say "sandbox" with api.conscent.in, from
 * an older version or a hand edit) is corrected to Custom on load rather than refused:
 * moving the whole file aside would lose every connection over a label. The base URL, where
 * requests and credentials go, is kept as it is; what is shown follows that host anyway
 * (common/environment-of-host.ts). The correction reaches the file with the next save.
 */
export function withConsistentPreset(connection: StoredConnection): StoredConnection {
  return presetProblem(connection.environment, connection.baseUrl) ? { ...connection, environment: 'custom' } : connection;
}

const CurrentSettings = z.strictObject({
  version: z.literal(SETTINGS_VERSION),
  connections: z.array(StoredConnection).max(MAX_CONNECTIONS),
  activeConnectionId: ConnectionId.nullable(),
  /** The change history's settings (docs/history.md); defaults when absent. */
  history: HistoryPreferences.optional(),
});

/**
 * Version 1 called connections "profiles". Read as version 2 so an upgrade keeps every
 * connection; the next save writes version 2.
 */
const Version1Settings = z
  .strictObject({
    version: z.literal(1),
    profiles: z.array(StoredConnection).max(MAX_CONNECTIONS),
    activeProfileId: ConnectionId.nullable(),
  })
  .transform((v1) => ({ version: SETTINGS_VERSION, connections: v1.profiles, activeConnectionId: v1.activeProfileId }));

export const SettingsFile = z
  .union([CurrentSettings, Version1Settings])
  .refine((s) => new Set(s.connections.map((p) => p.id)).size === s.connections.length, {
    message: 'Two connections share one id.',
  })
  .transform((s) => ({ ...s, connections: s.connections.map(withConsistentPreset) }));
export type SettingsFile = z.infer<typeof SettingsFile>;

export const EMPTY_SETTINGS: SettingsFile = { version: SETTINGS_VERSION, connections: [], activeConnectionId: null };

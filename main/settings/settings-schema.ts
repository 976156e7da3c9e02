import { z } from 'zod';
import { HistoryPreferences } from '../../common/history-schemas';
import { ConnectionFields, ConnectionId } from '../../common/connections-contract';
import { presetProblem } from '../../common/environment-of-host';
import { AuditSettings } from '../audit/audit-settings';

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
  /** Where the history is forwarded as syslog (issue 20, docs/installing.md); nothing is forwarded when absent. */
  audit: AuditSettings.optional(),
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

const Envelope = z.union([
  z.object({
    version: z.literal(SETTINGS_VERSION),
    connections: z.array(z.unknown()),
    activeConnectionId: z.unknown(),
    history: z.unknown().optional(),
    audit: z.unknown().optional(),
  }),
  z.object({ version: z.literal(1), profiles: z.array(z.unknown()), activeProfileId: z.unknown() }).transform((v1) => ({
    version: SETTINGS_VERSION,
    connections: v1.profiles,
    activeConnectionId: v1.activeProfileId,
    history: undefined,
    audit: undefined,
  })),
]);

const nameOf = (raw: unknown): string => {
  const name = (raw as { name?: unknown } | null)?.name;
  return typeof name === 'string' && name.trim() ? name.trim().slice(0, 80) : '(no name)';
};
const idOf = (raw: unknown): string | undefined => {
  const parsed = ConnectionId.safeParse((raw as { id?: unknown } | null)?.id);
  return parsed.success ? parsed.data : undefined;
};

/**
 * A settings file SettingsFile refuses, read connection by connection (issue 18.5): an
 * older version's file with one connection today's rules refuse keeps every other one.
 * null when even the file's outline is not a settings file.
 */
export function salvageSettings(json: unknown): { settings: SettingsFile; refused: Array<{ name: string; id?: string }> } | null {
  const outline = Envelope.safeParse(json);
  if (!outline.success) return null;
  const connections: StoredConnection[] = [];
  const refused: Array<{ name: string; id?: string }> = [];
  for (const raw of outline.data.connections.slice(0, MAX_CONNECTIONS)) {
    const parsed = StoredConnection.safeParse(raw);
    if (parsed.success && !connections.some((c) => c.id === parsed.data.id)) connections.push(withConsistentPreset(parsed.data));
    else {
      const id = idOf(raw);
      refused.push({ name: nameOf(raw), ...(id ? { id } : {}) });
    }
  }
  for (const raw of outline.data.connections.slice(MAX_CONNECTIONS)) {
    const id = idOf(raw);
    refused.push({ name: nameOf(raw), ...(id ? { id } : {}) });
  }
  const active = ConnectionId.safeParse(outline.data.activeConnectionId);
  const history = HistoryPreferences.safeParse(outline.data.history);
  const audit = AuditSettings.safeParse(outline.data.audit);
  return {
    settings: {
      version: SETTINGS_VERSION,
      connections,
      activeConnectionId: active.success && connections.some((c) => c.id === active.data) ? active.data : (connections[0]?.id ?? null),
      ...(history.success && outline.data.history !== undefined ? { history: history.data } : {}),
      ...(audit.success && outline.data.audit !== undefined ? { audit: audit.data } : {}),
    },
    refused,
  };
}

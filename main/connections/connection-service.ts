import { randomUUID } from 'node:crypto';
import type {
  ConnectionsState,
  SavedConnectionsState,
  ConnectionSummary,
  Credentials,
  ConnectionFields,
  TestConnectionResult,
} from '../../common/connections-contract';
import { presetProblem } from '../../common/environment-of-host';
import type { BridgeError } from '../../common/result';
import { credentialsFor, hostOfUrl, originOfUrl, trustChangedError } from '../credentials/credential-binding';
import { trustChanges, trustPathOf } from '../credentials/trust-path';
import type { CredentialCache } from '../credentials/credential-cache';
import { proveClientId, withClientIdErrors } from '../conscent/client-id-check';
import { ConfigError } from '../errors/config-error';
import { InputError } from '../errors/input-error';
import { toBridgeError } from '../errors/console-failure';
import type { Logger } from '../logging/logger';
import type { LastReturnedRecords } from '../readers/last-returned-records';
import type { SettingsStore } from '../settings/settings-store';
import type { StoredConnection } from '../settings/settings-schema';
import type { ProxyCredentials } from '../../common/network-settings';
import type { ProxyCredentialStore } from '../credentials/proxy-credential-store';
import type { PolicyGate } from '../policy/policy-gate';
import type { ConnectionAccess, CreateClient } from './connection-access';
import { certificateSummary, checkExtraCertificate, keepProxyCredentials, networkOf } from './connection-network';

// The agent's connections: the non-secret fields in the settings file, the API key and
// secret in the keychain, bound to the origin and trust path (extra certificate, proxy)
// they were entered for. These use-cases keep
// the two stores in step; main/ipc only validates, runs them and bounds their errors.

export interface ConnectionServiceDeps {
  store: SettingsStore;
  /** The keychain behind main's session cache: hot paths read it once per connection. */
  credentials: CredentialCache;
  access: ConnectionAccess;
  createClient: CreateClient;
  lastReturned: LastReturnedRecords;
  logger: Logger;
  newId?: () => string;
  /** Where proxy credentials typed after a 407 are kept (the keychain, per proxy). */
  proxyCredentials?: ProxyCredentialStore;
  /** Forgets a deleted connection's recent readers (issue 18.4): its readers' names and emails go with it. */
  forgetRecentReaders?: (connectionId: string) => Promise<void>;
  /** The admin's policy (issue 21.1): may the agent add connections, change the policy's own? Absent: no policy. */
  policy?: PolicyGate;
}

export type SaveConnection = { id?: string | undefined; connection: ConnectionFields; credentials?: Credentials | undefined };
export type TestConnection = SaveConnection & { proxyCredentials?: ProxyCredentials | undefined };

export interface ConnectionService {
  list(): Promise<ConnectionsState>;
  /** The settings file's connections only, with no keychain call: the page's first paint (issue 23). */
  listSaved(): Promise<SavedConnectionsState>;
  save(request: SaveConnection): Promise<ConnectionSummary>;
  remove(id: string): Promise<void>;
  select(id: string): Promise<void>;
  /** Stores the agent's key and secret for one of the policy's connections (issue 21.1): the only thing they may set on it. */
  savePresetCredentials(id: string, creds: Credentials): Promise<ConnectionSummary>;
  /** Proves key, secret and Client ID against ConsCent; answers the host that accepted them, and the route taken. */
  test(request: TestConnection): Promise<TestConnectionResult>;
}

export function createConnectionService(deps: ConnectionServiceDeps): ConnectionService {
  const { store, credentials, access, createClient, lastReturned, logger } = deps;
  const newId = deps.newId ?? randomUUID;

  /** Which connections have a key and secret; the keychain's trouble when it cannot say. */
  async function withCredentialFlags(list: StoredConnection[]): Promise<{ connections: ConnectionSummary[]; keychainProblem?: BridgeError }> {
    try {
      const stored = new Set(await credentials.listConnectionIds());
      return { connections: list.map((c) => ({ ...c, ...certificateSummary(c), hasCredentials: stored.has(c.id) })) };
    } catch (error) {
      return { connections: list.map((c) => ({ ...c, ...certificateSummary(c), hasCredentials: false })), keychainProblem: toBridgeError(error) };
    }
  }

  /** Refuses, before anything is read or written, a change the admin's policy forbids (the policy's own connections, or a locked policy). */
  async function mayChange(id: string | undefined): Promise<void> {
    const policy = deps.policy;
    if (!policy) return;
    await policy.ready();
    if (id !== undefined) policy.check(policy.mayChangeConnection(id));
  }

  /** Writes the key and secret, runs `write`, and puts the keychain back as it was if `write` fails. */
  async function withCredentialRollback(id: string, creds: Credentials, bound: StoredConnection, existed: boolean, write: () => Promise<unknown>) {
    const previous = existed ? await credentials.get(id).catch(() => null) : null;
    await credentials.set(id, creds, originOfUrl(bound.baseUrl), trustPathOf(bound));
    try {
      await write();
    } catch (error) {
      // Keep keychain and settings in step: undo the credential write.
      if (previous) {
        const { origin: previousOrigin, trustPath: previousPath, ...kept } = previous;
        await credentials.set(id, kept, previousOrigin, previousPath).catch(() => undefined);
      } else await credentials.delete(id).catch(() => undefined);
      throw error;
    }
  }

  /** The policy's connections, once the policy is known; none without a policy (or while it is locked). */
  async function presets(): Promise<StoredConnection[]> {
    if (!deps.policy) return [];
    await deps.policy.ready();
    return deps.policy.presetConnections.map((c) => ({ ...c }));
  }

  /**
   * The connections as the agent sees them, before the keychain is asked: the policy's
   * first (an own connection under a preset's id gives way to it), and which is active.
   */
  async function arrangement() {
    const { settings, recovered } = await store.load();
    const managed = await presets();
    const managedIds = new Set(managed.map((c) => c.id));
    const all = [...managed, ...settings.connections.filter((c) => !managedIds.has(c.id))];
    const known = (id: string | null | undefined) => (id ? all.some((c) => c.id === id) : false);
    // First start (nothing chosen yet), or the chosen preset left the policy: the policy's default.
    const fallback = deps.policy?.defaultConnection;
    const activeConnectionId = known(settings.activeConnectionId)
      ? settings.activeConnectionId
      : known(fallback)
        ? fallback!
        : (settings.connections[0]?.id ?? null);
    const marked = <C extends { id: string }>(c: C) => (managedIds.has(c.id) ? { ...c, managed: true as const } : c);
    return { all, marked, activeConnectionId, ...(recovered ? { recovered } : {}) };
  }

  return {
    async list() {
      const { all, marked, activeConnectionId, recovered } = await arrangement();
      const { connections, keychainProblem } = await withCredentialFlags(all);
      return {
        connections: connections.map(marked),
        activeConnectionId,
        ...(recovered ? { recovered } : {}),
        ...(keychainProblem ? { keychainProblem } : {}),
      };
    },

    async listSaved() {
      const { all, marked, activeConnectionId, recovered } = await arrangement();
      return {
        connections: all.map((c) => marked({ ...c, ...certificateSummary(c) })),
        activeConnectionId,
        ...(recovered ? { recovered } : {}),
      };
    },

    async save({ id, connection, credentials: creds }) {
      await mayChange(id);
      const existing = id === undefined ? undefined : await access.find(id);
      if (!existing) deps.policy?.check(deps.policy.mayAddConnection());
      if (!existing && !creds) throw new InputError({ reason: 'credentials-needed' });
      // The banner follows the host anyway; a preset naming another host is a mistake to fix.
      const wrongPreset = presetProblem(connection.environment, connection.baseUrl);
      if (wrongPreset) throw new InputError({ fields: { 'connection.environment': wrongPreset } });
      checkExtraCertificate(connection);
      const stored: StoredConnection = { ...connection, id: id ?? newId() };
      // Kept credentials stay bound to their origin and trust path: another origin, another
      // extra certificate or another proxy needs them typed again (a decision, see docs/security.md).
      if (existing && !creds && (await credentials.get(stored.id)) !== null) {
        await credentialsFor(credentials, stored.id, existing.baseUrl, stored, 'form-fields');
      }
      if (creds) await withCredentialRollback(stored.id, creds, stored, Boolean(existing), () => store.upsert(stored));
      else await store.upsert(stored);
      if (existing && hostOfUrl(existing.baseUrl) !== hostOfUrl(stored.baseUrl)) {
        // Hosts only: where this connection's requests (and credentials) go from now on.
        logger.info('connection.host-changed', { connectionId: stored.id, from: hostOfUrl(existing.baseUrl), to: hostOfUrl(stored.baseUrl) });
      }
      const hasCredentials = creds ? true : (await credentials.get(stored.id)) !== null;
      // Whatever was kept of this connection's key and secret is read again on next use.
      credentials.forget(stored.id);
      logger.info('connection.saved', { connectionId: stored.id, environment: stored.environment, newCredentials: Boolean(creds) });
      return { ...stored, ...certificateSummary(stored), hasCredentials };
    },

    async remove(id) {
      await mayChange(id);
      await access.find(id);
      await credentials.delete(id);
      await store.remove(id);
      lastReturned.forgetConnection(id);
      // The connection is gone whatever happens here; a list that cannot be rewritten is logged.
      await deps.forgetRecentReaders?.(id).catch(() => logger.warn('recent-readers.write-failed', {}));
      logger.info('connection.deleted', { connectionId: id });
    },

    async select(id) {
      await access.find(id);
      await store.setActive(
        id,
        (await presets()).map((c) => c.id),
      );
      // Only the connection in use keeps its key and secret in memory.
      credentials.forgetAllBut(id);
    },

    async savePresetCredentials(id, creds) {
      const preset = (await presets()).find((c) => c.id === id);
      if (!preset) throw new ConfigError({ reason: 'no-such-connection' });
      // Bound, like an own connection's, to the origin and trust path the policy gives it.
      await credentials.set(id, creds, originOfUrl(preset.baseUrl), trustPathOf(preset));
      credentials.forget(id);
      logger.info('connection.preset-credentials-saved', { connectionId: id });
      return { ...preset, ...certificateSummary(preset), hasCredentials: true, managed: true };
    },

    async test({ id, connection, credentials: creds, proxyCredentials }) {
      checkExtraCertificate(connection);
      // Stored credentials only go to the origin and trust path they were entered for, even
      // for a test, and never by network settings that are not saved yet.
      const saved = !creds && id ? await access.find(id) : undefined;
      if (saved && originOfUrl(saved.baseUrl) === originOfUrl(connection.baseUrl)) {
        const unsaved = trustChanges(trustPathOf(saved), trustPathOf(connection));
        if (unsaved.length > 0) throw trustChangedError(unsaved, 'form-fields');
      }
      const useCreds = creds ?? (saved ? await credentialsFor(credentials, saved.id, saved.baseUrl, connection, 'form-fields') : undefined);
      if (!useCreds) throw new InputError({ reason: 'credentials-needed' });
      const network = networkOf(connection, proxyCredentials);
      const client = withClientIdErrors(createClient({ baseUrl: connection.baseUrl, clientId: connection.clientId, credentials: useCreds, network }));
      // Purchases need the key and secret but not the Client ID; the details call needs the Client ID.
      await client.findPurchases({ pageSize: 1 });
      await proveClientId(client);
      const exchange = client.lastExchange?.();
      // Asked for once: proxy credentials that got the test through are kept for that proxy.
      await keepProxyCredentials(deps.proxyCredentials, exchange?.route, proxyCredentials);
      logger.info('connection.tested', { environment: connection.environment, route: exchange?.route.kind ?? 'unknown' });
      return {
        host: hostOfUrl(connection.baseUrl),
        ...(exchange ? { route: exchange.route } : {}),
        ...(exchange?.tlsIssuer ? { tlsIssuer: exchange.tlsIssuer } : {}),
      };
    },
  };
}

import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { presetProblem } from '../../common/environment-of-host';
import {
  REQUEST_SCHEMAS,
  type LookupReaderResult,
  type ConnectionSummary,
  type ReaderMatch,
} from '../../common/contract';
import { describeQuery, parseLookupQuery } from '../../common/lookup-query';
import { fail, invalidInput, ok, type BridgeError, type Result } from '../../common/result';
import type { CredentialStore } from '../credentials/credential-store';
import { KeychainError } from '../credentials/keychain-errors';
import { credentialsFor, hostOfUrl, originOfUrl } from '../credentials/credential-binding';
import { ApiError } from '../conscent/api-error';
import { proveClientId, withClientIdErrors } from '../conscent/client-id-check';
import type { ConsCentClient, ApiAccess } from '../conscent/conscent-client';
import { viewFromDetails, viewFromUserData } from '../conscent/reader-view';
import type { Logger } from '../logging/logger';
import { createLastReturnedRecords, withRemembered, type LastReturnedRecords } from '../readers/last-returned-records';
import { SettingsError, type ConnectionStore } from '../settings/connection-store';
import type { StoredConnection } from '../settings/settings-schema';
import type { BridgeHandlers } from './register-bridge';

export interface BridgeDeps {
  connections: ConnectionStore;
  credentials: CredentialStore;
  createClient: (connection: ApiAccess) => ConsCentClient;
  logger: Logger;
  newId?: () => string;
  /** What updates returned in this session; a fresh memory when absent. */
  lastReturned?: LastReturnedRecords;
}

export const UPDATE_IN_FLIGHT_MESSAGE =
  'A save for this reader is already being sent to ConsCent. Wait for it to finish, then look the reader up again before changing anything else.';

type Schemas = typeof REQUEST_SCHEMAS;
type Valid<K extends keyof Schemas> = Schemas[K] extends z.ZodType ? z.output<Schemas[K]> : never;

/**
 * The main-process side of every bridge operation. Each takes an untrusted payload,
 * validates it against the contract, and answers with a Result: nothing thrown ever
 * crosses IPC, and nothing secret is ever returned.
 */
export function createBridgeHandlers(deps: BridgeDeps): BridgeHandlers {
  const { connections, credentials, createClient, logger } = deps;
  const newId = deps.newId ?? randomUUID;
  const lastReturned = deps.lastReturned ?? createLastReturnedRecords();
  /** Connection id + user id of every update whose PATCH has not answered yet. */
  const updatesInFlight = new Set<string>();

  /** Validates the payload, runs the operation, and turns any failure into data. */
  function operation<K extends Exclude<keyof Schemas, 'listConnections'>, T>(
    name: K,
    what: string,
    run: (request: Valid<K>) => Promise<T>,
  ): (payload: unknown) => Promise<Result<T>> {
    const schema = REQUEST_SCHEMAS[name] as z.ZodType;
    return async (payload) => {
      const parsed = schema.safeParse(payload);
      if (!parsed.success) {
        logger.warn('bridge.invalid-input', { operation: name });
        return fail(bounded(invalidInput(parsed.error, what)));
      }
      try {
        return ok(await run(parsed.data as Valid<K>));
      } catch (error) {
        const bridgeError = toBridgeError(error);
        logger.warn('bridge.failed', { operation: name, kind: bridgeError.kind });
        return fail(bounded(bridgeError));
      }
    };
  }

  async function findConnection(id: string): Promise<StoredConnection> {
    const { settings } = await connections.load();
    const connection = settings.connections.find((p) => p.id === id);
    if (!connection) throw new ApiError('not-configured', 'That connection no longer exists. Choose or create another one.');
    return connection;
  }

  async function clientFor(connectionId: string): Promise<ConsCentClient> {
    const connection = await findConnection(connectionId);
    const stored = await credentialsFor(credentials, connectionId, connection.baseUrl, connection.baseUrl, 'connection');
    return withClientIdErrors(createClient({ baseUrl: connection.baseUrl, clientId: connection.clientId, credentials: stored }));
  }

  async function summaries(list: StoredConnection[]): Promise<{ connections: ConnectionSummary[]; keychainProblem?: string }> {
    let withCredentials: Set<string>;
    let keychainProblem: string | undefined;
    try {
      withCredentials = new Set(await credentials.listConnectionIds());
    } catch (error) {
      withCredentials = new Set();
      keychainProblem = toBridgeError(error).message;
    }
    const result = list.map((p) => ({ ...p, hasCredentials: withCredentials.has(p.id) }));
    return keychainProblem ? { connections: result, keychainProblem } : { connections: result };
  }

  return {
    async listConnections() {
      try {
        const { settings, recovered } = await connections.load();
        const { connections: list, keychainProblem } = await summaries(settings.connections);
        return ok({
          connections: list,
          activeConnectionId: settings.activeConnectionId,
          ...(recovered ? { recovered } : {}),
          ...(keychainProblem ? { keychainProblem } : {}),
        });
      } catch (error) {
        return fail(toBridgeError(error));
      }
    },

    saveConnection: operation('saveConnection', 'The connection', async ({ id, connection, credentials: creds }) => {
      const existing = id === undefined ? undefined : await findConnection(id);
      if (!existing && !creds) {
        throw new ApiError('invalid-input', 'Enter the API key and secret for a new connection.');
      }
      // The banner follows the host anyway; a preset naming another host is a mistake to fix.
      const wrongPreset = presetProblem(connection.environment, connection.baseUrl);
      if (wrongPreset) throw new ApiError('invalid-input', wrongPreset, undefined, undefined, { fields: { 'connection.environment': wrongPreset } });
      const stored: StoredConnection = { ...connection, id: id ?? newId() };
      // Kept credentials stay bound to their origin: another origin needs them typed again.
      if (existing && !creds && (await credentials.get(stored.id)) !== null) {
        await credentialsFor(credentials, stored.id, existing.baseUrl, stored.baseUrl, 'form-fields');
      }
      const previous = creds && existing ? await credentials.get(stored.id).catch(() => null) : null;
      if (creds) await credentials.set(stored.id, creds, originOfUrl(stored.baseUrl));
      try {
        await connections.upsert(stored);
      } catch (error) {
        // Keep keychain and settings in step: undo the credential write.
        if (creds) {
          if (previous) {
            const { origin, ...kept } = previous;
            await credentials.set(stored.id, kept, origin).catch(() => undefined);
          } else await credentials.delete(stored.id).catch(() => undefined);
        }
        throw error;
      }
      if (existing && hostOfUrl(existing.baseUrl) !== hostOfUrl(stored.baseUrl)) {
        // Hosts only: where this connection's requests (and credentials) go from now on.
        logger.info('connection.host-changed', { connectionId: stored.id, from: hostOfUrl(existing.baseUrl), to: hostOfUrl(stored.baseUrl) });
      }
      logger.info('connection.saved', { connectionId: stored.id, environment: stored.environment, newCredentials: Boolean(creds) });
      return { ...stored, hasCredentials: creds ? true : (await credentials.get(stored.id)) !== null };
    }),

    deleteConnection: operation('deleteConnection', 'The connection', async ({ id }) => {
      await findConnection(id);
      await credentials.delete(id);
      await connections.remove(id);
      lastReturned.forgetConnection(id);
      logger.info('connection.deleted', { connectionId: id });
      return { id };
    }),

    selectConnection: operation('selectConnection', 'The connection', async ({ id }) => {
      await findConnection(id);
      await connections.setActive(id);
      return { id };
    }),

    testConnection: operation('testConnection', 'The connection', async ({ id, connection, credentials: creds }) => {
      // Stored credentials only go to the origin they were entered for, even for a test.
      const saved = !creds && id ? await findConnection(id) : undefined;
      const useCreds = creds ?? (saved ? await credentialsFor(credentials, saved.id, saved.baseUrl, connection.baseUrl, 'form-fields') : undefined);
      if (!useCreds) throw new ApiError('invalid-input', 'Enter the API key and secret to test them.');
      const client = withClientIdErrors(createClient({ baseUrl: connection.baseUrl, clientId: connection.clientId, credentials: useCreds }));
      // Purchases need the key and secret but not the Client ID; the details call needs the Client ID.
      await client.findPurchases({ pageSize: 1 });
      await proveClientId(client);
      logger.info('connection.tested', { environment: connection.environment });
      return { message: `Connected to ${hostOfUrl(connection.baseUrl)}: ConsCent accepted the API key and secret, and the Client ID.` };
    }),

    lookupReader: operation('lookupReader', 'The search', async ({ connectionId, query }) => {
      const parsed = parseLookupQuery(query);
      if (!parsed.ok) throw new ApiError('invalid-input', parsed.message);
      const q = parsed.query;
      const client = await clientFor(connectionId);
      const result: LookupReaderResult = { understoodAs: describeQuery(q), queryKind: q.kind, matches: [] };
      if (q.kind === 'userId') {
        try {
          const details = await client.getUserAndSubscriptions({ userId: q.userId });
          result.matches = [
            {
              userId: q.userId,
              ...optional('name', details.userdetails.name),
              ...optional('email', details.userdetails.email),
              purchases: details.userSubscriptions.length,
            },
          ];
        } catch (error) {
          if (!(error instanceof ApiError && error.kind === 'not-found')) throw error;
        }
        logger.info('reader.lookup', { by: q.kind, matches: result.matches.length });
        return result;
      }
      const filter = q.kind === 'email' ? { email: q.email } : { phoneNumber: q.phone };
      const { purchases } = await client.findPurchases(filter);
      const byUser = new Map<string, ReaderMatch>();
      for (const purchase of purchases) {
        const seen = byUser.get(purchase.userId);
        if (seen) {
          seen.purchases += 1;
          continue;
        }
        byUser.set(purchase.userId, {
          userId: purchase.userId,
          ...optional('name', purchase.userName ?? undefined),
          ...optional('email', purchase.userEmail ?? undefined),
          purchases: 1,
        });
      }
      result.matches = [...byUser.values()];
      if (result.matches.length === 0) {
        const known = await knownWithoutPurchases(client, q.kind === 'email' ? { email: q.email } : { phoneNumber: q.phone });
        if (known) {
          result.hint =
            `ConsCent knows a reader with this ${q.kind === 'email' ? 'email' : 'phone number'}${known.name ? ` (${known.name})` : ''}, ` +
            "but they have no purchases, and purchases are the only way ConsCent's API tells the console a user id. " +
            'Ask the reader for their user id, or find it in the ConsCent dashboard, and search for that.';
        }
      }
      logger.info('reader.lookup', { by: q.kind, matches: result.matches.length });
      return result;
    }),

    openReader: operation('openReader', 'The user id', async ({ connectionId, userId }) => {
      const origin = originOf(await findConnection(connectionId));
      const client = await clientFor(connectionId);
      try {
        const view = viewFromDetails(userId, await client.getUserAndSubscriptions({ userId }));
        return withRemembered(view, lastReturned.recall(origin, userId));
      } catch (error) {
        throw notFoundAs(error, `ConsCent has no reader with user id ${userId}.`);
      }
    }),

    updateReader: operation('updateReader', 'The changes', async ({ connectionId, userId, changes }) => {
      // Checked and marked before the first await, so two calls arriving together cannot
      // both pass: a second PATCH for the same reader must never race the first.
      const key = `${connectionId}/${userId.toLowerCase()}`;
      if (updatesInFlight.has(key)) {
        logger.warn('reader.update-refused-in-flight', { connectionId, userId });
        throw new ApiError('invalid-input', UPDATE_IN_FLIGHT_MESSAGE);
      }
      updatesInFlight.add(key);
      try {
        // Read before the PATCH: once ConsCent has answered, nothing may turn a save into a failure.
        const origin = originOf(await findConnection(connectionId));
        const client = await clientFor(connectionId);
        try {
          const response = await client.updateUser(userId, changes);
          logger.info('reader.updated', { connectionId, userId, fields: Object.keys(changes).join(',') });
          const user = viewFromUserData(response.userData);
          lastReturned.remember(origin, user);
          return { message: response.message, sent: changes, user };
        } catch (error) {
          logger.warn('reader.update-failed', { connectionId, userId, kind: toBridgeError(error).kind });
          // A timeout may have applied the change: what was remembered may be out of date.
          lastReturned.forget(origin, userId);
          throw notFoundAs(error, `ConsCent has no reader with user id ${userId}. Nothing was changed.`);
        }
      } finally {
        updatesInFlight.delete(key);
      }
    }),
  };
}

/** Whether the details endpoint knows this email/phone, for a helpful "not found". */
async function knownWithoutPurchases(
  client: ConsCentClient,
  selector: { email: string } | { phoneNumber: string },
): Promise<{ name?: string } | undefined> {
  try {
    const details = await client.getUserAndSubscriptions(selector);
    return optional('name', details.userdetails.name);
  } catch (error) {
    if (error instanceof ApiError && error.kind === 'not-found') return undefined;
    throw error;
  }
}

function optional<K extends string>(key: K, value: string | undefined): { [P in K]?: string } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: string };
}

/** The ConsCent a connection points at now, so a repointed connection never reuses old records. */
function originOf(connection: StoredConnection) {
  return { connectionId: connection.id, baseUrl: connection.baseUrl, clientId: connection.clientId };
}

function notFoundAs(error: unknown, message: string): unknown {
  return error instanceof ApiError && error.kind === 'not-found' ? new ApiError('not-found', message) : error;
}

const MAX_MESSAGE = 500;
const MAX_FIELDS = 30;
const MAX_FIELD_KEY = 120;
const MAX_FIELD_MESSAGE = 300;

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/**
 * Caps what an error sends back over IPC. Validation messages can quote the payload
 * (zod names unrecognised keys verbatim), so a hostile or buggy caller could otherwise
 * get megabytes echoed back for every call.
 */
function bounded(error: BridgeError): BridgeError {
  const result: BridgeError = { ...error, message: clip(error.message, MAX_MESSAGE) };
  if (error.fields) {
    result.fields = Object.fromEntries(
      Object.entries(error.fields)
        .slice(0, MAX_FIELDS)
        .map(([key, message]) => [clip(key, MAX_FIELD_KEY), clip(message, MAX_FIELD_MESSAGE)]),
    );
  }
  return result;
}

/** Every failure becomes data with a kind and a human message; nothing else leaks out. */
export function toBridgeError(error: unknown): BridgeError {
  if (error instanceof ApiError) return error.toBridgeError();
  if (error instanceof KeychainError) return { kind: 'keychain', message: error.message };
  if (error instanceof SettingsError) return { kind: 'settings', message: error.message };
  return { kind: 'unexpected-response', message: 'Something unexpected went wrong in the console. Try again; if it keeps happening, send the support log to your IT team.' };
}

import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { presetProblem } from '../../common/environment-of-host';
import {
  REQUEST_SCHEMAS,
  type LookupUserResult,
  type ProfileSummary,
  type UserMatch,
} from '../../common/contract';
import { describeQuery, parseLookupQuery } from '../../common/lookup-query';
import { fail, invalidInput, ok, type BridgeError, type Result } from '../../common/result';
import type { CredentialStore } from '../credentials/credential-store';
import { KeychainError } from '../credentials/keychain-errors';
import { credentialsFor, hostOfUrl, originOfUrl } from '../credentials/credential-binding';
import { ApiError } from '../conscent/api-error';
import { proveClientId, withClientIdErrors } from '../conscent/client-id-check';
import type { ConsCentClient, Connection } from '../conscent/conscent-client';
import { viewFromDetails, viewFromUserData } from '../conscent/user-view';
import type { Logger } from '../logging/logger';
import { createLastReturnedRecords, withRemembered, type LastReturnedRecords } from '../readers/last-returned-records';
import { SettingsError, type ProfileStore } from '../settings/profile-store';
import type { StoredProfile } from '../settings/settings-schema';
import type { BridgeHandlers } from './register-bridge';

export interface BridgeDeps {
  profiles: ProfileStore;
  credentials: CredentialStore;
  createClient: (connection: Connection) => ConsCentClient;
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
  const { profiles, credentials, createClient, logger } = deps;
  const newId = deps.newId ?? randomUUID;
  const lastReturned = deps.lastReturned ?? createLastReturnedRecords();
  /** Profile id + user id of every update whose PATCH has not answered yet. */
  const updatesInFlight = new Set<string>();

  /** Validates the payload, runs the operation, and turns any failure into data. */
  function operation<K extends Exclude<keyof Schemas, 'listProfiles'>, T>(
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

  async function findProfile(id: string): Promise<StoredProfile> {
    const { settings } = await profiles.load();
    const profile = settings.profiles.find((p) => p.id === id);
    if (!profile) throw new ApiError('not-configured', 'That connection no longer exists. Choose or create another one.');
    return profile;
  }

  async function clientFor(profileId: string): Promise<ConsCentClient> {
    const profile = await findProfile(profileId);
    const stored = await credentialsFor(credentials, profileId, profile.baseUrl, profile.baseUrl, 'connection');
    return withClientIdErrors(createClient({ baseUrl: profile.baseUrl, clientId: profile.clientId, credentials: stored }));
  }

  async function summaries(list: StoredProfile[]): Promise<{ profiles: ProfileSummary[]; keychainProblem?: string }> {
    let withCredentials: Set<string>;
    let keychainProblem: string | undefined;
    try {
      withCredentials = new Set(await credentials.listProfileIds());
    } catch (error) {
      withCredentials = new Set();
      keychainProblem = toBridgeError(error).message;
    }
    const result = list.map((p) => ({ ...p, hasCredentials: withCredentials.has(p.id) }));
    return keychainProblem ? { profiles: result, keychainProblem } : { profiles: result };
  }

  return {
    async listProfiles() {
      try {
        const { settings, recovered } = await profiles.load();
        const { profiles: list, keychainProblem } = await summaries(settings.profiles);
        return ok({
          profiles: list,
          activeProfileId: settings.activeProfileId,
          ...(recovered ? { recovered } : {}),
          ...(keychainProblem ? { keychainProblem } : {}),
        });
      } catch (error) {
        return fail(toBridgeError(error));
      }
    },

    saveProfile: operation('saveProfile', 'The connection', async ({ id, profile, credentials: creds }) => {
      const existing = id === undefined ? undefined : await findProfile(id);
      if (!existing && !creds) {
        throw new ApiError('invalid-input', 'Enter the API key and secret for a new connection.');
      }
      // The banner follows the host anyway; a preset naming another host is a mistake to fix.
      const wrongPreset = presetProblem(profile.environment, profile.baseUrl);
      if (wrongPreset) throw new ApiError('invalid-input', wrongPreset, undefined, undefined, { fields: { 'profile.environment': wrongPreset } });
      const stored: StoredProfile = { ...profile, id: id ?? newId() };
      // Kept credentials stay bound to their origin: another origin needs them typed again.
      if (existing && !creds && (await credentials.get(stored.id)) !== null) {
        await credentialsFor(credentials, stored.id, existing.baseUrl, stored.baseUrl, 'form-fields');
      }
      const previous = creds && existing ? await credentials.get(stored.id).catch(() => null) : null;
      if (creds) await credentials.set(stored.id, creds, originOfUrl(stored.baseUrl));
      try {
        await profiles.upsert(stored);
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
        logger.info('profile.host-changed', { profileId: stored.id, from: hostOfUrl(existing.baseUrl), to: hostOfUrl(stored.baseUrl) });
      }
      logger.info('profile.saved', { profileId: stored.id, environment: stored.environment, newCredentials: Boolean(creds) });
      return { ...stored, hasCredentials: creds ? true : (await credentials.get(stored.id)) !== null };
    }),

    deleteProfile: operation('deleteProfile', 'The connection', async ({ id }) => {
      await findProfile(id);
      await credentials.delete(id);
      await profiles.remove(id);
      lastReturned.forgetProfile(id);
      logger.info('profile.deleted', { profileId: id });
      return { id };
    }),

    selectProfile: operation('selectProfile', 'The connection', async ({ id }) => {
      await findProfile(id);
      await profiles.setActive(id);
      return { id };
    }),

    testConnection: operation('testConnection', 'The connection', async ({ id, profile, credentials: creds }) => {
      // Stored credentials only go to the origin they were entered for, even for a test.
      const saved = !creds && id ? await findProfile(id) : undefined;
      const useCreds = creds ?? (saved ? await credentialsFor(credentials, saved.id, saved.baseUrl, profile.baseUrl, 'form-fields') : undefined);
      if (!useCreds) throw new ApiError('invalid-input', 'Enter the API key and secret to test them.');
      const client = withClientIdErrors(createClient({ baseUrl: profile.baseUrl, clientId: profile.clientId, credentials: useCreds }));
      // Purchases need the key and secret but not the Client ID; the details call needs the Client ID.
      await client.findPurchases({ pageSize: 1 });
      await proveClientId(client);
      logger.info('profile.tested', { environment: profile.environment });
      return { message: `Connected to ${hostOfUrl(profile.baseUrl)}: ConsCent accepted the API key and secret, and the Client ID.` };
    }),

    lookupUser: operation('lookupUser', 'The search', async ({ profileId, query }) => {
      const parsed = parseLookupQuery(query);
      if (!parsed.ok) throw new ApiError('invalid-input', parsed.message);
      const q = parsed.query;
      const client = await clientFor(profileId);
      const result: LookupUserResult = { understoodAs: describeQuery(q), queryKind: q.kind, matches: [] };
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
        logger.info('user.lookup', { by: q.kind, matches: result.matches.length });
        return result;
      }
      const filter = q.kind === 'email' ? { email: q.email } : { phoneNumber: q.phone };
      const { purchases } = await client.findPurchases(filter);
      const byUser = new Map<string, UserMatch>();
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
      logger.info('user.lookup', { by: q.kind, matches: result.matches.length });
      return result;
    }),

    getUser: operation('getUser', 'The user id', async ({ profileId, userId }) => {
      const origin = originOf(await findProfile(profileId));
      const client = await clientFor(profileId);
      try {
        const view = viewFromDetails(userId, await client.getUserAndSubscriptions({ userId }));
        return withRemembered(view, lastReturned.recall(origin, userId));
      } catch (error) {
        throw notFoundAs(error, `ConsCent has no reader with user id ${userId}.`);
      }
    }),

    updateUser: operation('updateUser', 'The changes', async ({ profileId, userId, changes }) => {
      // Checked and marked before the first await, so two calls arriving together cannot
      // both pass: a second PATCH for the same reader must never race the first.
      const key = `${profileId}/${userId.toLowerCase()}`;
      if (updatesInFlight.has(key)) {
        logger.warn('user.update-refused-in-flight', { profileId, userId });
        throw new ApiError('invalid-input', UPDATE_IN_FLIGHT_MESSAGE);
      }
      updatesInFlight.add(key);
      try {
        // Read before the PATCH: once ConsCent has answered, nothing may turn a save into a failure.
        const origin = originOf(await findProfile(profileId));
        const client = await clientFor(profileId);
        try {
          const response = await client.updateUser(userId, changes);
          logger.info('user.updated', { profileId, userId, fields: Object.keys(changes).join(',') });
          const user = viewFromUserData(response.userData);
          lastReturned.remember(origin, user);
          return { message: response.message, sent: changes, user };
        } catch (error) {
          logger.warn('user.update-failed', { profileId, userId, kind: toBridgeError(error).kind });
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

/** The ConsCent a profile points at now, so a repointed connection never reuses old records. */
function originOf(profile: StoredProfile) {
  return { profileId: profile.id, baseUrl: profile.baseUrl, clientId: profile.clientId };
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

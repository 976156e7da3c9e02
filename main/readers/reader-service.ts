import type { LookupReaderResult, ReaderView, UpdateReaderResult } from '../../common/readers-contract';
import { parseLookupQuery } from '../../common/lookup-query';
import { saveOutcomeOf } from '../../common/save-outcome';
import type { UserChanges } from '../../common/user-schemas';
import type { UserAndSubscriptionDetails } from '../conscent/conscent-answers';
import type { StoredConnection } from '../settings/settings-schema';
import { ApiError } from '../conscent/api-error';
import { viewFromDetails, viewFromUserData } from '../conscent/reader-view';
import { recordOriginOf, type ConnectionAccess } from '../connections/connection-access';
import type { RecordOrigin } from './last-returned-records';
import { InputError } from '../errors/input-error';
import { ConsoleFailure, toBridgeError } from '../errors/console-failure';
import type { Logger } from '../logging/logger';
import type { HistoryService } from '../history/history-service';
import type { BulkRef } from '../history/journal-lines';
import { createLastReturnedRecords, withRemembered, type LastReturnedRecords } from './last-returned-records';
import { createCurrentSearches } from './current-searches';
import { lookUpReaders } from './reader-lookup';
import { environmentOfHost } from '../../common/environment-of-host';
import type { PolicyGate } from '../policy/policy-gate';
import { MAIN_STAGES, stage } from '../timing/stage-spans';

// Finding, opening and updating a reader over one of the agent's connections. An update
// is sent exactly once and never while another for the same reader is on its way.

export interface ReaderServiceDeps {
  access: ConnectionAccess;
  lastReturned: LastReturnedRecords;
  logger: Logger;
  /** The change history every update is recorded in (docs/history.md). */
  history: HistoryService;
  /** The admin's policy (issue 21.1): Production writes and reverts may be turned off. None when absent. */
  policy?: PolicyGate;
  /**
   * Answer a save before its outcome line is on disk (issue 23): the pending line already
   * is, and reads of the history wait for the outcome line. Off: the answer waits for it.
   */
  outcomeAfterAnswer?: boolean;
}

export interface ReaderService {
  /** `searchId`: the page's number for this search; a newer one abandons it (current-searches.ts). */
  lookup(connectionId: string, query: string, searchId?: number): Promise<LookupReaderResult>;
  open(connectionId: string, userId: string): Promise<ReaderView>;
  /** `revertOf`: the history entry this update reverts. */
  update(connectionId: string, userId: string, changes: UserChanges, revertOf?: number, hooks?: UpdateHooks): Promise<UpdateReaderResult>;
}

/** What goes with an update besides its changes: the agent's ticket, and a bulk run's hooks. */
export interface UpdateHooks {
  /** The ticket or reason the agent gave (issue 20): kept in the history entry. */
  ticket?: string;
  /** For a bulk run (main/bulk/): written into the history entry, so a resuming run can tell its own entries. */
  bulk?: BulkRef;
  /** For a bulk run: told the history entry once it is on disk, before the PATCH goes. Throwing stops the update before the PATCH: the history entry is then recorded "not sent". */
  beforeSend?(entryId: number | undefined): Promise<void>;
}

/** A save for this reader is still on its way to ConsCent; this one was not sent. */
export class UpdateInFlightError extends ConsoleFailure {
  override readonly name = 'UpdateInFlightError';
  constructor() {
    super({ kind: 'update-in-flight' });
  }
}

export function createReaderService({ access, lastReturned, logger, history, policy, outcomeAfterAnswer }: ReaderServiceDeps): ReaderService {
  /** Connection id + user id of every update whose PATCH has not answered yet. */
  const updatesInFlight = new Set<string>();
  // What the agent was last shown of each reader: the "before" of the next change the
  // history records. Same bounds and origin rules as what updates returned.
  const lastShown = createLastReturnedRecords();
  const searches = createCurrentSearches();

  /**
   * The record ConsCent returned in this session, else the history's (issue 17): a list
   * known only from a save before this console started may have changed elsewhere since,
   * so the review makes the agent confirm it; one ConsCent returned in this session does not.
   */
  async function rememberedFor(origin: RecordOrigin, userId: string) {
    return lastReturned.recall(origin, userId) ?? (await history.remembered(origin, userId));
  }

  /**
   * Records ConsCent's answer; a history that cannot write never turns a save into a failure.
   * The agent's answer does not wait for the outcome line (issue 23): the pending line was
   * on disk before the PATCH, and reads of the history wait for it. A bulk run waits, as its
   * run files must never be ahead of the history a resumed run checks.
   */
  async function finish(entryId: number | undefined, answer: Parameters<HistoryService['finish']>[1], wait = true): Promise<void> {
    if (entryId === undefined) return;
    const failed = () => logger.warn('history.outcome-not-recorded', { entryId });
    if (wait) await stage(MAIN_STAGES.historyOutcome, () => history.finish(entryId, answer)).catch(failed);
    else history.finishLater(entryId, answer, failed);
  }

  /** The reader as the agent is shown it, remembered as the "before" of their next change. */
  async function shownView(connection: StoredConnection, userId: string, details: UserAndSubscriptionDetails): Promise<ReaderView> {
    const origin = recordOriginOf(connection);
    const view = withRemembered(viewFromDetails(userId, details), await rememberedFor(origin, userId));
    lastShown.remember(origin, view);
    return view;
  }

  return {
    async lookup(connectionId, query, searchId) {
      const parsed = parseLookupQuery(query);
      // The shared parser's own words, as for any field the shared schemas refuse.
      if (!parsed.ok) throw new InputError({ reason: 'query', fields: { query: parsed.message } });
      // Begun first, so the search this one replaces stops at once.
      const search = searches.begin(connectionId, searchId);
      try {
        const connection = await access.find(connectionId);
        const client = await access.clientFor(connection);
        const { result, single } = await lookUpReaders(client, parsed.query, search.signal);
        // The single match opens from the answer already here: one round trip in all.
        if (single) result.opened = await shownView(connection, single.userId, single.details);
        if (search.signal?.aborted) throw search.signal.reason;
        logger.info('reader.lookup', { by: parsed.query.kind, matches: result.matches.length, opened: Boolean(result.opened) });
        return result;
      } finally {
        search.end();
      }
    },

    async open(connectionId, userId) {
      const connection = await access.find(connectionId);
      const client = await access.clientFor(connection);
      try {
        return await shownView(connection, userId, await client.getUserAndSubscriptions({ userId }));
      } catch (error) {
        throw asNoSuchReader(error, userId);
      }
    },

    async update(connectionId, userId, changes, revertOf, hooks) {
      // Checked and marked before the first await, so two calls arriving together cannot
      // both pass: a second PATCH for the same reader must never race the first.
      const key = `${connectionId}/${userId.toLowerCase()}`;
      if (updatesInFlight.has(key)) {
        logger.warn('reader.update-refused-in-flight', { connectionId, userId });
        throw new UpdateInFlightError();
      }
      updatesInFlight.add(key);
      try {
        // Read before the PATCH: once ConsCent has answered, nothing may turn a save into a failure.
        const connection = await access.find(connectionId);
        if (policy) {
          await policy.ready();
          const production = environmentOfHost(connection.baseUrl).kind === 'production';
          policy.check(policy.mayWrite({ production, bulk: hooks?.bulk !== undefined, revert: revertOf !== undefined }));
          if (policy.ticketRequired && !hooks?.ticket) policy.check({ kind: 'policy', reason: 'forbidden', key: 'requireTicket' });
        }
        const origin = recordOriginOf(connection);
        const client = await access.clientFor(connection);
        if (revertOf !== undefined) await history.checkRevertOf(revertOf, connectionId, userId);
        // Recorded and on disk before the PATCH is sent; if it cannot be, nothing is sent.
        const before = lastShown.recall(origin, userId)?.view;
        const entryId = await stage(MAIN_STAGES.historyPending, () =>
          history.begin({
            connection,
            userId,
            changes,
            before,
            ...(revertOf !== undefined ? { revertOf } : {}),
            ...(hooks?.bulk ? { bulk: hooks.bulk } : {}),
            ...(hooks?.ticket ? { ticket: hooks.ticket } : {}),
          }),
        );
        try {
          await hooks?.beforeSend?.(entryId);
        } catch (error) {
          await finish(entryId, { ok: false, error: toBridgeError(error), notSent: true });
          throw error;
        }
        try {
          const response = await client.updateUser(userId, changes);
          logger.info('reader.updated', { connectionId, userId, fields: Object.keys(changes).join(',') });
          const reader = viewFromUserData(response.userData);
          lastReturned.remember(origin, reader);
          lastShown.remember(origin, reader);
          await finish(entryId, { ok: true, message: response.message, record: response.userData }, !outcomeAfterAnswer || hooks?.bulk !== undefined);
          return { message: response.message, sent: changes, user: reader };
        } catch (error) {
          logger.warn('reader.update-failed', { connectionId, userId, kind: toBridgeError(error).kind });
          // An unknown outcome may have applied the change: what was remembered may be out
          // of date. A refusal applied nothing, so what ConsCent returned still holds.
          if (saveOutcomeOf(toBridgeError(error)) === 'unknown') {
            lastReturned.forget(origin, userId);
            lastShown.forget(origin, userId);
          }
          await finish(entryId, { ok: false, error: toBridgeError(error) }, !outcomeAfterAnswer || hooks?.bulk !== undefined);
          throw asNoSuchReader(error, userId);
        }
      } finally {
        updatesInFlight.delete(key);
      }
    },
  };
}

/** ConsCent's 404 for a user id means no such reader (not a wrong base URL). */
function asNoSuchReader(error: unknown, userId: string): unknown {
  return error instanceof ApiError && error.kind === 'not-found' ? error.with('not-found', { reason: 'no-such-reader', userId }) : error;
}

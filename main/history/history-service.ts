import type { ReaderView } from '../../common/readers-contract';
import {
  DEFAULT_RETENTION_DAYS,
  type ExportHistoryResult,
  type HistoryEntry,
  type HistoryFilter,
  type HistoryPage,
  type HistoryPreferences,
  type HistorySettings,
  type RevertPlan,
} from '../../common/history-schemas';
import { NETWORK_REASONS, type BridgeError, type NetworkReason } from '../../common/result';
import { saveOutcomeOf } from '../../common/save-outcome';
import type { UserChanges } from '../../common/user-schemas';
import type { UserData } from '../conscent/conscent-answers';
import { hostOfUrl } from '../credentials/credential-binding';
import type { RecordOrigin } from '../readers/last-returned-records';
import type { StoredConnection } from '../settings/settings-schema';
import { currentIdentity, type AgentIdentity } from './agent-identity';
import { readerOf, recordedChanges } from './change-entry';
import { HistoryError } from './history-error';
import { writeCsvFile } from '../exports/csv-file';
import { CSV_HEADER, rowsOf } from './history-csv';
import { openJournal, type Journal } from './journal';
import { keptRecord } from './kept-record';
import type { BulkRef } from './journal-lines';
import type { ReadersFound } from './journal-index';
import { lastKnownRecord, type HistoryRecord } from './last-known';
import { revertPlanFor } from './revert-plan';
import type { Logger } from '../logging/logger';
import type { ChainKeychain } from './chain-keychain';
import type { DataKeyring } from '../at-rest/data-key';
import { KeychainError } from '../credentials/keychain-errors';
import type { Who } from './journal-marks';
import type { JournalObserver } from './journal-observer';
import type { PolicyGate } from '../policy/policy-gate';

// The change history as the rest of main uses it: the update path records each save
// through begin/finish, `remembered` gives a lookup the last record a save returned, and
// the bridge's history operations list, export, prepare reverts and change the settings.
// The journal is opened (and old entries purged) once, on first use.

export interface HistoryServiceOptions {
  /** The history's folder. */
  dir: string;
  preferences: () => Promise<HistoryPreferences | undefined>;
  savePreferences: (preferences: HistoryPreferences) => Promise<void>;
  /** The connections saved now: a revert goes only over the connection that made the change, pointing where it did. */
  savedConnections: () => Promise<readonly StoredConnection[]>;
  /** Asks the agent where to save an export (a save dialog in main); null when cancelled. */
  chooseExportPath: (suggestedName: string) => Promise<string | null>;
  identity?: () => AgentIdentity;
  now?: () => Date;
  /** Where the history's signing key and signed tail live (the OS keychain in the app). */
  keychain?: ChainKeychain;
  /** The key the history's lines are sealed with (the OS keychain in the app). */
  dataKeys?: DataKeyring;
  /**
   * Main's own confirmation before Clear history (a message box main draws, not the
   * page): true only when the agent confirmed. Without it, nothing is ever cleared.
   */
  confirmClear?: (entries: number) => Promise<boolean>;
  /** The support log: clears, purges, retention changes and damage found are written there. */
  logger?: Logger;
  /** Told of every journal line before it is written: the audit outbox (issue 20, main/audit/). */
  observer?: JournalObserver;
  /** The admin's policy (issue 21.1): clearing may be off, the retention may have a minimum. None when absent. */
  policy?: PolicyGate;
}

/** `notSent`: the request provably never left (a bulk run could not record it as sending). */
export type UpdateAnswer = { ok: true; message: string; record: UserData } | { ok: false; error: BridgeError; notSent?: true };

export type BeginUpdate = {
  connection: StoredConnection;
  userId: string;
  changes: UserChanges;
  /** What the console last showed the agent of this reader: the values before. */
  before: ReaderView | undefined;
  revertOf?: number;
  /** The bulk run's row this change is (main/bulk/). */
  bulk?: BulkRef;
  /** The ticket or reason the agent gave (issue 20). */
  ticket?: string;
};

export type HistoryService = ReturnType<typeof createHistoryService>;

export const DEFAULT_PREFERENCES: HistoryPreferences = { displayName: '', retentionDays: DEFAULT_RETENTION_DAYS };

/** A timeout, a dropped connection, a 5xx or an unreadable answer may have applied the change (common/save-outcome.ts). */
export const outcomeOf = saveOutcomeOf;

function networkReason(error: BridgeError): { reason?: NetworkReason } {
  const reason = NETWORK_REASONS.find((r) => r === error.reason);
  return reason ? { reason } : {};
}

export function createHistoryService(options: HistoryServiceOptions) {
  const identity = options.identity ?? currentIdentity;
  let opening: Promise<Journal> | undefined;
  const preferences = async () => (await options.preferences()) ?? DEFAULT_PREFERENCES;

  const { dir } = options;
  // Outcome lines still being written after the agent was given the answer (finishLater):
  // whatever reads the history waits for them, so it never shows a save as still pending.
  const outcomesBeingWritten = new Set<Promise<void>>();
  const outcomesWritten = async () => {
    while (outcomesBeingWritten.size > 0) await Promise.all(outcomesBeingWritten);
  };
  /** The journal once every outcome line handed to finishLater is on disk: for reads. */
  const settledJournal = async () => {
    await outcomesWritten();
    return journal();
  };

  /** Who a tombstone names: the OS user, their display name, the computer. */
  async function who(): Promise<Who> {
    const { osUser, machine } = identity();
    const displayName = await displayNameOf(osUser);
    return { agent: { osUser, ...(displayName ? { displayName } : {}) }, machine };
  }

  /** Never fewer days than the policy's minimum (issue 21.1), whatever an older settings file says. */
  const keptFor = (days: number) => Math.max(days, options.policy?.minRetentionDays ?? 0);

  /** The policy's template when it sets one (issue 21.1), else the name the agent chose. */
  async function displayNameOf(osUser: string): Promise<string> {
    if (options.policy) {
      await options.policy.ready();
      const fromPolicy = options.policy.displayName(osUser);
      if (fromPolicy !== undefined) return fromPolicy;
    }
    return (await preferences()).displayName;
  }

  function journal(): Promise<Journal> {
    opening ??= Promise.all([preferences(), who()])
      .then(([p, by]) =>
        openJournal({
          dir,
          retentionDays: keptFor(p.retentionDays),
          who: () => by,
          ...(options.now ? { now: options.now } : {}),
          ...(options.keychain ? { keychain: options.keychain } : {}),
          ...(options.dataKeys ? { dataKeys: options.dataKeys } : {}),
          ...(options.logger ? { logger: options.logger } : {}),
          ...(options.observer ? { observer: options.observer } : {}),
        }),
      )
      .catch((error: unknown) => {
        opening = undefined; // the next call tries again
        // A locked or missing keychain is said as such: the agent can do something about it.
        if (error instanceof KeychainError) throw error;
        const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
        throw new HistoryError('history-unwritable', { path: dir, code }, `The change history in ${dir} could not be opened (${code}).`);
      });
    return opening;
  }

  async function entryOrFail(id: number) {
    const found = await (await settledJournal()).entry(id);
    if (!found)
      throw new HistoryError('history-entry-missing', { entryId: id }, `Change ${id} is not in the history (it may have been cleared or purged).`);
    return found;
  }

  async function finish(id: number, answer: UpdateAnswer): Promise<void> {
    const j = await journal();
    await j.complete(
      id,
      answer.ok
        ? { outcome: 'saved', message: answer.message, record: keptRecord(answer.record) }
        : answer.notSent
          ? { outcome: 'failed', errorKind: answer.error.kind, notSent: true }
          : { outcome: outcomeOf(answer.error), errorKind: answer.error.kind, ...networkReason(answer.error) },
    );
  }

  return {
    /** Opens the journal now, so old entries are purged when the console starts. */
    open: () => journal().then(() => undefined),

    async begin({ connection, userId, changes, before, revertOf, bulk, ticket }: BeginUpdate): Promise<number> {
      const j = await journal();
      const { osUser, machine } = identity();
      const displayName = await displayNameOf(osUser);
      try {
        return await j.recordPending({
          agent: { osUser, ...(displayName ? { displayName } : {}) },
          machine,
          connection: {
            connectionId: connection.id,
            name: connection.name,
            environment: connection.environment,
            host: hostOfUrl(connection.baseUrl),
            baseUrl: connection.baseUrl,
            clientId: connection.clientId,
          },
          userId: userId.toLowerCase(),
          reader: readerOf(before),
          changes: recordedChanges(changes, before),
          ...(revertOf ? { revertOf } : {}),
          ...(bulk ? { bulk } : {}),
          ...(ticket ? { ticket } : {}),
        });
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
        throw new HistoryError('history-unwritable', { path: dir, code }, `The change history in ${dir} could not be written (${code}).`);
      }
    },

    /**
     * Records the outcome without holding up the caller (issue 23): the pending line was
     * on disk before the PATCH, so a crash before this line lands shows the change as
     * "outcome unknown", never as lost. `onFailure` hears a line that could not be written.
     */
    finishLater(id: number, answer: UpdateAnswer, onFailure: () => void): void {
      const writing: Promise<void> = finish(id, answer)
        .catch(onFailure)
        .finally(() => outcomesBeingWritten.delete(writing));
      outcomesBeingWritten.add(writing);
    },

    finish,

    /** The last record a save returned for this reader over this ConsCent, when the history has one. */
    async remembered(origin: RecordOrigin, userId: string): Promise<HistoryRecord | undefined> {
      try {
        const j = await settledJournal();
        const found = await lastKnownRecord(j, origin, userId);
        // Never used silently: the form and the review say where these values came from.
        return found && j.integrity().damaged ? { ...found, damaged: true } : found;
      } catch {
        return undefined; // a history that cannot be read never stops a lookup
      }
    },

    /**
     * What the history knows of a bulk run's row sent as entry `id` (a resuming run asks);
     * undefined unless that entry was written for that very run and row: entry ids restart
     * after Clear history, so an id alone may name someone else's change.
     */
    async statusOfBulkRow(id: number, ref: BulkRef): Promise<HistoryEntry['status'] | undefined> {
      const found = await (await settledJournal()).entry(id);
      const bulk = found?.loaded.pending.bulk;
      return bulk && bulk.runId === ref.runId && bulk.row === ref.row ? found.view.status : undefined;
    },

    /**
     * A run's entries with no outcome whose request provably never left: the run sends only
     * after its own "sending" record naming the entry is on disk, so an entry no such record
     * names was never sent. Each gets an outcome line "not sent" (status failed: nothing was
     * applied) instead of staying "outcome unknown". Returns how many.
     */
    async settleNeverSent(runId: string, recordedSending: (row: number, entryId: number) => boolean): Promise<number> {
      const j = await settledJournal();
      const never: number[] = [];
      await j.eachMatching({ outcome: 'unknown' }, async (batch) => {
        for (const { pending, outcome } of batch)
          if (!outcome && pending.bulk?.runId === runId && !recordedSending(pending.bulk.row, pending.id)) never.push(pending.id);
      });
      for (const id of never) await j.complete(id, { outcome: 'failed', errorKind: 'bulk', notSent: true });
      return never.length;
    },

    /** A revert must name a saved change of the same reader over the same connection. */
    async checkRevertOf(revertOf: number, connectionId: string, userId: string): Promise<void> {
      const { view } = await entryOrFail(revertOf);
      if (view.connection.connectionId !== connectionId || view.userId !== userId.toLowerCase()) {
        throw new HistoryError(
          'revert-other-reader',
          { entryId: revertOf },
          `Change ${revertOf} was made to another reader or over another connection.`,
        );
      }
    },

    /** Readers the history knows over this connection whose name or email holds `text` (the local reader search). */
    async findReaders(connectionId: string, text: string, limit: number): Promise<ReadersFound> {
      return (await journal()).findReaders(text, connectionId, limit);
    },

    async list(filter: HistoryFilter, offset: number, limit: number): Promise<HistoryPage> {
      return (await settledJournal()).list(filter, offset, limit);
    },

    async exportCsv(filter: HistoryFilter): Promise<ExportHistoryResult> {
      const j = await settledJournal();
      const day = (options.now?.() ?? new Date()).toISOString().slice(0, 10);
      const path = await options.chooseExportPath(`conscent-history-${day}.csv`);
      if (!path) return { saved: false };
      let entries = 0;
      const rows = await writeCsvFile(path, CSV_HEADER, (emit) =>
        j
          .eachMatching(filter, async (batch) => {
            entries += batch.length;
            await emit(batch.flatMap(rowsOf));
          })
          .then(() => undefined),
      );
      return { saved: true, path, entries, rows };
    },

    async prepareRevert(id: number): Promise<RevertPlan> {
      const { view } = await entryOrFail(id);
      const now = (await options.savedConnections()).find((c) => c.id === view.connection.connectionId);
      if (!now)
        throw new HistoryError(
          'revert-connection-gone',
          { entryId: id },
          `The connection “${view.connection.name}” that made change ${id} no longer exists.`,
        );
      if (now.baseUrl !== view.connection.baseUrl || now.clientId !== view.connection.clientId) {
        throw new HistoryError(
          'revert-connection-moved',
          { entryId: id },
          `The connection “${now.name}” now points at another ConsCent than when change ${id} was made, so it cannot revert it.`,
        );
      }
      const plan = revertPlanFor(view);
      return (await journal()).integrity().damaged ? { ...plan, fromDamagedHistory: true } : plan;
    },

    async settings(): Promise<HistorySettings> {
      const { osUser, machine } = identity();
      const stored = await preferences();
      await options.policy?.ready();
      return { ...stored, retentionDays: keptFor(stored.retentionDays), osUser, machine, folder: dir };
    },

    async saveSettings(next: HistoryPreferences): Promise<HistorySettings> {
      const before = await preferences();
      if (options.policy && next.retentionDays !== before.retentionDays) {
        await options.policy.ready();
        options.policy.check(options.policy.mayKeepHistoryFor(next.retentionDays));
      }
      if (options.policy && next.displayName !== before.displayName) {
        await options.policy.ready();
        // The history names the agent by the organisation's template; a name of their own would never show.
        if (options.policy.displayName('') !== undefined) options.policy.check({ kind: 'policy', reason: 'forbidden', key: 'displayNameTemplate' });
      }
      // Opened before the new retention is saved, so it does not purge by it already.
      const j = await journal().catch(() => undefined);
      await options.savePreferences(next);
      if (!j && before.retentionDays !== next.retentionDays) {
        options.logger?.warn('history.retention-change-not-recorded', { previousDays: before.retentionDays, retentionDays: next.retentionDays });
      }
      if (j && before.retentionDays !== next.retentionDays) {
        // A shorter retention erases entries at the next start: the change itself is signed.
        await j.retentionChanged(await who(), before.retentionDays, next.retentionDays);
      }
      const { osUser, machine } = identity();
      return { ...next, osUser, machine, folder: dir };
    },

    /**
     * Removes the history's entries once main's own dialog has been confirmed, leaving a
     * signed tombstone the new chain starts from. The settings and connections are not touched.
     */
    async clear(): Promise<{ removed: number; cancelled?: true }> {
      if (options.policy) {
        await options.policy.ready();
        options.policy.check(options.policy.mayClearHistory());
      }
      const j = await settledJournal();
      const entries = (await j.list({}, 0, 1)).all;
      if (!(await (options.confirmClear?.(entries) ?? Promise.resolve(false)))) return { removed: 0, cancelled: true };
      return { removed: await j.clear(await who()) };
    },
  };
}

import { FakeBulk } from './fake-bulk';
import { OPERATION_NAMES, takesNoRequest } from '../../common/channels';
import { REQUEST_SCHEMAS, type ConsoleBridge, type OperationName, type RequestOf, type ResultOf } from '../../common/contract';
import { type Credentials, type ConnectionSummary, type ConnectionsState } from '../../common/connections-contract';
import { type LookupReaderResult, type ReaderView } from '../../common/readers-contract';
import { describeQuery, parseLookupQuery } from '../../common/lookup-query';
import { fail, invalidInput, ok, type BridgeError, type Result } from '../../common/result';
import { EDITABLE_FIELDS, UserChanges, type EditableField } from '../../common/user-schemas';
import type { AppEvent } from '../../common/app-events';
import type { LocalReaderMatches, RecentReader, RecentReadersList } from '../../common/recent-readers-contract';
import { FakeHistory, historyChanges } from './fake-history';
import type { TeamLogState } from '../../common/audit-contract';
import { MAX_CONSOLE_WINDOWS } from '../../common/windows-contract';
import type { PolicyView } from '../../common/policy-contract';

// An in-memory ConsoleBridge for component tests. Its methods are made from the bridge's
// table (common/channels.ts), as the preload's are; per operation it only says how it
// answers (answers(), below). Every call validates the request with the table's schema
// (as main does) and is recorded; it keeps credentials to itself
// (summaries only say hasCredentials), and can be scripted to fail or to hold a call
// open. Lookups hide what ConsCent's lookup endpoints do not return (phone, gender,
// address lists), as docs/conscent-api.md describes.

/** What the fake does for each operation, given the request as the page sent it (a missing one is a compile error). */
type FakeAnswers = { [K in OperationName]: (request: RequestOf<K>) => Result<ResultOf<K>> };

export type RecordedCall = { [K in OperationName]: { op: K; request: RequestOf<K> } }[OperationName];

/** A stored connection: the summary plus the credentials the renderer must never see. */
export type FakeConnection = Omit<ConnectionSummary, 'hasCredentials'> & { credentials?: Credentials };

/** A reader as the fake "server" stores it: the full record. */
export type FakeUser = Omit<ReaderView, 'known' | 'source'>;

export type FakeBridgeSeed = {
  connections?: FakeConnection[];
  activeConnectionId?: string | null;
  recovered?: ConnectionsState['recovered'];
  users?: FakeUser[];
};

/** The fields ConsCent's lookup endpoints return (no phone, gender or address lists). */
export const LOOKUP_KNOWN: EditableField[] = ['name', 'email', 'dateOfBirth', 'address'];

export const UPDATED_AT = '2025-06-01T10:00:00.000Z';

type Hold = { promise: Promise<void>; release: () => void };

const clone = <T>(value: T): T => structuredClone(value);

class FakeBridgeState {
  readonly calls: RecordedCall[] = [];
  connections: FakeConnection[];
  activeConnectionId: string | null;
  recovered: ConnectionsState['recovered'];
  users: FakeUser[];
  /** When true, address lists sent by updateReader are appended to the stored ones. */
  appendAddressLists = false;
  /** Forwarding to the team log (issue 20.5): not configured unless a test sets it. */
  teamLog: TeamLogState = { configured: false };
  /** The organisation's policy (issue 21.1): none unless a test sets one. */
  policy: PolicyView = { state: 'none' };
  /** Whether "Send a test event" is delivered. */
  teamLogTestDelivers = true;
  /** Console windows open besides this one (issue 22.4); openReaderWindow is refused once `windowLimit` would be passed. */
  otherWindows = 0;
  windowLimit: number = MAX_CONSOLE_WINDOWS;
  /** What openReader returns for a stored reader; replace to simulate a richer lookup. */
  lookupView: (user: FakeUser) => ReaderView = lookupViewOf;
  /** The change history: every successful updateReader is recorded in it. */
  readonly history = new FakeHistory();
  /** When set, openReader fills these fields as main does from the change history. */
  rememberFromHistory: { at: string; fields: EditableField[]; damaged?: true } | undefined;
  /** The message testConnection answers with when it succeeds. */

  private readonly failures = new Map<OperationName, BridgeError[]>();
  private readonly holds = new Map<OperationName, Hold[]>();
  private nextObjectId = 1;

  constructor(seed: FakeBridgeSeed = {}) {
    this.connections = clone(seed.connections ?? []);
    this.activeConnectionId = seed.activeConnectionId ?? this.connections[0]?.id ?? null;
    this.recovered = seed.recovered;
    this.users = clone(seed.users ?? []);
    const answers = this.answers();
    const methods = this as unknown as Record<string, unknown>;
    for (const name of OPERATION_NAMES) {
      const compute = answers[name] as (request: unknown) => Result<unknown>;
      methods[name] = takesNoRequest(name) ? () => this.answer(name, undefined, compute) : (request: unknown) => this.answer(name, request, compute);
    }
  }

  /** The next call of `op` answers with this error (queued: call again for several). */
  failNext(op: OperationName, error: BridgeError): this {
    const queue = this.failures.get(op) ?? [];
    queue.push(error);
    this.failures.set(op, queue);
    return this;
  }

  /** The next call of `op` waits until `release()`; lets a test look at the in-flight UI. */
  holdNext(op: OperationName): { release: () => void } {
    let release = () => {};
    const promise = new Promise<void>((resolve) => {
      release = resolve;
    });
    const queue = this.holds.get(op) ?? [];
    queue.push({ promise, release });
    this.holds.set(op, queue);
    return { release };
  }

  /** The requests recorded for one operation, typed. */
  callsTo<K extends OperationName>(op: K): RequestOf<K>[] {
    return this.calls.filter((call): call is Extract<RecordedCall, { op: K }> => call.op === op).map((call) => call.request as RequestOf<K>);
  }

  user(userId: string): FakeUser | undefined {
    return this.users.find((user) => user.userId === userId);
  }

  // ---- How each operation answers

  /** Bulk corrections (issue 14): a scripted stand-in for main's runs (fake-bulk.ts). */
  readonly bulk = new FakeBulk();
  /** Recent readers per connection, newest first; openReader and a one-match lookup add to it, as main does. */
  readonly recent = new Map<string, RecentReader[]>();
  /** Set as main does when it found the recent-readers file damaged at start and moved it aside. */
  recentRecovered: RecentReadersList['recovered'];
  /** What the search by name over the readers this computer worked with answers (main/readers/local-reader-search.ts). */
  localMatches: LocalReaderMatches = { readers: [], total: 0 };

  /** Per operation, how the fake answers a request that passed the table's schema. */
  protected answers(): FakeAnswers {
    return {
      getTeamLogStatus: () => ok(clone(this.teamLog)),
      openReaderWindow: () => {
        if (this.otherWindows + 1 >= this.windowLimit) return ok({ opened: false, reason: 'too-many-windows', limit: this.windowLimit });
        this.otherWindows += 1;
        return ok({ opened: true });
      },
      getPolicy: () => ok(clone(this.policy)),
      savePresetCredentials: (request) => {
        const parsed = REQUEST_SCHEMAS.savePresetCredentials.parse(request);
        const preset = this.connections.find((connection) => connection.id === parsed.id && connection.managed);
        if (!preset) return fail({ kind: 'not-configured', reason: 'no-such-connection' });
        preset.credentials = parsed.credentials;
        return ok(summaryOf(preset));
      },
      sendTeamLogTestEvent: () =>
        ok(
          this.teamLog.configured
            ? { configured: true, delivered: this.teamLogTestDelivers, status: clone(this.teamLog.status) }
            : { configured: false },
        ),
      listSavedConnections: () => {
        const state: ConnectionsState = { connections: this.connections.map(summaryOf), activeConnectionId: this.activeConnectionId };
        if (this.recovered) state.recovered = this.recovered;
        return ok({ ...state, connections: state.connections.map(({ hasCredentials: _, ...saved }) => saved) });
      },
      listConnections: () => {
        const state: ConnectionsState = { connections: this.connections.map(summaryOf), activeConnectionId: this.activeConnectionId };
        if (this.recovered) state.recovered = this.recovered;
        return ok(state);
      },
      saveConnection: (request) => {
        const parsed = REQUEST_SCHEMAS.saveConnection.parse(request);
        if (parsed.id) {
          const existing = this.connections.find((connection) => connection.id === parsed.id);
          if (!existing) return fail({ kind: 'not-configured', reason: 'no-such-connection' });
          Object.assign(existing, parsed.connection);
          if (parsed.credentials) existing.credentials = parsed.credentials;
          return ok(summaryOf(existing));
        }
        if (!parsed.credentials) {
          return fail({ kind: 'invalid-input', reason: 'credentials-needed', fields: { 'credentials.apiKey': 'Enter the API key.' } });
        }
        const id = this.uniqueId(parsed.connection.name);
        const stored: FakeConnection = { id, ...parsed.connection, credentials: parsed.credentials };
        this.connections.push(stored);
        return ok(summaryOf(stored));
      },
      deleteConnection: (request) => {
        const before = this.connections.length;
        this.connections = this.connections.filter((connection) => connection.id !== request.id);
        if (this.connections.length === before) return fail({ kind: 'not-configured', reason: 'no-such-connection' });
        if (this.activeConnectionId === request.id) this.activeConnectionId = null;
        return ok({ id: request.id });
      },
      selectConnection: (request) => {
        if (!this.connections.some((connection) => connection.id === request.id)) {
          return fail({ kind: 'not-configured', reason: 'no-such-connection' });
        }
        this.activeConnectionId = request.id;
        return ok({ id: request.id });
      },
      testConnection: (request) => {
        const parsed = REQUEST_SCHEMAS.testConnection.parse(request);
        const stored = parsed.id ? this.connections.find((connection) => connection.id === parsed.id)?.credentials : undefined;
        if (!parsed.credentials && !stored) {
          return fail({ kind: 'invalid-input', reason: 'credentials-needed' });
        }
        return ok({ host: new URL(parsed.connection.baseUrl).host });
      },
      lookupReader: (request) => {
        const parsedQuery = parseLookupQuery(request.query);
        if (!parsedQuery.ok) return fail({ kind: 'invalid-input', reason: 'query', fields: { query: parsedQuery.message } });
        const query = parsedQuery.query;
        const found = this.users.filter((user) => {
          switch (query.kind) {
            case 'userId':
              return user.userId === query.userId;
            case 'email':
              return user.email?.toLowerCase() === query.email;
            case 'phone':
              return user.phone === query.phone && (!query.countryCode || user.countryCode === query.countryCode);
          }
        });
        if (found.length === 1 && found[0]) this.noteRecent(request.connectionId, found[0]);
        return ok({
          understoodAs: describeQuery(query),
          queryKind: query.kind,
          matches: found.map((user) => {
            const match: LookupReaderResult['matches'][number] = { userId: user.userId, purchases: user.subscriptions?.length ?? 0 };
            if (user.name) match.name = user.name;
            if (user.email) match.email = user.email;
            return match;
          }),
        });
      },
      openReader: (request) => {
        const user = this.user(request.userId.toLowerCase());
        if (!user) return fail({ kind: 'not-found', reason: 'no-such-reader', userId: request.userId });
        const view = this.lookupView(user);
        this.noteRecent(request.connectionId, user);
        const remembered = this.rememberFromHistory;
        if (!remembered) return ok(view);
        for (const field of remembered.fields) (view as Record<string, unknown>)[field] = clone(user[field]);
        view.known = EDITABLE_FIELDS.filter((field) => view.known.includes(field) || remembered.fields.includes(field));
        view.remembered = {
          at: remembered.at,
          from: 'history',
          fields: remembered.fields,
          ...(remembered.damaged ? { damaged: true as const } : {}),
        };
        return ok(view);
      },
      updateReader: (request) => {
        const user = this.user(request.userId.toLowerCase());
        if (!user) return fail({ kind: 'not-found', reason: 'no-such-reader', userId: request.userId });
        const changes = UserChanges.parse(request.changes);
        const shown = this.lookupView(user);
        const { shippingAddress, billingAddress, ...scalars } = changes;
        Object.assign(user, clone(scalars));
        const withIds = (list: NonNullable<typeof shippingAddress>) => list.map((entry) => ({ ...entry, _id: entry._id ?? this.objectId() }));
        if (shippingAddress) {
          user.shippingAddress = [...(this.appendAddressLists ? (user.shippingAddress ?? []) : []), ...withIds(shippingAddress)];
        }
        if (billingAddress) {
          user.billingAddress = [...(this.appendAddressLists ? (user.billingAddress ?? []) : []), ...withIds(billingAddress)];
        }
        user.updatedAt = UPDATED_AT;
        const connection = this.connections.find((c) => c.id === request.connectionId);
        this.history.add({
          at: new Date().toISOString(),
          agent: { osUser: 'agent', ...(this.history.preferences.displayName ? { displayName: this.history.preferences.displayName } : {}) },
          machine: 'desk-1',
          connection: {
            connectionId: request.connectionId,
            name: connection?.name ?? '?',
            environment: connection?.environment ?? 'custom',
            host: connection ? new URL(connection.baseUrl).host : '?',
            baseUrl: connection?.baseUrl ?? '',
            clientId: connection?.clientId ?? '',
          },
          userId: user.userId,
          reader: { ...(shown.name ? { name: shown.name } : {}), ...(shown.email ? { email: shown.email } : {}) },
          changes: historyChanges(changes, shown),
          status: 'saved',
          message: 'User Details Updated Successfully.',
          ...(request.revertOf ? { revertOf: request.revertOf } : {}),
          ...(request.ticket ? { ticket: request.ticket } : {}),
        });
        return ok({
          message: 'User Details Updated Successfully.',
          sent: changes,
          // As in main: the update answer is the user record, which has no subscriptions.
          user: { ...withoutSubscriptions(clone(user)), known: [...EDITABLE_FIELDS], source: 'update' },
        });
      },
      listHistory: (request) => this.history.list(REQUEST_SCHEMAS.listHistory.parse(request)),
      exportHistory: () => ok(clone(this.history.exportAnswer)),
      prepareRevert: (request) => this.history.prepareRevert(request),
      getHistorySettings: () => ok(this.history.settings()),
      saveHistorySettings: (request) => {
        this.history.preferences = REQUEST_SCHEMAS.saveHistorySettings.parse(request);
        return ok(this.history.settings());
      },
      bulkChooseFile: () => ok(this.bulk.chooseFile()),
      bulkValidate: (request) => this.bulk.validate(request),
      bulkStart: (request) => this.bulk.start(request),
      bulkControl: (request) => this.bulk.control(request),
      // Answered once the run has moved on (waited for in answer(), before the call is recorded).
      bulkProgress: () => this.bulk.next(),
      bulkResults: (request) => ok(this.bulk.results(request)),
      bulkExport: (request) => ok(this.bulk.exportTo(request)),
      bulkInterrupted: () => ok(clone(this.bulk.interrupted)),
      bulkSaveSample: () => ok(this.bulk.sampleSaved),
      clearHistory: (request) => ok(this.history.clear(request)),
      listRecentReaders: (request) =>
        ok({ readers: clone(this.recent.get(request.connectionId) ?? []), ...(this.recentRecovered ? { recovered: this.recentRecovered } : {}) }),
      clearRecentReaders: (request) => {
        this.recent.delete(request.connectionId);
        return ok({ readers: [] });
      },
      findLocalReaders: () => ok(clone(this.localMatches)),
    };
  }

  noteRecent(connectionId: string, reader: { userId: string; name?: string | undefined; email?: string | undefined }): void {
    const entry: RecentReader = {
      userId: reader.userId,
      openedAt: UPDATED_AT,
      ...(reader.name ? { name: reader.name } : {}),
      ...(reader.email ? { email: reader.email } : {}),
    };
    const others = (this.recent.get(connectionId) ?? []).filter((r) => r.userId !== reader.userId);
    this.recent.set(connectionId, [entry, ...others].slice(0, 20));
  }

  // ---- The one subscription (links and menu commands from main)

  private readonly appEventListeners = new Set<(event: AppEvent) => void>();

  onAppEvent(listener: (event: AppEvent) => void): () => void {
    this.appEventListeners.add(listener);
    return () => void this.appEventListeners.delete(listener);
  }

  /** What main would send: a link the OS handed over, or a menu command. */
  emitAppEvent(event: AppEvent): void {
    for (const listener of this.appEventListeners) listener(event);
  }

  // ---- Internals

  private async answer(op: OperationName, request: unknown, compute: (request: unknown) => Result<unknown>): Promise<Result<unknown>> {
    if (op === 'bulkProgress') await this.bulk.moved();
    this.calls.push({ op, request: clone(request) } as RecordedCall);
    const hold = this.holds.get(op)?.shift();
    if (hold) await hold.promise;
    // Let the UI render its "in flight" state before the answer, as real IPC would.
    await Promise.resolve();
    const schema = REQUEST_SCHEMAS[op];
    if (schema) {
      const checked = schema.safeParse(request);
      if (!checked.success) return fail(invalidInput(checked.error));
    }
    const failure = this.failures.get(op)?.shift();
    if (failure) return fail(failure);
    return compute(request);
  }

  private uniqueId(name: string): string {
    const base =
      name
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-|-$/g, '')
        .slice(0, 50) || 'connection';
    let id = base;
    for (let n = 2; this.connections.some((connection) => connection.id === id); n++) id = `${base}-${n}`;
    return id;
  }

  private objectId(): string {
    return (this.nextObjectId++).toString(16).padStart(24, 'a');
  }
}

/** The fake as tests see it: its state and helpers, and the bridge's methods (which a test may replace). */
export type FakeBridge = FakeBridgeState & { -readonly [K in keyof ConsoleBridge]: ConsoleBridge[K] };
export const FakeBridge = FakeBridgeState as new (seed?: FakeBridgeSeed) => FakeBridge;

function withoutSubscriptions<T extends { subscriptions?: unknown }>(user: T): Omit<T, 'subscriptions'> {
  const { subscriptions: _dropped, ...record } = user;
  return record;
}

function summaryOf(connection: FakeConnection): ConnectionSummary {
  const { credentials, ...rest } = connection;
  return { ...clone(rest), hasCredentials: credentials !== undefined };
}

/** The view a lookup gives: only what ConsCent's lookup endpoints return. */
export function lookupViewOf(user: FakeUser): ReaderView {
  const view: ReaderView = { userId: user.userId, known: [...LOOKUP_KNOWN], source: 'lookup' };
  if (user.name !== undefined) view.name = user.name;
  if (user.email !== undefined) view.email = user.email;
  if (user.dateOfBirth !== undefined) view.dateOfBirth = user.dateOfBirth;
  if (user.address !== undefined) view.address = clone(user.address);
  if (user.subscriptions !== undefined) view.subscriptions = clone(user.subscriptions);
  return view;
}

import { z } from 'zod';
import type { AppEventsBridge } from './app-events';
import { ENVIRONMENTS, baseUrlProblem, type Environment } from './environments';
import { BULK_REQUEST_SCHEMAS, type BulkResults } from './bulk-contract';
import type { OperationName, WITHOUT_REQUEST } from './channels';
import { HISTORY_REQUEST_SCHEMAS, type HistoryResults } from './history-contract';
import { HistoryEntryId, TicketOrReason } from './history-schemas';
import { RECENT_READERS_REQUEST_SCHEMAS, type RecentReadersResults } from './recent-readers-contract';
import { ExtraCertificate, ProxyCredentials, ProxySetting, type CertificateInfo, type RouteReport } from './network-settings';
import type { BridgeError, Result } from './result';
import { ObjectId, UserChanges, type Address, type AddressEntry, type EditableField, type Subscription } from './user-schemas';
import { AUDIT_REQUEST_SCHEMAS, type AuditResults } from './audit-contract';

// The one contract of the bridge between renderer and main, as one table by operation:
// its channel (channels.ts, which the preload bundles), its request schema (validated in
// main) and its result type (below, and in each slice's *-contract.ts). The bridge's type,
// the preload, the renderer's safe wrapper and main's registration are all derived from
// it. Results are plain types, not schemas: main builds them, nothing parses them.

const MAX_SECRET = 512;

export const ConnectionId = z.string().regex(/^[a-z0-9-]{1,64}$/, 'A connection id is lowercase letters, digits and dashes.');

export const ConnectionFields = z.strictObject({
  name: z.string().trim().min(1, 'Give the connection a name.').max(80, 'Name must be at most 80 characters.'),
  environment: z.enum(ENVIRONMENTS, { message: 'Choose Production, Sandbox or Custom.' }),
  baseUrl: z
    .string()
    .trim()
    .max(2048, 'The base URL is too long.')
    .superRefine((value, ctx) => {
      const problem = baseUrlProblem(value);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    })
    // Stored as the parser reads it (scheme and host lower-case, default port and dot
    // segments dropped), so the URL shown, stored and requested is one and the same.
    .transform((value) => new URL(value).href.replace(/\/+$/, '')),
  clientId: z
    .string()
    .trim()
    .min(1, 'Enter the Client ID from the ConsCent dashboard (Integrations page).')
    .max(128, 'Client ID must be at most 128 characters.')
    .regex(/^[A-Za-z0-9_-]+$/, 'Client ID may hold letters, digits, _ and - only.'),
  /** How requests reach ConsCent (issue 13); absent means "System (default)". */
  proxy: ProxySetting.optional(),
  /** A certificate to trust for this connection (PEM, public), beside the OS store. */
  extraCertificate: ExtraCertificate.optional(),
});
export type ConnectionFields = z.infer<typeof ConnectionFields>;

const secretField = (label: string) =>
  z
    .string()
    .min(1, `Enter the ${label}.`)
    .max(MAX_SECRET, `The ${label} is too long.`)
    .refine((value) => value.trim() === value && !/[\s:]/.test(value), `The ${label} cannot contain spaces or ':'.`);

export const Credentials = z.strictObject({ apiKey: secretField('API key'), apiSecret: secretField('API secret') });
export type Credentials = z.infer<typeof Credentials>;

/** What the renderer may know of a connection: never the key or the secret. */
export type ConnectionSummary = {
  id: string;
  name: string;
  environment: Environment;
  baseUrl: string;
  clientId: string;
  /** Whether an API key and secret are stored in the OS keychain for this connection. */
  hasCredentials: boolean;
  proxy?: ProxySetting;
  extraCertificate?: string;
  /** Who the extra certificate names and who issued it, as main read it. */
  extraCertificateInfo?: CertificateInfo;
};

/** Why the settings file was moved aside at start (the renderer says it in words). */
export const RECOVERY_REASONS = ['unreadable', 'too-large', 'empty', 'not-json', 'not-understood', 'connections-refused', 'key-lost'] as const;
export type SettingsRecovery = {
  reason: (typeof RECOVERY_REASONS)[number];
  movedTo: string;
  /** 'connections-refused': the connections today's rules refuse (the others were kept), by name and id. */
  refused?: Array<{ name: string; id?: string }>;
};

export type ConnectionsState = {
  connections: ConnectionSummary[];
  activeConnectionId: string | null;
  /** Set when the settings file could not be read and was moved aside. */
  recovered?: SettingsRecovery;
  /** Set when the keychain could not be asked which connections have credentials. */
  keychainProblem?: BridgeError;
};

/**
 * The connections as the settings file has them, without asking the keychain which have a
 * key and secret (issue 23): what the first paint needs. The full state (listConnections)
 * follows, with the keychain's answer.
 */
export type SavedConnectionsState = Omit<ConnectionsState, 'connections' | 'keychainProblem'> & {
  connections: Array<Omit<ConnectionSummary, 'hasCredentials'>>;
};

export const SaveConnectionRequest = z.strictObject({
  /** Absent for a new connection. */
  id: ConnectionId.optional(),
  connection: ConnectionFields,
  /** Required for a new connection; absent keeps the stored ones. Write-only. */
  credentials: Credentials.optional(),
});
export type SaveConnectionRequest = z.input<typeof SaveConnectionRequest>;

export const ConnectionRef = z.strictObject({ id: ConnectionId });
export type ConnectionRef = z.infer<typeof ConnectionRef>;

export const TestConnectionRequest = z.strictObject({
  /** When set and `credentials` is absent, the stored credentials of this connection are used. */
  id: ConnectionId.optional(),
  connection: ConnectionFields,
  credentials: Credentials.optional(),
  /** Proxy user name and password the agent typed after a 407; stored once the test passes through that proxy. */
  proxyCredentials: ProxyCredentials.optional(),
});
export type TestConnectionRequest = z.input<typeof TestConnectionRequest>;
/**
 * Test connection passed: ConsCent at `host` accepted the key and secret, and the Client ID;
 * `route` is how the request got there, `tlsIssuer` who issued the server's certificate.
 */
export type TestConnectionResult = { host: string; route?: RouteReport; tlsIssuer?: string };

export const LookupReaderRequest = z.strictObject({
  connectionId: ConnectionId,
  query: z.string().max(254, 'That search is too long.'),
  /**
   * Which search this is, counting up in the page: a newer search of the same connection
   * abandons the older one still on its way (its request is aborted in main, and it
   * answers `superseded`). Absent: the lookup is never abandoned.
   */
  searchId: z.number().int().nonnegative().optional(),
});
export type LookupReaderRequest = z.infer<typeof LookupReaderRequest>;

export type ReaderMatch = {
  userId: string;
  name?: string;
  email?: string;
  /** Subscriptions seen for this user in the purchases that matched. */
  purchases: number;
};

export type LookupReaderResult = {
  /** What the console understood the query to be, in words (e.g. "email a@b.c"). */
  understoodAs: string;
  queryKind: 'userId' | 'email' | 'phone';
  matches: ReaderMatch[];
  /**
   * When nothing matched but ConsCent does know the email or phone (a reader with no
   * purchases): purchases are the only way the API maps them to a user id. `name` when
   * ConsCent said it.
   */
  knownWithoutPurchases?: { name?: string };
  /**
   * The single match, opened from the answer the lookup already had (no further
   * request). Absent when several or none matched, or when opening needs a request of its
   * own (openReader).
   */
  opened?: ReaderView;
};

export const OpenReaderRequest = z.strictObject({ connectionId: ConnectionId, userId: ObjectId });
export type OpenReaderRequest = z.infer<typeof OpenReaderRequest>;

/**
 * A user as the console shows it. Lookup endpoints return only part of the record
 * (no phone, gender or address lists); `known` says which editable fields came back,
 * so the UI shows "not returned by ConsCent" instead of a made-up empty value.
 */
export type ReaderView = {
  userId: string;
  status?: string;
  name?: string;
  email?: string;
  countryCode?: string;
  phone?: string;
  /** One of ConsCent's genders (MALE, FEMALE, OTHERS), or whatever else it returned, shown as it is. */
  gender?: string;
  dateOfBirth?: string;
  address?: Address;
  shippingAddress?: AddressEntry[];
  billingAddress?: AddressEntry[];
  isEmailVerified?: boolean;
  isPhoneVerified?: boolean;
  createdAt?: string;
  updatedAt?: string;
  subscriptions?: Subscription[];
  known: EditableField[];
  /** Where this view came from: a lookup, or the record the update call returned. */
  source: 'lookup' | 'update';
  /**
   * Fields the lookup did not return but the console already knew, with when and how it
   * learnt them. They are also in `known` (the form starts from them); the UI labels them
   * so the agent sees they are not fresh from ConsCent. `from` says which memory filled the
   * slot: the record the newest saved change in the change history returned ('history'),
   * or, when the history has none, what an update returned in this session.
   */
  remembered?: RememberedFields;
};
export type RememberedFields = {
  /** ISO time ConsCent returned these values. */
  at: string;
  from: 'session-save' | 'history';
  fields: EditableField[];
  /** The history they came from has damage in it (issue 18): shown "from a damaged history". */
  damaged?: true;
};

export const UpdateReaderRequest = z.strictObject({
  connectionId: ConnectionId,
  userId: ObjectId,
  changes: UserChanges,
  /** The change in the history this one reverts (History → Revert this change). */
  revertOf: HistoryEntryId.optional(),
  /** The ticket or reason the agent gave (issue 20); kept in the history and sent with the audit event. */
  ticket: TicketOrReason.optional(),
});
export type UpdateReaderRequest = z.input<typeof UpdateReaderRequest>;
export type UpdateReaderResult = {
  /** The API's own message, e.g. "User Details Updated Successfully." */
  message: string;
  /** Exactly the body that was sent, so the UI can show it. */
  sent: z.infer<typeof UserChanges>;
  user: ReaderView;
};

/** The connections' and readers' results, by operation (the other slices bring their own). */
type ConnectionAndReaderResults = {
  listConnections: ConnectionsState;
  listSavedConnections: SavedConnectionsState;
  saveConnection: ConnectionSummary;
  deleteConnection: ConnectionRef;
  selectConnection: ConnectionRef;
  testConnection: TestConnectionResult;
  lookupReader: LookupReaderResult;
  openReader: ReaderView;
  updateReader: UpdateReaderResult;
};

/** Request schemas by operation (main validates every payload with these); `null` for WITHOUT_REQUEST. */
export const REQUEST_SCHEMAS = {
  listConnections: null,
  listSavedConnections: null,
  saveConnection: SaveConnectionRequest,
  deleteConnection: ConnectionRef,
  selectConnection: ConnectionRef,
  testConnection: TestConnectionRequest,
  lookupReader: LookupReaderRequest,
  openReader: OpenReaderRequest,
  updateReader: UpdateReaderRequest,
  ...HISTORY_REQUEST_SCHEMAS,
  ...BULK_REQUEST_SCHEMAS,
  ...RECENT_READERS_REQUEST_SCHEMAS,
  ...AUDIT_REQUEST_SCHEMAS,
} as const satisfies Record<OperationName, z.ZodType | null>;

/** What each operation answers inside an ok Result. Types only: main builds them, nothing parses them. */
export type OperationResults = ConnectionAndReaderResults & HistoryResults & BulkResults & RecentReadersResults & AuditResults;

type Schemas = typeof REQUEST_SCHEMAS;
/** The request the page sends: the schema's input. */
export type RequestOf<K extends OperationName> = Schemas[K] extends z.ZodType ? z.input<Schemas[K]> : undefined;
/** The request main's use-case gets, once validated: the schema's output. */
export type ValidRequestOf<K extends OperationName> = Schemas[K] extends z.ZodType ? z.output<Schemas[K]> : undefined;
export type ResultOf<K extends OperationName> = OperationResults[K];

/** One method of the bridge: one argument (none for WITHOUT_REQUEST), and a Result. */
export type OperationMethod<K extends OperationName> = Schemas[K] extends z.ZodType
  ? (request: z.input<Schemas[K]>) => Promise<Result<OperationResults[K]>>
  : () => Promise<Result<OperationResults[K]>>;

/**
 * The bridge as the renderer sees it on `window.conscent`, derived from the table: one
 * method per operation, and the one subscription to what main says on its own (links,
 * menu commands; app-events.ts).
 */
export type ConsoleBridge = { readonly [K in OperationName]: OperationMethod<K> } & AppEventsBridge;

// Compile-time ties between the parts of the table: an operation with a channel but no
// schema or no result type (or the other way round), or a `null` schema that is not in
// WITHOUT_REQUEST, fails `npm run typecheck` here. (`satisfies` above does not see extra
// keys that arrive by spread.)
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Holds<T extends true> = T;
type WithoutSchema = { [K in OperationName]: Schemas[K] extends null ? K : never }[OperationName];
export type BridgeTableChecks = [
  Holds<Same<keyof Schemas, OperationName>>,
  Holds<Same<keyof OperationResults, OperationName>>,
  Holds<Same<WithoutSchema, (typeof WITHOUT_REQUEST)[number]>>,
];

export { BRIDGE_CHANNELS, BRIDGE_GLOBAL, OPERATION_NAMES, WITHOUT_REQUEST, type OperationName } from './channels';

import { z } from 'zod';
import { ENVIRONMENTS, baseUrlProblem, type Environment } from './environments';
import { ExtraCertificate, ProxyCredentials, ProxySetting, type CertificateInfo, type RouteReport } from './network-settings';
import type { BridgeError } from './result';

// The connections' part of the one bridge table (common/contract.ts joins the slices): a
// connection's fields and credentials as the page sends them, what the page may know of
// one (never the key or the secret), listing, saving, deleting, choosing and testing.

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
  /**
   * Set up by the organisation's policy (issue 21.1): shown "Set by your organisation", not
   * editable or deletable; the agent only stores its API key and secret (savePresetCredentials).
   */
  managed?: true;
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

/** The API key and secret of a connection the organisation's policy sets up (its fields are the policy's). */
export const SavePresetCredentialsRequest = z.strictObject({ id: ConnectionId, credentials: Credentials });
export type SavePresetCredentialsRequest = z.input<typeof SavePresetCredentialsRequest>;

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

export const CONNECTION_REQUEST_SCHEMAS = {
  listConnections: null,
  listSavedConnections: null,
  saveConnection: SaveConnectionRequest,
  savePresetCredentials: SavePresetCredentialsRequest,
  deleteConnection: ConnectionRef,
  selectConnection: ConnectionRef,
  testConnection: TestConnectionRequest,
} as const;

export type ConnectionResults = {
  listConnections: ConnectionsState;
  listSavedConnections: SavedConnectionsState;
  saveConnection: ConnectionSummary;
  savePresetCredentials: ConnectionSummary;
  deleteConnection: ConnectionRef;
  selectConnection: ConnectionRef;
  testConnection: TestConnectionResult;
};

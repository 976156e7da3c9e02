import { z } from 'zod';
import { isLoopbackHost } from '../common/environments';

// Configuration of the simulator, as schemas so the library, the CLI and runtime
// fault changes are all checked the same way and the types cannot drift from them.

const credentialPart = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9_.-]+$/, 'Use letters, digits, "_", "." and "-" only.');

export const SimClient = z.strictObject({ clientId: credentialPart, apiKey: credentialPart, apiSecret: credentialPart });
export type SimClient = z.infer<typeof SimClient>;

/** Well known and printed by the CLI on purpose: it only ever unlocks the local simulator. */
export const DEMO_CLIENT: SimClient = Object.freeze({
  clientId: 'demo-client',
  apiKey: 'demo-key',
  apiSecret: 'demo-secret',
});

export const FAULT_STATUSES = [401, 403, 404, 429, 500, 502, 503] as const;
export const FAULT_KINDS = ['latency', 'status', 'drop', 'html', 'malformed-json', 'wrong-shape', 'oversized', 'hang'] as const;

export const HTML_STATUSES = [200, ...FAULT_STATUSES] as const;

export const DEFAULT_RETRY_AFTER_SECONDS = 30;
export const DEFAULT_OVERSIZED_BYTES = 20 * 1024 * 1024;

export const Fault = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('latency'), ms: z.number().int().min(0).max(600_000) }),
  z.strictObject({
    kind: z.literal('status'),
    status: z.union(FAULT_STATUSES.map((status) => z.literal(status))),
    retryAfterSeconds: z.number().int().min(0).max(86_400).optional(),
  }),
  z.strictObject({ kind: z.literal('drop') }),
  // An HTML page where JSON belongs: a gateway's error page (502 by default), or with
  // status 200 what a captive portal or a base URL pointing at a website answers.
  z.strictObject({ kind: z.literal('html'), status: z.union(HTML_STATUSES.map((status) => z.literal(status))).optional() }),
  z.strictObject({ kind: z.literal('malformed-json') }),
  z.strictObject({ kind: z.literal('wrong-shape') }),
  z.strictObject({
    kind: z.literal('oversized'),
    bytes: z
      .number()
      .int()
      .min(1)
      .max(2 ** 32)
      .optional(),
  }),
  z.strictObject({ kind: z.literal('hang') }),
]);
export type Fault = z.infer<typeof Fault>;
export type FaultKind = Fault['kind'];

export const FaultRule = z.strictObject({
  /** Path relative to the base path, e.g. `/client/update-user`; absent or `*` = every path. */
  path: z
    .string()
    .regex(/^(\*|\/[^?#\s]*)$/, 'A fault path is "*" or starts with "/".')
    .optional(),
  /** HTTP method, any case; absent = every method. */
  method: z
    .string()
    .regex(/^[A-Za-z]+$/)
    .optional(),
  fault: Fault,
  /** How many matching requests get the fault; absent = until cleared. */
  times: z.number().int().min(1).optional(),
});
export type FaultRule = z.infer<typeof FaultRule>;

export const ADDRESS_LIST_MODES = ['replace', 'append'] as const;
export type AddressListMode = (typeof ADDRESS_LIST_MODES)[number];

export const MAX_USER_COUNT = 200_000;

export const SimulatorOptions = z.strictObject({
  port: z.number().int().min(0).max(65_535).optional(),
  // Loopback only: the demo credentials are public, so the simulator must never be
  // reachable from another machine.
  host: z
    .string()
    .refine((host) => isLoopbackHost(host), 'The simulator listens on a loopback address only (e.g. 127.0.0.1).')
    .optional(),
  basePath: z
    .string()
    .regex(/^(\/[A-Za-z0-9._~-]+)*\/?$/, 'The base path looks like /api/v1.')
    .optional(),
  clients: z
    .array(SimClient)
    .min(1)
    .refine((clients) => new Set(clients.map((c) => c.clientId)).size === clients.length, 'Client ids must be unique.')
    .refine((clients) => new Set(clients.map((c) => c.apiKey)).size === clients.length, 'API keys must be unique.')
    .optional(),
  userCount: z.number().int().min(0).max(MAX_USER_COUNT).optional(),
  seed: z.number().int().optional(),
  addressListMode: z.enum(ADDRESS_LIST_MODES).optional(),
  maxBodyBytes: z
    .number()
    .int()
    .min(1)
    .max(100 * 1024 * 1024)
    .optional(),
  faults: z.array(FaultRule).optional(),
  /**
   * Listen with HTTPS. `true` makes a fresh self-signed certificate for the host (so a
   * client that trusts only the usual authorities must refuse it); or pass key and cert.
   */
  tls: z.union([z.boolean(), z.strictObject({ key: z.string().min(1), cert: z.string().min(1) })]).optional(),
  /**
   * A token-bucket rate limit over every request (issue 14): past it the simulator answers
   * 429 with Retry-After. Absent: no limit.
   */
  rate: z
    .strictObject({
      perSecond: z.number().positive().max(1_000_000),
      burst: z.number().int().min(1).max(10_000_000).optional(),
    })
    .optional(),
  /** Called once per request when it is answered (or dropped); never sees credentials. */
  onRequest: z.custom<(entry: RecordedRequest) => void>((value) => typeof value === 'function').optional(),
});
export type SimulatorOptions = z.input<typeof SimulatorOptions>;

export interface ResolvedOptions {
  port: number;
  host: string;
  /** Without a trailing slash; '' when the endpoints sit at the root. */
  basePath: string;
  clients: SimClient[];
  userCount: number;
  seed: number;
  addressListMode: AddressListMode;
  maxBodyBytes: number;
  faults: FaultRule[];
  tls: false | true | { key: string; cert: string };
  rate: { perSecond: number; burst?: number | undefined } | undefined;
  onRequest: ((entry: RecordedRequest) => void) | undefined;
}

export function resolveOptions(input: SimulatorOptions = {}): ResolvedOptions {
  const parsed = SimulatorOptions.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
    throw new Error(`Invalid simulator options. ${where}${issue?.message ?? ''}`.trim());
  }
  const options = parsed.data;
  return {
    port: options.port ?? 0,
    host: options.host ?? '127.0.0.1',
    basePath: (options.basePath ?? '/api/v1').replace(/\/+$/, ''),
    clients: options.clients ?? [DEMO_CLIENT],
    userCount: options.userCount ?? 1000,
    seed: options.seed ?? 1,
    addressListMode: options.addressListMode ?? 'replace',
    maxBodyBytes: options.maxBodyBytes ?? 64 * 1024,
    faults: options.faults ?? [],
    tls: options.tls ?? false,
    rate: options.rate,
    onRequest: options.onRequest,
  };
}

/** One request as the simulator saw it. Holds no Authorization header, key or secret. */
export interface RecordedRequest {
  /** Order of arrival, from 1. */
  seq: number;
  at: string;
  method: string;
  /** Path relative to the base path (the full path when outside it). */
  path: string;
  query: Record<string, string>;
  /** Parsed JSON when the body was JSON, the raw text otherwise, undefined when empty or refused. */
  body: unknown;
  /** Whether an Authorization header was sent at all. */
  authSent: boolean;
  /** Whether it held a configured API key and secret. */
  authorized: boolean;
  /** null while unanswered, and for dropped or hung requests. */
  status: number | null;
  /**
   * The client closed the connection before the answer was complete: a cancelled or
   * timed-out request (not set for the simulator's own 'drop' fault, nor when it stops).
   */
  closedByClient?: true;
  fault?: FaultKind;
  /** Answered 429 by the rate limit (`rate`), not by a fault rule. */
  rateLimited?: true;
  /**
   * For a streamed (oversized) answer: body bytes written before it ended or the client
   * hung up. Tells a test whether a size-capped client stopped reading early.
   */
  bytesSent?: number;
}

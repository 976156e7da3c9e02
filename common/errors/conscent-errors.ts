import { z } from 'zod';
import { NO_REASON } from './console-errors';

// The bridge errors of a call to ConsCent (main/conscent/): what answered, or failed to,
// and the facts of it. One member per kind, each with its own reasons (common/result.ts
// joins every slice's members into BridgeError).

/** What ConsCent (or what answered in its place) said: the host, the HTTP status, ConsCent's own message. */
export const ANSWER_FACTS = {
  /** The ConsCent host (host[:port]) the request went to. */
  host: z.string().optional(),
  /** The HTTP status ConsCent (or what answered in its place) sent. */
  status: z.number().int().optional(),
  /** ConsCent's own message, cleaned of control characters and secrets, cut short. */
  apiMessage: z.string().optional(),
};

/**
 * For `network` errors: what went wrong, because what the agent should do differs (a
 * refused connection means nothing listens at the base URL; an unknown host, a wrong URL
 * or no internet; an offline computer, the network). Absent when the cause is not known.
 */
export const NETWORK_REASONS = [
  'connection-refused',
  'host-not-found',
  'offline',
  'dropped',
  'certificate',
  'not-https',
  'tls',
  /** The proxy (`proxy`) could not be reached: nothing listens there, or its name is unknown. */
  'proxy-unreachable',
  /** The proxy answered 407 and no proxy credentials were given for it. */
  'proxy-auth-required',
  /** The proxy answered 407 to the proxy credentials that were sent. */
  'proxy-auth-rejected',
  /** The proxy would not open the tunnel to ConsCent (`status`: its answer). */
  'proxy-refused',
  /** The system's proxy settings name only proxies the console cannot use (SOCKS). */
  'proxy-unsupported',
] as const;
export const NetworkReason = z.enum(NETWORK_REASONS);
export type NetworkReason = z.infer<typeof NetworkReason>;

/** For `unexpected-response`: what was wrong with ConsCent's answer, or that the console itself failed. */
export const RESPONSE_REASONS = ['not-json', 'wrong-shape', 'too-large', 'odd-status', 'console-fault'] as const;

/** For `not-found` after a user id was asked for: ConsCent has no such reader. */
export const NOT_FOUND_REASONS = ['no-such-reader'] as const;

export const CONSCENT_ERRORS = [
  z.object({ kind: z.literal('unauthorized'), ...NO_REASON, ...ANSWER_FACTS }),
  z.object({ kind: z.literal('forbidden'), ...NO_REASON, ...ANSWER_FACTS }),
  z.object({
    kind: z.literal('not-found'),
    reason: z.enum(NOT_FOUND_REASONS).optional(),
    /** For `no-such-reader`: the user id that was asked for. */
    userId: z.string().optional(),
    ...ANSWER_FACTS,
  }),
  z.object({
    kind: z.literal('rate-limited'),
    ...NO_REASON,
    /** Seconds the API asked us to wait, when it said. */
    retryAfterSeconds: z.number().nonnegative().optional(),
    ...ANSWER_FACTS,
  }),
  z.object({ kind: z.literal('server-error'), ...NO_REASON, ...ANSWER_FACTS }),
  z.object({
    kind: z.literal('network'),
    reason: NetworkReason.optional(),
    /** The error code a network or TLS failure carried (e.g. `EPROTO`, `CERT_HAS_EXPIRED`). */
    code: z.string().optional(),
    /** For proxy failures: the proxy (host:port, or the system's setting as it said it). */
    proxy: z.string().optional(),
    /** For `certificate` failures: who issued the certificate that was refused. */
    issuer: z.string().optional(),
    ...ANSWER_FACTS,
  }),
  z.object({
    kind: z.literal('timeout'),
    ...NO_REASON,
    /** The deadline that passed. */
    timeoutSeconds: z.number().nonnegative().optional(),
    host: ANSWER_FACTS.host,
  }),
  z.object({ kind: z.literal('unexpected-response'), reason: z.enum(RESPONSE_REASONS).optional(), ...ANSWER_FACTS }),
] as const;

import axios, { type AxiosInstance, type AxiosResponse } from 'axios';
import type { z } from 'zod';
import type { Credentials } from '../../common/connections-contract';
import { type UserChanges } from '../../common/user-schemas';
import { PurchasesResponse, UpdateUserResponse, UserAndSubscriptionDetails } from './conscent-answers';
import { scrubSecrets } from '../credentials/scrub-secrets';
import { ApiError } from './api-error';
import { classifyStatus, classifyTransportFailure } from './classify-failure';
import { ENDPOINTS } from './endpoints';
import { NODE_NETWORK, type NetworkEnvironment } from '../network/network-environment';
import { createTransport, requestUrl, type ConnectionNetwork, type ExchangeFacts } from './transport';
import { MAIN_STAGES, stage, stageSync } from '../timing/stage-spans';
import {
  LOOKUP_RETRY_POLICY,
  realRetryRuntime,
  statusRetryHint,
  transportRetryHint,
  withRetries,
  type AttemptOutcome,
  type RetryPolicy,
  type RetryRuntime,
} from './retry-policy';

export interface ApiAccess {
  baseUrl: string;
  clientId: string;
  credentials: Credentials;
  /** The connection's proxy choice, extra certificate and proxy credentials. */
  network?: ConnectionNetwork;
}

export interface ClientOptions {
  /** Whole-request deadline, connect to last byte. */
  timeoutMs?: number;
  /** Responses larger than this are abandoned mid-stream, so memory stays bounded. */
  maxResponseBytes?: number;
  now?: () => Date;
  /** Retries of the read-only lookups; updates are never retried, whatever this says. */
  retry?: RetryPolicy;
  /** Injected by tests so backoff is deterministic and instant. */
  retryRuntime?: Partial<RetryRuntime>;
  /** The system's proxy and certificates (Electron's, in the app); plain Node's when absent. */
  network?: NetworkEnvironment;
}

export type UserSelector = { userId: string } | { email: string } | { phoneNumber: string };

/**
 * For reads: `signal` abandons the request (its socket is closed, no retry follows) and
 * the call rejects with the signal's reason, e.g. when a newer search replaced this one.
 */
export type ReadOptions = { signal?: AbortSignal | undefined };

export interface ConsCentClient {
  updateUser(userId: string, changes: UserChanges): Promise<UpdateUserResponse>;
  getUserAndSubscriptions(selector: UserSelector, options?: ReadOptions): Promise<UserAndSubscriptionDetails>;
  findPurchases(
    filter: Partial<Record<'userId' | 'email' | 'phoneNumber', string>> & { pageSize?: number },
    options?: ReadOptions,
  ): Promise<PurchasesResponse>;
  /** Route and TLS issuer of the last exchange that got an answer (for Test connection). */
  lastExchange?(): ExchangeFacts | undefined;
}

export const DEFAULT_TIMEOUT_MS = 15_000;
export const DEFAULT_MAX_RESPONSE_BYTES = 2 * 1024 * 1024;
/** Longest message from ConsCent the console passes on, success or error. */
export const MAX_API_MESSAGE_CHARS = 200;
/** Shown when a successful update came back without a message of its own. */
export const NO_SUCCESS_MESSAGE = 'ConsCent accepted the change (it sent no message of its own).';

export function createConsCentClient(connection: ApiAccess, options: ClientOptions = {}): ConsCentClient {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const now = options.now ?? (() => new Date());
  const host = new URL(connection.baseUrl).host;
  const transport = createTransport(options.network ?? NODE_NETWORK, connection.network);
  let lastExchange: ExchangeFacts | undefined;
  const http: AxiosInstance = axios.create({
    auth: { username: connection.credentials.apiKey, password: connection.credentials.apiSecret },
    timeout: timeoutMs,
    maxContentLength: options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
    maxBodyLength: 256 * 1024,
    // Basic auth must never follow a redirect to some other host.
    maxRedirects: 0,
    // Statuses and JSON are handled here, so HTML pages and broken JSON are classified
    // instead of surfacing as axios' own errors or as silently un-parsed strings.
    validateStatus: () => true,
    responseType: 'text',
    transformResponse: [(data: unknown) => data],
    headers: { Accept: 'application/json' },
    // Never axios' own (environment) proxy: the transport's route is the only one.
    proxy: false,
  });

  const retryPolicy = options.retry ?? LOOKUP_RETRY_POLICY;
  const retryRuntime: RetryRuntime = { ...realRetryRuntime, ...options.retryRuntime };

  /** One HTTP exchange; failures come back as data with a hint saying whether a retry is safe. */
  async function attempt<S extends z.ZodType>(
    endpoint: { method: string; path: string },
    params: Record<string, string | number | undefined>,
    body: unknown,
    schema: S,
    attemptTimeoutMs: number,
    cancel?: AbortSignal,
  ): Promise<AttemptOutcome<z.infer<S>>> {
    // A base URL that cannot be used throws a ConfigError here: nothing is sent.
    const url = requestUrl(connection.baseUrl, endpoint.path);
    // The route (system proxy, PAC) is asked per request: it may differ by URL and change.
    const { route, agents } = await transport.prepare(url);
    if (cancel?.aborted) throw cancel.reason;
    // Some responses stall after the headers; axios' timeout alone only sees idle sockets.
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(), attemptTimeoutMs);
    const onCancel = () => deadline.abort();
    cancel?.addEventListener('abort', onCancel, { once: true });
    let response: AxiosResponse<string>;
    try {
      response = await stage(MAIN_STAGES.http, () =>
        http.request<string>({
          method: endpoint.method,
          url: url.href,
          params,
          data: body,
          signal: deadline.signal,
          timeout: attemptTimeoutMs,
          ...agents,
        }),
      );
    } catch (error) {
      // Abandoned on purpose: not a failure to classify or retry.
      if (cancel?.aborted) throw cancel.reason;
      const failure = await transport.explain(classifyTransportFailure(error, host, attemptTimeoutMs), url, route);
      return { ok: false, error: failure, hint: transportRetryHint(failure) };
    } finally {
      clearTimeout(timer);
      cancel?.removeEventListener('abort', onCancel);
    }
    // An answer that arrived as the signal fired is not used either.
    if (cancel?.aborted) throw cancel.reason;
    lastExchange = transport.factsOf(route, (response.request as { socket?: unknown } | undefined)?.socket);
    const json = stageSync(MAIN_STAGES.parse, () => parseJson(response.data));
    if (response.status < 200 || response.status >= 300) {
      const retryAfter = response.headers['retry-after'];
      const error = classifyStatus(
        response.status,
        apiMessage(json, connection.credentials),
        typeof retryAfter === 'string' ? retryAfter : undefined,
        now(),
        host,
      );
      return { ok: false, error, hint: statusRetryHint(error) };
    }
    const notRetryable = { retryable: false } as const;
    if (json === undefined) {
      const error = new ApiError({ kind: 'unexpected-response', reason: 'not-json', host });
      return { ok: false, error, hint: notRetryable };
    }
    const parsed = stageSync(MAIN_STAGES.parse, () => schema.safeParse(json));
    if (!parsed.success) {
      const error = new ApiError({ kind: 'unexpected-response', reason: 'wrong-shape', host });
      return { ok: false, error, hint: notRetryable };
    }
    return { ok: true, value: parsed.data };
  }

  /** A read: idempotent, so transient failures are retried within the policy's bounds. */
  function read<S extends z.ZodType>(
    endpoint: { method: 'GET'; path: string },
    params: Record<string, string | number | undefined>,
    schema: S,
    options: ReadOptions = {},
  ): Promise<z.infer<S>> {
    return withRetries(retryPolicy, timeoutMs, retryRuntime, (attemptTimeoutMs) =>
      attempt(endpoint, params, undefined, schema, attemptTimeoutMs, options.signal),
    );
  }

  return {
    // Exactly one attempt, never retried: once a PATCH may have reached ConsCent, only
    // the agent (after looking the reader up again) can decide whether to send it again.
    updateUser: async (userId, changes) => {
      const outcome = await attempt(ENDPOINTS.updateUser, { userId }, changes, UpdateUserResponse, timeoutMs);
      if (!outcome.ok) throw outcome.error;
      // Shown to the agent as ConsCent's own words: cleaned like an error message is.
      const message = cleanApiText(outcome.value.message, connection.credentials) ?? NO_SUCCESS_MESSAGE;
      return { ...outcome.value, message };
    },
    getUserAndSubscriptions: (selector, options) =>
      read(ENDPOINTS.userAndSubscriptionDetails, { clientId: connection.clientId, ...selector }, UserAndSubscriptionDetails, options),
    findPurchases: (filter, options) =>
      read(ENDPOINTS.purchasedSubscriptions, { ...filter, pageSize: filter.pageSize ?? 50, pageNumber: 1 }, PurchasesResponse, options),
    lastExchange: () => lastExchange,
  };
}

function parseJson(text: unknown): unknown {
  if (typeof text !== 'string' || text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The API's own `message` of an error answer, cleaned for display. */
function apiMessage(json: unknown, credentials: Credentials): string | undefined {
  if (!json || typeof json !== 'object' || !('message' in json) || typeof json.message !== 'string') return undefined;
  return cleanApiText(json.message, credentials);
}

/** Text from ConsCent made fit to show: short, printable, never a credential; undefined when nothing is left. */
function cleanApiText(raw: string, credentials: Credentials): string | undefined {
  // C0, DEL and C1 controls, and the bidi/zero-width marks that can reorder or hide text.
  // eslint-disable-next-line no-control-regex -- stripping control characters is the point
  let text = raw.replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]+/g, ' ');
  // Before cutting, so a cut cannot leave part of a secret behind.
  text = scrubSecrets(text, [credentials.apiSecret, credentials.apiKey]);
  return text.replace(/\s+/g, ' ').trim().slice(0, MAX_API_MESSAGE_CHARS).trim() || undefined;
}

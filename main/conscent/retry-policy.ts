import type { ApiError } from './api-error';

// When a read-only ConsCent call is tried again. Only failures where nothing can have
// changed on the server and a second try has a real chance are retried: the connection
// was refused, reset or dropped, the call timed out, a gateway said 502/503/504, or a
// rate limiter named a short wait. Everything else (400, 401, 403, 404, 500, bad TLS,
// unknown host, odd responses) answers the agent at once: retrying would only delay
// the same answer. A PATCH never comes through here (see conscent-client.ts).

export interface RetryPolicy {
  /** Tries in all, the first included; 1 means never retry. */
  maxAttempts: number;
  /** The wait before retry n is uniform in [0, min(maxDelayMs, baseDelayMs * 2^(n-1))): full jitter. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Whole-call budget: every attempt, its timeout and every wait fit inside it. */
  budgetMs: number;
  /** A retry starts only if at least this much of the budget is left for it after the wait. */
  minAttemptMs: number;
}

/**
 * For lookups. The budget equals the client's default whole-request deadline, so retries
 * never make an agent wait longer than one request could before they existed, and a
 * slow but healthy lookup still gets that whole time.
 */
export const LOOKUP_RETRY_POLICY: Readonly<RetryPolicy> = Object.freeze({
  maxAttempts: 3,
  baseDelayMs: 250,
  maxDelayMs: 2_000,
  budgetMs: 15_000,
  minAttemptMs: 1_000,
});

/** Statuses a gateway or load balancer answers while ConsCent is briefly unavailable. */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([502, 503, 504]);

export type RetryHint = { retryable: false } | { retryable: true; minDelayMs: number };

const NOT_RETRYABLE: RetryHint = { retryable: false };

/**
 * Whether a transport failure, as classify-failure.ts classified it, may be retried: the
 * request did not complete and trying again is safe. A refused, reset or dropped
 * connection, a timeout (axios' own or the whole-request deadline), or a temporary DNS
 * failure (EAI_AGAIN, unlike ENOTFOUND).
 */
export function transportRetryHint(error: Pick<ApiError, 'kind' | 'facts'>): RetryHint {
  const facts = error.facts;
  if (facts.kind === 'timeout') return { retryable: true, minDelayMs: 0 };
  if (facts.kind !== 'network') return NOT_RETRYABLE;
  const { reason, code } = facts;
  if (reason === 'connection-refused' || reason === 'dropped' || code === 'EAI_AGAIN') return { retryable: true, minDelayMs: 0 };
  return NOT_RETRYABLE;
}

/** Whether an HTTP answer, already classified, may be retried, and how long to wait at least. */
export function statusRetryHint(error: Pick<ApiError, 'status' | 'retryAfterSeconds'>): RetryHint {
  if (error.status === undefined) return NOT_RETRYABLE;
  if (RETRYABLE_STATUSES.has(error.status)) return { retryable: true, minDelayMs: 0 };
  // Without Retry-After we cannot know how long the limiter wants: let the agent decide.
  if (error.status === 429 && error.retryAfterSeconds !== undefined) {
    return { retryable: true, minDelayMs: error.retryAfterSeconds * 1000 };
  }
  return NOT_RETRYABLE;
}

/**
 * The wait before the next attempt, or undefined to give up now. `attempt` is the number
 * of the attempt that just failed (from 1); `elapsedMs` is the time used so far.
 */
export function nextRetryDelay(policy: RetryPolicy, hint: RetryHint, attempt: number, elapsedMs: number, random: () => number): number | undefined {
  if (!hint.retryable || attempt >= policy.maxAttempts) return undefined;
  const cap = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  // Clamped so a bad random source (NaN, negative, >= 1) cannot produce a bad wait.
  const r = random();
  const unit = Number.isFinite(r) ? Math.min(Math.max(r, 0), 0.999_999) : 0;
  const jitter = Math.floor(unit * cap);
  const delay = Math.max(jitter, hint.minDelayMs);
  if (elapsedMs + delay + policy.minAttemptMs > policy.budgetMs) return undefined;
  return delay;
}

export type AttemptOutcome<T> = { ok: true; value: T } | { ok: false; error: ApiError; hint: RetryHint };

export interface RetryRuntime {
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  /** Monotonic milliseconds. */
  clock: () => number;
}

export const realRetryRuntime: RetryRuntime = {
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: Math.random,
  clock: () => performance.now(),
};

/**
 * Runs `attempt` until it succeeds or the policy says stop, then throws the last error.
 * Each attempt is given the time it may take: its own timeout, cut to what is left of
 * the budget, so the whole call never outlives the budget.
 */
export async function withRetries<T>(
  policy: RetryPolicy,
  timeoutMs: number,
  runtime: RetryRuntime,
  attempt: (attemptTimeoutMs: number) => Promise<AttemptOutcome<T>>,
): Promise<T> {
  const start = runtime.clock();
  for (let n = 1; ; n += 1) {
    const left = policy.budgetMs - (runtime.clock() - start);
    const outcome = await attempt(Math.max(1, Math.min(timeoutMs, left)));
    if (outcome.ok) return outcome.value;
    const delay = nextRetryDelay(policy, outcome.hint, n, runtime.clock() - start, runtime.random);
    if (delay === undefined) throw outcome.error;
    await runtime.sleep(delay);
  }
}

import { AxiosError } from 'axios';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifyTransportFailure } from '../../main/conscent/classify-failure';
import { ApiError } from '../../main/conscent/api-error';
import {
  LOOKUP_RETRY_POLICY,
  nextRetryDelay,
  statusRetryHint,
  transportRetryHint,
  withRetries,
  type AttemptOutcome,
  type RetryHint,
  type RetryPolicy,
  type RetryRuntime,
} from '../../main/conscent/retry-policy';

const policy: RetryPolicy = { maxAttempts: 3, baseDelayMs: 250, maxDelayMs: 2000, budgetMs: 8000, minAttemptMs: 1000 };
const retryable: RetryHint = { retryable: true, minDelayMs: 0 };

/** A clock that only moves when the code under test sleeps or an attempt "takes" time. */
function fakeRuntime(random: () => number = () => 0.5) {
  let now = 0;
  const sleeps: number[] = [];
  const runtime: RetryRuntime = {
    clock: () => now,
    random,
    sleep: async (ms) => {
      sleeps.push(ms);
      now += ms;
    },
  };
  return { runtime, sleeps, advance: (ms: number) => (now += ms), now: () => now };
}

function transportError(code: string, message = 'failed'): AxiosError {
  const error = new AxiosError(message, 'ERR_NETWORK');
  (error as { cause?: unknown }).cause = Object.assign(new Error(message), { code });
  return error;
}

/** The retry decision as the client makes it: from the one classifier's facts. */
const hintFor = (raw: unknown) => transportRetryHint(classifyTransportFailure(raw, 'api.example.test', 1000));

describe('which failures may be retried', () => {
  it.each(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EAI_AGAIN'])('a transport failure %s', (code) => {
    expect(hintFor(transportError(code)).retryable).toBe(true);
  });

  it("axios' own timeout and the client's deadline abort", () => {
    expect(hintFor(new AxiosError('timeout of 10ms exceeded', 'ECONNABORTED')).retryable).toBe(true);
    expect(hintFor(new AxiosError('canceled', 'ERR_CANCELED')).retryable).toBe(true);
    expect(hintFor(new Error('socket hang up')).retryable).toBe(true);
  });

  it.each(['ENOTFOUND', 'CERT_HAS_EXPIRED', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'ENETUNREACH'])('not %s: trying again gives the same answer', (code) => {
    expect(hintFor(transportError(code)).retryable).toBe(false);
  });

  it('not an oversized response, nor something that is no error at all', () => {
    expect(hintFor(new AxiosError('maxContentLength size of 10 exceeded', 'ERR_BAD_RESPONSE')).retryable).toBe(false);
    expect(hintFor(undefined).retryable).toBe(false);
    expect(hintFor('ECONNRESET').retryable).toBe(false);
  });

  it.each([502, 503, 504])('HTTP %i from a gateway', (status) => {
    expect(statusRetryHint(new ApiError({ kind: 'server-error', status }))).toEqual(retryable);
  });

  it.each([400, 401, 403, 404, 409, 500])('never HTTP %i', (status) => {
    expect(statusRetryHint(new ApiError({ kind: 'server-error', status })).retryable).toBe(false);
  });

  it('429 only when the server said how long to wait, and never sooner', () => {
    expect(statusRetryHint(new ApiError({ kind: 'rate-limited', status: 429 })).retryable).toBe(false);
    expect(statusRetryHint(new ApiError({ kind: 'rate-limited', retryAfterSeconds: 2, status: 429 }))).toEqual({ retryable: true, minDelayMs: 2000 });
  });

  it('errors without a status (shape, JSON) are not retried', () => {
    expect(statusRetryHint(new ApiError({ kind: 'unexpected-response' })).retryable).toBe(false);
  });
});

describe('backoff: exponential with full jitter, bounded by count and budget', () => {
  it('waits a uniform share of base * 2^(n-1), capped at maxDelayMs', () => {
    const wide = { ...policy, maxAttempts: 10, budgetMs: 1e9 };
    expect(nextRetryDelay(wide, retryable, 1, 0, () => 0)).toBe(0);
    expect(nextRetryDelay(wide, retryable, 1, 0, () => 0.5)).toBe(125);
    expect(nextRetryDelay(wide, retryable, 2, 0, () => 0.5)).toBe(250);
    expect(nextRetryDelay(wide, retryable, 3, 0, () => 0.5)).toBe(500);
    expect(nextRetryDelay(wide, retryable, 6, 0, () => 0.5)).toBe(1000);
    expect(nextRetryDelay(wide, retryable, 9, 0, () => 0.999_999_9)).toBeLessThan(2000);
  });

  it('stays in [0, cap) whatever the random source returns', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9 }), fc.double({ noNaN: false }), (attempt, r) => {
        const wide = { ...policy, maxAttempts: 10, budgetMs: 1e9 };
        const delay = nextRetryDelay(wide, retryable, attempt, 0, () => r);
        const cap = Math.min(wide.maxDelayMs, wide.baseDelayMs * 2 ** (attempt - 1));
        return delay !== undefined && delay >= 0 && delay < cap;
      }),
      { seed: 4242, numRuns: 500 },
    );
  });

  it('gives up after maxAttempts, on a non-retryable failure, or when the budget cannot hold another attempt', () => {
    expect(nextRetryDelay(policy, retryable, 3, 0, () => 0)).toBeUndefined();
    expect(nextRetryDelay(policy, { retryable: false }, 1, 0, () => 0)).toBeUndefined();
    expect(nextRetryDelay(policy, retryable, 1, 7001, () => 0)).toBeUndefined();
    expect(nextRetryDelay(policy, retryable, 1, 7000, () => 0)).toBe(0);
  });

  it('honours a Retry-After that fits the budget, and refuses one that does not', () => {
    expect(nextRetryDelay(policy, { retryable: true, minDelayMs: 3000 }, 1, 0, () => 0.5)).toBe(3000);
    expect(nextRetryDelay(policy, { retryable: true, minDelayMs: 30_000 }, 1, 0, () => 0.5)).toBeUndefined();
  });

  it('the shipped lookup policy: 3 attempts within the 15 s whole-request deadline', () => {
    expect(LOOKUP_RETRY_POLICY).toMatchObject({ maxAttempts: 3, budgetMs: 15_000 });
  });
});

describe('withRetries', () => {
  const fail = (hint: RetryHint = retryable): AttemptOutcome<string> => ({
    ok: false,
    error: new ApiError({ kind: 'server-error', status: 503 }),
    hint,
  });

  it('retries a transient failure and returns the first success', async () => {
    const { runtime, sleeps } = fakeRuntime();
    const outcomes = [fail(), fail(), { ok: true, value: 'found' } as const];
    let calls = 0;
    await expect(withRetries(policy, 5000, runtime, async () => outcomes[calls++]!)).resolves.toBe('found');
    expect(calls).toBe(3);
    expect(sleeps).toEqual([125, 250]);
  });

  it('throws the last error after maxAttempts', async () => {
    const { runtime } = fakeRuntime();
    let calls = 0;
    await expect(withRetries(policy, 5000, runtime, async () => (calls++, fail()))).rejects.toMatchObject({ kind: 'server-error' });
    expect(calls).toBe(3);
  });

  it('does not retry a failure marked not retryable', async () => {
    const { runtime, sleeps } = fakeRuntime();
    let calls = 0;
    await expect(withRetries(policy, 5000, runtime, async () => (calls++, fail({ retryable: false })))).rejects.toBeInstanceOf(ApiError);
    expect(calls).toBe(1);
    expect(sleeps).toEqual([]);
  });

  it('gives each attempt only the budget that is left as its timeout', async () => {
    const { runtime, advance } = fakeRuntime(() => 0);
    const timeouts: number[] = [];
    await expect(
      withRetries(policy, 5000, runtime, async (timeout) => {
        timeouts.push(timeout);
        advance(timeout); // every attempt times out
        return fail();
      }),
    ).rejects.toBeInstanceOf(ApiError);
    expect(timeouts).toEqual([5000, 3000]);
  });

  it('never outlives the budget nor exceeds maxAttempts, whatever the attempts do (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ took: fc.nat({ max: 20_000 }), retry: fc.boolean(), wait: fc.nat({ max: 10_000 }) }), { minLength: 12, maxLength: 12 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        fc.integer({ min: 1, max: 6 }),
        async (script, r, maxAttempts) => {
          const p = { ...policy, maxAttempts };
          const { runtime, advance, now } = fakeRuntime(() => r);
          let calls = 0;
          await withRetries(p, 5000, runtime, async (timeout) => {
            const step = script[calls++]!;
            // An attempt cannot run past its own timeout: the client aborts it there.
            advance(Math.min(step.took, timeout));
            return fail(step.retry ? { retryable: true, minDelayMs: step.wait } : { retryable: false });
          }).catch(() => undefined);
          return calls >= 1 && calls <= maxAttempts && now() <= p.budgetMs;
        },
      ),
      { seed: 2024, numRuns: 1000 },
    );
  });
});

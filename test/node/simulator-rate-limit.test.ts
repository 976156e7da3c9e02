import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_CLIENT, SEED_EXAMPLE_USER_ID, startSimulator, type RunningSimulator } from '../../simulator';
import { parseCliArgs } from '../../simulator/cli-args';
import { createTokenBucket } from '../../simulator/rate-limit';

// The simulator's rate limit (issue 14): a token bucket answering 429 with Retry-After,
// so the bulk runner and the bench meet a known ceiling.

const AUTH = `Basic ${Buffer.from(`${DEMO_CLIENT.apiKey}:${DEMO_CLIENT.apiSecret}`).toString('base64')}`;
let sim: RunningSimulator | undefined;
afterEach(async () => {
  await sim?.stop();
  sim = undefined;
});

const patch = (baseUrl: string) =>
  fetch(`${baseUrl}/client/update-user?userId=${SEED_EXAMPLE_USER_ID}`, {
    method: 'PATCH',
    headers: { authorization: AUTH, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Rate Test' }),
  });

describe('simulator rate limit', () => {
  it('answers 429 with Retry-After once the burst is spent, and logs it as rate-limited', async () => {
    sim = await startSimulator({ userCount: 1, rate: { perSecond: 1, burst: 3 } });
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 5; i += 1) {
      const response = await patch(sim.baseUrl);
      statuses.push(response.status);
      if (response.status === 429) retryAfter = response.headers.get('retry-after');
      await response.arrayBuffer();
    }
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    expect(retryAfter).toBe('1');
    expect(sim.requests.filter((r) => r.rateLimited)).toHaveLength(2);
    // Nothing past the limit reached the store: the user was changed by the three that passed only.
    expect(sim.requests.filter((r) => r.status === 200)).toHaveLength(3);
  });

  it('refills at the configured rate (no timers: a stand-in clock)', () => {
    let now = 0;
    const bucket = createTokenBucket({ perSecond: 20 }, () => now);
    for (let i = 0; i < 20; i += 1) expect(bucket.take()).toBeNull();
    expect(bucket.take()).toBe(1);
    now += 100; // two tokens back
    expect(bucket.take()).toBeNull();
    expect(bucket.take()).toBeNull();
    expect(bucket.take()).not.toBeNull();
  });

  it('takes --rate 20/s on the command line, and refuses nonsense with the form to use', () => {
    expect(parseCliArgs(['--rate', '20/s'])).toMatchObject({ kind: 'run', options: { rate: { perSecond: 20 } } });
    expect(parseCliArgs(['--rate', '20/s:40'])).toMatchObject({ kind: 'run', options: { rate: { perSecond: 20, burst: 40 } } });
    expect(parseCliArgs(['--rate', 'fast'])).toMatchObject({ kind: 'error', message: expect.stringContaining('--rate 20/s') });
  });
});

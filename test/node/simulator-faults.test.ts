import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { UpdateUserResponse } from '../../main/conscent/conscent-answers';
import {
  DEFAULT_OVERSIZED_BYTES,
  DEMO_CLIENT,
  SEED_EXAMPLE_USER_ID,
  startSimulator,
  type RecordedRequest,
  type RunningSimulator,
} from '../../simulator';
import { RequestLog } from '../../simulator/request-log';

// Faults the console must survive, switched on per request path at runtime.

const AUTH = `Basic ${Buffer.from(`${DEMO_CLIENT.apiKey}:${DEMO_CLIENT.apiSecret}`).toString('base64')}`;

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator({ userCount: 5 });
});
afterEach(() => {
  sim.clearFaults();
  sim.clearRequests();
});
afterAll(() => sim.stop());

const update = (init: { signal?: AbortSignal; name?: string } = {}) =>
  fetch(`${sim.baseUrl}/client/update-user?userId=${SEED_EXAMPLE_USER_ID}`, {
    method: 'PATCH',
    headers: { authorization: AUTH, 'content-type': 'application/json' },
    body: JSON.stringify({ name: init.name ?? 'Shivam Dubey' }),
    signal: init.signal,
  });

const details = () => fetch(`${sim.baseUrl}/user/user-and-subscription-details?clientId=${DEMO_CLIENT.clientId}&userId=${SEED_EXAMPLE_USER_ID}`);

/** Counts a body's bytes without keeping it, as a size-capped client would read it. */
async function countBytes(response: Response): Promise<{ bytes: number; head: string; tail: string }> {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let bytes = 0;
  let head = '';
  let tail = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return { bytes, head, tail };
    bytes += value.length;
    const text = decoder.decode(value, { stream: true });
    if (head.length < 100) head += text.slice(0, 100);
    tail = (tail + text).slice(-100);
  }
}

describe('status faults', () => {
  it.each([401, 403, 404, 500, 502, 503] as const)('answers %i with a JSON message instead of the real answer', async (status) => {
    sim.addFault({ path: '/client/update-user', fault: { kind: 'status', status } });
    const response = await update({ name: 'Not Saved' });
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(typeof ((await response.json()) as { message: unknown }).message).toBe('string');
    expect(sim.getUser(SEED_EXAMPLE_USER_ID)!.name).toBe('Shivam Dubey');
  });

  it('sends Retry-After with 429, by default and as configured', async () => {
    sim.addFault({ fault: { kind: 'status', status: 429 }, times: 1 });
    sim.addFault({ fault: { kind: 'status', status: 429, retryAfterSeconds: 7 }, times: 1 });
    const first = await details();
    const second = await details();
    expect([first.status, second.status]).toEqual([429, 429]);
    expect(first.headers.get('retry-after')).toBe('30');
    expect(second.headers.get('retry-after')).toBe('7');
  });

  it('limits a fault to `times` requests, then answers normally', async () => {
    sim.addFault({ path: '/client/update-user', fault: { kind: 'status', status: 503 }, times: 2 });
    const statuses = [];
    for (let i = 0; i < 3; i += 1) statuses.push((await update()).status);
    expect(statuses).toEqual([503, 503, 200]);
  });

  it('applies a fault only to its path and method', async () => {
    sim.addFault({ path: '/client/update-user', method: 'patch', fault: { kind: 'status', status: 500 } });
    sim.addFault({ path: '/client/update-user', method: 'GET', fault: { kind: 'status', status: 502 } });
    expect((await details()).status).toBe(200);
    expect((await update()).status).toBe(500);
    sim.clearFaults();
    expect((await update()).status).toBe(200);
  });
});

describe('broken transports and bodies', () => {
  it('drop: closes the connection without an answer', async () => {
    sim.addFault({ path: '/client/update-user', fault: { kind: 'drop' }, times: 1 });
    await expect(update()).rejects.toThrow(TypeError);
    expect(sim.requests.at(-1)).toMatchObject({ status: null, fault: 'drop' });
    expect((await update()).status).toBe(200);
  });

  it("hang: never answers, so only the client's own timeout ends the call", async () => {
    sim.addFault({ fault: { kind: 'hang' }, times: 1 });
    await expect(update({ signal: AbortSignal.timeout(150) })).rejects.toMatchObject({ name: 'TimeoutError' });
    expect(sim.requests.at(-1)).toMatchObject({ status: null, fault: 'hang' });
  });

  it('latency: holds the answer back, then answers normally', async () => {
    sim.addFault({ fault: { kind: 'latency', ms: 60_000 }, times: 1 });
    await expect(update({ signal: AbortSignal.timeout(150) })).rejects.toMatchObject({ name: 'TimeoutError' });
    sim.addFault({ fault: { kind: 'latency', ms: 20 }, times: 1 });
    const response = await update({ name: 'After A Wait' });
    expect(response.status).toBe(200);
    expect(UpdateUserResponse.parse(await response.json()).userData.name).toBe('After A Wait');
    expect(sim.requests.at(-1)).toMatchObject({ status: 200, fault: 'latency' });
  });

  it('latency combines with a failing answer', async () => {
    sim.addFault({ fault: { kind: 'latency', ms: 10 } });
    sim.addFault({ path: '/client/update-user', fault: { kind: 'status', status: 502 } });
    expect((await update()).status).toBe(502);
    expect((await details()).status).toBe(200);
  });

  it('html: a gateway error page instead of JSON', async () => {
    sim.addFault({ fault: { kind: 'html' } });
    const response = await details();
    expect(response.status).toBe(502);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await response.text()).toMatch(/<html>[\s\S]*502 Bad Gateway/);
  });

  it('malformed-json: a 200 JSON response that does not parse', async () => {
    sim.addFault({ fault: { kind: 'malformed-json' } });
    const response = await update({ name: 'Not Saved' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    await expect(response.json()).rejects.toThrow(SyntaxError);
  });

  it('wrong-shape: valid JSON that is not the documented response', async () => {
    sim.addFault({ fault: { kind: 'wrong-shape' } });
    const response = await update();
    expect(response.status).toBe(200);
    expect(UpdateUserResponse.safeParse(await response.json()).success).toBe(false);
  });

  it('oversized: a valid JSON body larger than asked, 20 MiB by default', async () => {
    sim.addFault({ fault: { kind: 'oversized', bytes: 300_000 }, times: 1 });
    const small = await update();
    expect(small.status).toBe(200);
    const text = await small.text();
    expect(text.length).toBeGreaterThanOrEqual(300_000);
    expect(() => JSON.parse(text) as unknown).not.toThrow();

    sim.addFault({ fault: { kind: 'oversized' }, times: 1 });
    const big = await countBytes(await update());
    expect(big.bytes).toBeGreaterThanOrEqual(DEFAULT_OVERSIZED_BYTES);
    expect(big.head.startsWith('{')).toBe(true);
    expect(big.tail.endsWith('"}')).toBe(true);
  });

  it('oversized: a client that gives up early does not stall the simulator', async () => {
    sim.addFault({ fault: { kind: 'oversized', bytes: 50 * 1024 * 1024 }, times: 1 });
    const controller = new AbortController();
    const response = await update({ signal: controller.signal });
    const reader = response.body!.getReader();
    await reader.read();
    controller.abort();
    expect((await details()).status).toBe(200);
  });
});

describe('request log', () => {
  it('records method, path, query, body and whether credentials were good, never the credentials', async () => {
    await update({ name: 'Logged Name' });
    await fetch(`${sim.baseUrl}/client/purchases/subscriptions?email=a%40b.c`, {
      headers: { authorization: `Basic ${Buffer.from(`${DEMO_CLIENT.apiKey}:guess-secret`).toString('base64')}` },
    });
    await details();
    const log = sim.requests;
    expect(log.map((entry) => [entry.method, entry.path, entry.status, entry.authSent, entry.authorized])).toEqual([
      ['PATCH', '/client/update-user', 200, true, true],
      ['GET', '/client/purchases/subscriptions', 401, true, false],
      ['GET', '/user/user-and-subscription-details', 200, false, false],
    ]);
    expect(log[0]!.query).toEqual({ userId: SEED_EXAMPLE_USER_ID });
    expect(log[0]!.body).toEqual({ name: 'Logged Name' });
    const serialized = JSON.stringify(log);
    for (const secret of [DEMO_CLIENT.apiSecret, 'guess-secret', AUTH, 'Basic ']) expect(serialized).not.toContain(secret);
  });

  it('keeps only the most recent entries', () => {
    const log = new RequestLog(3);
    const fields = (path: string): Omit<RecordedRequest, 'seq' | 'at' | 'status'> => ({
      method: 'GET',
      path,
      query: {},
      body: undefined,
      authSent: false,
      authorized: false,
    });
    for (const path of ['/a', '/b', '/c', '/d', '/e']) log.start(fields(path));
    expect(log.snapshot().map((entry) => entry.path)).toEqual(['/c', '/d', '/e']);
  });
});

describe('stop()', () => {
  it('ends promptly even with hanging and slow requests open', async () => {
    const own = await startSimulator({ userCount: 0, faults: [{ path: '/client/update-user', fault: { kind: 'hang' } }] });
    own.addFault({ path: '/user/user-and-subscription-details', fault: { kind: 'latency', ms: 600_000 } });
    // Outcomes are caught at once: stop() makes both fail while this test still awaits it.
    const outcome = (request: Promise<Response>) =>
      request.then(
        (response) => response.status,
        (error: unknown) => error,
      );
    const hanging = outcome(fetch(`${own.baseUrl}/client/update-user?userId=${SEED_EXAMPLE_USER_ID}`, { method: 'PATCH' }));
    const slow = outcome(fetch(`${own.baseUrl}/user/user-and-subscription-details?clientId=demo-client&userId=${SEED_EXAMPLE_USER_ID}`));
    while (own.requests.length < 2) await new Promise((resolve) => setTimeout(resolve, 5));
    await own.stop();
    expect(await hanging).toBeInstanceOf(TypeError);
    expect(await slow).toBeInstanceOf(TypeError);
  });

  it('refuses an invalid fault rule', () => {
    expect(() => sim.addFault({ path: 'client/update-user', fault: { kind: 'drop' } })).toThrow(/starts with "\/"/);
    expect(() => sim.addFault({ fault: { kind: 'status', status: 418 as 500 } })).toThrow(/Invalid fault rule/);
  });
});

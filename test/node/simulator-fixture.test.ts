import { describe, expect } from 'vitest';
import { simulatorTest } from '../helpers/simulator-fixture';

// The shared simulator fixture (test/helpers/simulator-fixture.ts) that the client and
// simulator tests rely on: one simulator per file, and nothing one test did to it seen by
// the next. Tests here run in order, each building on what the one before left behind.

const it = simulatorTest({ userCount: 2, seed: 1 });
let firstBaseUrl = '';

describe('simulatorTest', () => {
  it('hands a running simulator to the first test', async ({ sim }) => {
    firstBaseUrl = sim.baseUrl;
    sim.addFault({ path: '/client/update-user', fault: { kind: 'status', status: 503 } });
    await fetch(`${sim.baseUrl}/client/update-user?userId=x`, { method: 'PATCH' });
    expect(sim.requests).toHaveLength(1);
  });

  it('hands the next test the same simulator, its faults cleared and its request log empty', async ({ sim }) => {
    expect(sim.baseUrl).toBe(firstBaseUrl);
    expect(sim.requests).toEqual([]);
    const answer = await fetch(`${sim.baseUrl}/client/update-user?userId=x`, { method: 'PATCH' });
    expect(answer.status).not.toBe(503);
  });
});

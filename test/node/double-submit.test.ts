import { describe, expect } from 'vitest';
import type { UpdateReaderResult } from '../../common/readers-contract';
import { SEED_EXAMPLE_USER_ID, type RunningSimulator } from '../../simulator';
import { bridgeTest } from '../helpers/bridge-fixture';

// The renderer disables Save while a save is in flight; main refuses a second one too,
// so a second click, a stuck UI or a misbehaving page can never send two PATCHes racing.

const UPDATE = '/client/update-user';

/** Each test: a console connected to the simulator, and its save of a reader's name through the bridge. */
const it = bridgeTest({ simulator: { userCount: 10, seed: 5 } }).extend('update', async ({ sim, bridge }) => {
  const connectionId = await bridge.connectTo(sim);
  return (name: string, userId = SEED_EXAMPLE_USER_ID) =>
    bridge.call<UpdateReaderResult>('updateReader', { connectionId, userId, changes: { name } });
});
const patches = (sim: RunningSimulator) => sim.requests.filter((r) => r.method === 'PATCH' && r.path === UPDATE);

/** Resolves the first call's promise into a flag, so "answered before the first" needs no clock. */
function track<T>(promise: Promise<T>): { promise: Promise<T>; settled: () => boolean } {
  let done = false;
  void promise.then(
    () => (done = true),
    () => (done = true),
  );
  return { promise, settled: () => done };
}

describe('a second save of the same reader while one is in flight', () => {
  it('is refused at once with a clear error; exactly one PATCH reaches ConsCent', async ({ sim, update }) => {
    sim.addFault({ path: UPDATE, fault: { kind: 'latency', ms: 400 }, times: 1 });
    const first = track(update('First Save'));
    const second = await update('Second Save');
    expect(first.settled()).toBe(false);
    expect(second).toEqual({ ok: false, error: { kind: 'update-in-flight' } });

    const result = await first.promise;
    expect(result.ok && result.value.user.name).toBe('First Save');
    expect(patches(sim)).toHaveLength(1);
    expect(patches(sim)[0]!.body).toEqual({ name: 'First Save' });
    expect(sim.getUser(SEED_EXAMPLE_USER_ID)!.name).toBe('First Save');
  });

  it('is refused when the user id differs only in letter case', async ({ sim, update }) => {
    sim.addFault({ path: UPDATE, fault: { kind: 'latency', ms: 300 }, times: 1 });
    const first = track(update('Lower'));
    const second = await update('Upper', SEED_EXAMPLE_USER_ID.toUpperCase());
    expect(second.ok).toBe(false);
    await first.promise;
    expect(patches(sim)).toHaveLength(1);
  });

  it('works again once the first has answered, whether it succeeded or failed', async ({ sim, update }) => {
    sim.addFault({ path: UPDATE, fault: { kind: 'status', status: 500 }, times: 1 });
    expect((await update('Fails')).ok).toBe(false);
    const again = await update('After Failure');
    expect(again.ok).toBe(true);
    const third = await update('After Success');
    expect(third.ok).toBe(true);
    expect(patches(sim)).toHaveLength(3);
  });

  it('does not hold back saves of other readers', async ({ sim, update }) => {
    const other = sim.listUsers().find((u) => u.userId !== SEED_EXAMPLE_USER_ID)!.userId;
    sim.addFault({ path: UPDATE, fault: { kind: 'latency', ms: 300 }, times: 1 });
    const [a, b] = await Promise.all([update('Reader A'), update('Reader B', other)]);
    expect(a.ok && b.ok).toBe(true);
    expect(patches(sim)).toHaveLength(2);
  });

  it("a refused save does not release the first one's guard", async ({ sim, update }) => {
    sim.addFault({ path: UPDATE, fault: { kind: 'latency', ms: 400 }, times: 1 });
    const first = track(update('First'));
    expect((await update('Second')).ok).toBe(false);
    expect((await update('Third')).ok).toBe(false);
    await first.promise;
    expect(patches(sim)).toHaveLength(1);
  });
});

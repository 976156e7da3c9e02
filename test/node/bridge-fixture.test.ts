import { existsSync } from 'node:fs';
import { describe, expect } from 'vitest';
import { SEED_EXAMPLE_USER_ID } from '../../simulator';
import { bridgeTest } from '../helpers/bridge-fixture';

// The bridge fixture (test/helpers/bridge-fixture.ts) the bridge and use-case tests run
// on: a fresh console per test over a temp folder that is removed after it, and a restart
// that keeps what the app keeps. Tests here run in order, the second checking what the
// first left behind.

const it = bridgeTest({ simulator: { userCount: 2, seed: 1 } });
let firstDir = '';

describe('bridgeTest', () => {
  it('hands a test a console that reaches the simulator through the bridge; a restart keeps settings, keychain and history', async ({
    sim,
    bridge,
  }) => {
    firstDir = bridge.dir;
    const connectionId = await bridge.connectTo(sim);
    const saved = await bridge.call('updateReader', { connectionId, userId: SEED_EXAMPLE_USER_ID, changes: { name: 'Fixture Check' } });
    expect(saved.ok).toBe(true);
    expect(sim.getUser(SEED_EXAMPLE_USER_ID)?.name).toBe('Fixture Check');

    const again = bridge.restart();
    expect(await again.call('listConnections')).toMatchObject({ ok: true, value: { connections: [{ id: connectionId, hasCredentials: true }] } });
    expect(await again.call('listHistory', { filter: {}, page: { offset: 0, limit: 10 } })).toMatchObject({ ok: true, value: { all: 1 } });
  });

  it('hands the next test a fresh console, the last one’s folder removed', async ({ bridge }) => {
    expect(bridge.dir).not.toBe(firstDir);
    expect(existsSync(firstDir)).toBe(false);
    expect(await bridge.call('listConnections')).toMatchObject({ ok: true, value: { connections: [] } });
  });
});

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect } from 'vitest';
import type { HistoryPage } from '../../common/history-schemas';
import { createPolicyGate } from '../../main/policy/policy-gate';
import { startPolicySource } from '../../main/policy/policy-source';
import { SEED_EXAMPLE_USER_ID } from '../../simulator';
import { bridgeTest, type TestConsole } from '../helpers/bridge-fixture';
import { silentLogger } from '../helpers/silent-logger';

// Issue 21.1: the policy is obeyed by main, whatever the page asks: a refused write never
// reaches ConsCent, and the answer names the setting that refuses it (kind 'policy').

const it = bridgeTest({ simulator: { userCount: 4, seed: 6 } });

function underPolicy(bridge: TestConsole, policy: object): TestConsole {
  const file = join(bridge.dir, 'policy.json');
  writeFileSync(file, JSON.stringify({ version: 1, ...policy }));
  const gate = createPolicyGate(startPolicySource({ platform: 'linux', env: {}, filePath: file, logger: silentLogger, watch: false }));
  return bridge.restart({ policy: gate });
}

const patches = (sim: { requests: readonly { method: string }[] }) => sim.requests.filter((r) => r.method === 'PATCH').length;

describe('a policy main enforces', () => {
  it('allowRevert false: a revert is refused before anything is sent, naming the setting; a plain save still goes', async ({ sim, bridge }) => {
    const connectionId = await bridge.connectTo(sim);
    const c = underPolicy(bridge, { allowRevert: false });
    const saved = await c.call('updateReader', { connectionId, userId: SEED_EXAMPLE_USER_ID, changes: { name: 'Policy Saved' } });
    expect(saved.ok).toBe(true);
    const before = patches(sim);
    const revert = await c.call('updateReader', { connectionId, userId: SEED_EXAMPLE_USER_ID, changes: { name: 'Shivam Dubey' }, revertOf: 1 });
    expect(revert).toMatchObject({ ok: false, error: { kind: 'policy', reason: 'forbidden', key: 'allowRevert' } });
    expect(patches(sim)).toBe(before);
    // Nothing was recorded for the refused change either.
    const history = await c.call<HistoryPage>('listHistory', { filter: {}, page: { offset: 0, limit: 10 } });
    expect(history.ok && history.value.all).toBe(1);
  });

  it('allowClearHistory false: Clear history is refused and the history kept; a retention under the minimum is refused', async ({ sim, bridge }) => {
    const connectionId = await bridge.connectTo(sim);
    await bridge.call('updateReader', { connectionId, userId: SEED_EXAMPLE_USER_ID, changes: { name: 'Kept Entry' } });
    const c = underPolicy(bridge, { allowClearHistory: false, minRetentionDays: 365 });
    expect(await c.call('clearHistory', { confirm: true })).toMatchObject({
      ok: false,
      error: { kind: 'policy', reason: 'forbidden', key: 'allowClearHistory' },
    });
    const history = await c.call<HistoryPage>('listHistory', { filter: {}, page: { offset: 0, limit: 10 } });
    expect(history.ok && history.value.all).toBe(1);
    const shorter = await c.call('saveHistorySettings', { displayName: '', retentionDays: 30 });
    expect(shorter).toMatchObject({ ok: false, error: { kind: 'policy', key: 'minRetentionDays' } });
  });

  it('requireTicket: a change without a ticket or reason is refused, naming the setting; with one it is sent', async ({ sim, bridge }) => {
    const connectionId = await bridge.connectTo(sim);
    const c = underPolicy(bridge, { requireTicket: true });
    const before = patches(sim);
    const bare = await c.call('updateReader', { connectionId, userId: SEED_EXAMPLE_USER_ID, changes: { name: 'No Ticket' } });
    expect(bare).toMatchObject({ ok: false, error: { kind: 'policy', reason: 'forbidden', key: 'requireTicket' } });
    expect(patches(sim)).toBe(before);
    const withTicket = await c.call('updateReader', {
      connectionId,
      userId: SEED_EXAMPLE_USER_ID,
      changes: { name: 'With Ticket' },
      ticket: 'SUP-9',
    });
    expect(withTicket.ok).toBe(true);
  });

  it('a policy file that fails its checks locks every write, naming the file and its first error', async ({ sim, bridge }) => {
    const connectionId = await bridge.connectTo(sim);
    const c = underPolicy(bridge, { allowBulks: false });
    const before = patches(sim);
    const refused = await c.call('updateReader', { connectionId, userId: SEED_EXAMPLE_USER_ID, changes: { name: 'Never Sent' } });
    expect(refused).toMatchObject({
      ok: false,
      error: { kind: 'policy', reason: 'policy-invalid', path: join(bridge.dir, 'policy.json'), firstError: expect.stringContaining('allowBulks') },
    });
    expect(patches(sim)).toBe(before);
    // Looking readers up is still allowed.
    expect((await c.call('openReader', { connectionId, userId: SEED_EXAMPLE_USER_ID })).ok).toBe(true);
  });
});

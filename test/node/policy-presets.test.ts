import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect } from 'vitest';
import type { ConnectionsState } from '../../common/connections-contract';
import type { HistoryPage } from '../../common/history-schemas';
import type { PolicyView } from '../../common/policy-contract';
import { currentIdentity } from '../../main/history/agent-identity';
import { auditSettingsUnder } from '../../main/policy/policy-audit';
import { createPolicyGate, NO_POLICY } from '../../main/policy/policy-gate';
import { startPolicySource } from '../../main/policy/policy-source';
import { DEMO_CLIENT, SEED_EXAMPLE_USER_ID, type RunningSimulator } from '../../simulator';
import { bridgeTest, type TestConsole } from '../helpers/bridge-fixture';
import { silentLogger } from '../helpers/silent-logger';

// Issue 21.1, what the page is told and what the agent may do with the policy's own
// connections: they are listed (marked managed) beside the agent's, the default one is
// active on first start, the agent stores only their key and secret, and the page learns
// the policy's flags through getPolicy. The agent's name comes from the template.

const it = bridgeTest({ simulator: { userCount: 4, seed: 8 } });

function underPolicy(bridge: TestConsole, policy: object | string): TestConsole {
  const file = join(bridge.dir, 'policy.json');
  writeFileSync(file, typeof policy === 'string' ? policy : JSON.stringify({ version: 1, ...policy }));
  const gate = createPolicyGate(startPolicySource({ platform: 'linux', env: {}, filePath: file, logger: silentLogger, watch: false }));
  return bridge.restart({ policy: gate });
}

const presetsOn = (sim: RunningSimulator) => [
  { id: 'acme-sim', name: 'Acme (simulator)', environment: 'custom', baseUrl: sim.baseUrl, clientId: DEMO_CLIENT.clientId },
  { id: 'acme-other', name: 'Acme other desk', environment: 'custom', baseUrl: sim.baseUrl, clientId: DEMO_CLIENT.clientId },
];
const credentials = { apiKey: DEMO_CLIENT.apiKey, apiSecret: DEMO_CLIENT.apiSecret };

async function value<T>(promise: Promise<{ ok: boolean; value?: unknown; error?: unknown }>): Promise<T> {
  const result = await promise;
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value as T;
}

describe('the policy’s own connections', () => {
  it('are listed first and marked managed, the default one active on first start, with no key until the agent stores one', async ({
    sim,
    bridge,
  }) => {
    const c = underPolicy(bridge, { connections: presetsOn(sim), defaultConnection: 'acme-other' });
    const state = await value<ConnectionsState>(c.call('listConnections'));
    expect(state.connections.map((x) => [x.id, x.managed, x.hasCredentials])).toEqual([
      ['acme-sim', true, false],
      ['acme-other', true, false],
    ]);
    expect(state.activeConnectionId).toBe('acme-other');
  });

  it('take only a key and secret from the agent, stored under the preset’s id; then readers are looked up through them', async ({ sim, bridge }) => {
    const c = underPolicy(bridge, { connections: presetsOn(sim), defaultConnection: 'acme-sim' });
    const saved = await value<{ id: string; managed?: true; hasCredentials: boolean }>(
      c.call('savePresetCredentials', { id: 'acme-sim', credentials }),
    );
    expect(saved).toMatchObject({ id: 'acme-sim', managed: true, hasCredentials: true });
    const opened = await c.call('openReader', { connectionId: 'acme-sim', userId: SEED_EXAMPLE_USER_ID });
    expect(opened.ok).toBe(true);
    // Not a way to change the preset's fields, nor to store a key for a connection the policy does not have.
    expect(await c.call('savePresetCredentials', { id: 'not-a-preset', credentials })).toMatchObject({
      ok: false,
      error: { kind: 'not-configured', reason: 'no-such-connection' },
    });
  });

  it('can be chosen as the active connection, and stay chosen after a restart', async ({ sim, bridge }) => {
    const policy = { connections: presetsOn(sim), defaultConnection: 'acme-sim' };
    const c = underPolicy(bridge, policy);
    await value(c.call('selectConnection', { id: 'acme-other' }));
    const again = underPolicy(c, policy);
    expect((await value<ConnectionsState>(again.call('listConnections'))).activeConnectionId).toBe('acme-other');
  });
});

describe('getPolicy', () => {
  it('says there is none without a policy', async ({ bridge }) => {
    expect(await value<PolicyView>(bridge.call('getPolicy'))).toEqual({ state: 'none' });
  });

  it('answers the flags the page shows as set by the organisation, and the agent’s name from the template', async ({ sim, bridge }) => {
    const c = underPolicy(bridge, {
      connections: presetsOn(sim),
      allowBulk: false,
      minRetentionDays: 400,
      displayNameTemplate: '{osUser} (Support, Pune)',
      audit: { host: 'logs.acme.example', port: 6514 },
    });
    const view = await value<PolicyView>(c.call('getPolicy'));
    expect(view).toEqual({
      state: 'applied',
      fixed: ['connections', 'minRetentionDays', 'allowBulk', 'audit', 'displayNameTemplate'],
      connections: ['acme-sim', 'acme-other'],
      allowOwnConnections: true,
      minRetentionDays: 400,
      allowClearHistory: true,
      allowBulk: false,
      allowRevert: true,
      allowProductionWrites: true,
      requireTicket: false,
      displayName: `${currentIdentity().osUser} (Support, Pune)`,
      audit: { collector: 'logs.acme.example:6514', tls: true },
    });
  });

  it('says the console is locked, with the file and its first error, when the policy fails its checks', async ({ bridge }) => {
    const c = underPolicy(bridge, '{"version": 1, "allowBulk": "no"}');
    expect(await value<PolicyView>(c.call('getPolicy'))).toEqual({
      state: 'locked',
      path: join(bridge.dir, 'policy.json'),
      firstError: expect.stringContaining('allowBulk') as string,
    });
  });
});

describe('the display name template', () => {
  it('names the agent in the history instead of their own display name, which they can no longer change', async ({ sim, bridge }) => {
    const connectionId = await bridge.connectTo(sim);
    await value(bridge.call('saveHistorySettings', { displayName: 'Asha', retentionDays: 90 }));
    const c = underPolicy(bridge, { displayNameTemplate: '{osUser} (Support, Pune)' });
    await value(c.call('updateReader', { connectionId, userId: SEED_EXAMPLE_USER_ID, changes: { name: 'Named By Policy' } }));
    const page = await value<HistoryPage>(c.call('listHistory', { filter: {}, page: { offset: 0, limit: 5 } }));
    expect(page.entries[0]?.agent.displayName).toBe(`${currentIdentity().osUser} (Support, Pune)`);
    expect(await c.call('saveHistorySettings', { displayName: 'Someone else', retentionDays: 90 })).toMatchObject({
      ok: false,
      error: { kind: 'policy', reason: 'forbidden', key: 'displayNameTemplate' },
    });
  });
});

describe('the audit target', () => {
  it('is the policy’s when it sets one, over the settings file’s; the settings file’s otherwise', async ({ bridge }) => {
    const file = join(bridge.dir, 'audit-policy.json');
    writeFileSync(file, JSON.stringify({ version: 1, audit: { host: 'logs.acme.example', port: 6514, facility: 'local3' } }));
    const source = startPolicySource({ platform: 'linux', env: {}, filePath: file, logger: silentLogger, watch: false });
    const fromFile = async () => ({ host: 'agent.example', port: 514 }) as never;
    const underPolicyTarget = await auditSettingsUnder(createPolicyGate(source), fromFile)();
    expect(underPolicyTarget).toMatchObject({ host: 'logs.acme.example', port: 6514, tls: true, facility: 'local3' });
    expect(await auditSettingsUnder(NO_POLICY, fromFile)()).toEqual({ host: 'agent.example', port: 514 });
    source.close();
  });
});

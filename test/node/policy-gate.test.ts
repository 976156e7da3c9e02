import { describe, expect, it } from 'vitest';
import { PolicyError } from '../../main/policy/policy-error';
import { createPolicyGate, NO_POLICY } from '../../main/policy/policy-gate';
import { PolicyFile } from '../../main/policy/policy-schema';
import type { PolicyState } from '../../main/policy/policy-source';
import { PRESET_CONNECTION } from './policy-fixtures';

// What the services are told by the admin's policy (issue 21.1): each refusal names the
// policy key that refuses it; a locked policy refuses every write and says why.

const connection = PRESET_CONNECTION;

function gateFor(raw: unknown) {
  const policy = PolicyFile.parse(raw);
  return createPolicyGate({ current: (): PolicyState => ({ status: 'active', policy, fixed: [], sources: ['/etc/conscent-console/policy.json'] }) });
}

const locked = createPolicyGate({
  current: (): PolicyState => ({ status: 'locked', path: '/etc/conscent-console/policy.json', firstError: 'The file is not JSON.' }),
});
const lockedRefusal = { kind: 'policy', reason: 'policy-invalid', path: '/etc/conscent-console/policy.json', firstError: 'The file is not JSON.' };

describe('the policy gate', () => {
  it('allows everything when there is no policy', () => {
    expect(NO_POLICY.mayAddConnection()).toBeUndefined();
    expect(NO_POLICY.mayChangeConnection('any')).toBeUndefined();
    expect(NO_POLICY.mayClearHistory()).toBeUndefined();
    expect(NO_POLICY.mayKeepHistoryFor(1)).toBeUndefined();
    expect(NO_POLICY.mayWrite({ production: true, bulk: true, revert: true })).toBeUndefined();
    expect([NO_POLICY.ticketRequired, NO_POLICY.minRetentionDays, NO_POLICY.presetConnections, NO_POLICY.displayName('asha')]).toEqual([
      false,
      undefined,
      [],
      undefined,
    ]);
  });

  it('allows what a policy leaves unset, and what it allows in so many words', () => {
    const gate = gateFor({ version: 1, allowBulk: true });
    expect(gate.mayWrite({ production: true, bulk: true, revert: true })).toBeUndefined();
    expect(gate.mayAddConnection()).toBeUndefined();
  });

  it('refuses a new connection when agents may not add their own, naming allowOwnConnections', () => {
    expect(gateFor({ version: 1, allowOwnConnections: false }).mayAddConnection()).toEqual({
      kind: 'policy',
      reason: 'forbidden',
      key: 'allowOwnConnections',
    });
  });

  it('refuses editing or deleting the policy’s own connections, not the agent’s', () => {
    const gate = gateFor({ version: 1, connections: [connection] });
    expect(gate.mayChangeConnection('acme-prod')).toEqual({ kind: 'policy', reason: 'forbidden', key: 'connections' });
    expect(gate.mayChangeConnection('my-own')).toBeUndefined();
    expect(gate.presetConnections.map((c) => c.id)).toEqual(['acme-prod']);
  });

  it('refuses clearing the history and a retention below the minimum', () => {
    const gate = gateFor({ version: 1, allowClearHistory: false, minRetentionDays: 90 });
    expect(gate.mayClearHistory()).toEqual({ kind: 'policy', reason: 'forbidden', key: 'allowClearHistory' });
    expect(gate.mayKeepHistoryFor(30)).toEqual({ kind: 'policy', reason: 'forbidden', key: 'minRetentionDays' });
    expect(gate.mayKeepHistoryFor(90)).toBeUndefined();
    expect(gate.minRetentionDays).toBe(90);
  });

  it('refuses each kind of write by its own key, and lets the others through', () => {
    const gate = gateFor({ version: 1, allowProductionWrites: false, allowBulk: false, allowRevert: false });
    expect(gate.mayWrite({ production: true, bulk: false, revert: false })).toEqual({
      kind: 'policy',
      reason: 'forbidden',
      key: 'allowProductionWrites',
    });
    expect(gate.mayWrite({ production: false, bulk: true, revert: false })).toEqual({ kind: 'policy', reason: 'forbidden', key: 'allowBulk' });
    expect(gate.mayWrite({ production: false, bulk: false, revert: true })).toEqual({ kind: 'policy', reason: 'forbidden', key: 'allowRevert' });
    expect(gate.mayWrite({ production: false, bulk: false, revert: false })).toBeUndefined();
    expect(gateFor({ version: 1, allowBulk: false }).mayWrite({ production: true, bulk: false, revert: true })).toBeUndefined();
  });

  it('says whether a ticket is required, the default connection, and the agent’s name from the template', () => {
    const gate = gateFor({
      version: 1,
      connections: [connection],
      defaultConnection: 'acme-prod',
      requireTicket: true,
      displayNameTemplate: '{osUser} (Support, Pune)',
    });
    expect(gate.ticketRequired).toBe(true);
    expect(gate.defaultConnection).toBe('acme-prod');
    expect(gate.displayName('asha')).toBe('asha (Support, Pune)');
  });

  it('refuses every write while the policy is locked, with its path and first error; lookups are not its business', () => {
    expect(locked.mayAddConnection()).toEqual(lockedRefusal);
    expect(locked.mayChangeConnection('my-own')).toEqual(lockedRefusal);
    expect(locked.mayClearHistory()).toEqual(lockedRefusal);
    expect(locked.mayKeepHistoryFor(3650)).toEqual(lockedRefusal);
    expect(locked.mayWrite({ production: false, bulk: false, revert: false })).toEqual(lockedRefusal);
    expect(locked.fixed()).toEqual([]);
  });

  it('throws a refusal as a PolicyError whose message carries only kind and reason', () => {
    const gate = gateFor({ version: 1, allowBulk: false });
    let thrown: unknown;
    try {
      gate.check(gate.mayWrite({ production: false, bulk: true, revert: false }));
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(PolicyError);
    expect((thrown as PolicyError).message).toBe('policy (forbidden)');
    expect((thrown as PolicyError).toFacts()).toEqual({ kind: 'policy', reason: 'forbidden', key: 'allowBulk' });
    expect(() => gate.check(undefined)).not.toThrow();
  });

  it('answers from the policy as it is now, when it changes under a running console', () => {
    let state: PolicyState = { status: 'none' };
    const gate = createPolicyGate({ current: () => state });
    expect(gate.mayAddConnection()).toBeUndefined();
    state = { status: 'active', policy: PolicyFile.parse({ version: 1, allowOwnConnections: false }), fixed: ['allowOwnConnections'], sources: [] };
    expect(gate.mayAddConnection()).toMatchObject({ key: 'allowOwnConnections' });
    expect(gate.fixed()).toEqual(['allowOwnConnections']);
  });
});

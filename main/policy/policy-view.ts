import type { PolicyView } from '../../common/policy-contract';
import type { PolicyGate } from './policy-gate';

// What the page is told of the policy (common/policy-contract.ts): the flags it shows as
// "Set by your organisation", never the policy file itself (an admin's CA certificate or
// proxy stays in main; the connections reach the page through listConnections).

export async function policyView(gate: PolicyGate, osUser: string): Promise<PolicyView> {
  await gate.ready();
  const state = gate.state();
  if (state.status === 'none') return { state: 'none' };
  if (state.status === 'locked') return { state: 'locked', path: state.path, firstError: state.firstError };
  const { policy } = state;
  const displayName = gate.displayName(osUser);
  return {
    state: 'applied',
    fixed: [...state.fixed],
    connections: (policy.connections ?? []).map((c) => c.id),
    ...(policy.defaultConnection ? { defaultConnection: policy.defaultConnection } : {}),
    allowOwnConnections: policy.allowOwnConnections !== false,
    ...(policy.minRetentionDays !== undefined ? { minRetentionDays: policy.minRetentionDays } : {}),
    allowClearHistory: policy.allowClearHistory !== false,
    allowBulk: policy.allowBulk !== false,
    allowRevert: policy.allowRevert !== false,
    allowProductionWrites: policy.allowProductionWrites !== false,
    requireTicket: policy.requireTicket === true,
    ...(displayName !== undefined ? { displayName } : {}),
    ...(policy.audit ? { audit: { collector: `${policy.audit.host}:${policy.audit.port}`, tls: policy.audit.tls } } : {}),
  };
}

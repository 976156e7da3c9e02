import type { PolicyKey } from './errors/policy-errors';

// The organisation's policy as the page may know it (issue 21.1; main/policy/): what it
// fixes, so each such setting is shown "Set by your organisation" and not offered for
// editing. Main enforces every one of them itself; this is for showing, never for trusting.

export type PolicyView =
  /** No policy on this machine: the agent decides everything. */
  | { state: 'none' }
  | {
      state: 'applied';
      /** The settings the policy sets (each is shown as set by the organisation). */
      fixed: PolicyKey[];
      /** The ids of the connections it sets up. */
      connections: string[];
      defaultConnection?: string;
      allowOwnConnections: boolean;
      minRetentionDays?: number;
      allowClearHistory: boolean;
      allowBulk: boolean;
      allowRevert: boolean;
      allowProductionWrites: boolean;
      requireTicket: boolean;
      /** The agent's name in the history and audit events, as the template makes it. */
      displayName?: string;
      /** Where audit events go ("host:port"), when the policy says. */
      audit?: { collector: string; tls: boolean };
    }
  /** The policy could not be used: nothing can be changed until IT fixes it. */
  | { state: 'locked'; path: string; firstError: string };

export const POLICY_REQUEST_SCHEMAS = {
  getPolicy: null,
} as const;

export type PolicyResults = {
  getPolicy: PolicyView;
};

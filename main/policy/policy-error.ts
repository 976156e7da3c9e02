import type { PolicyKey } from './policy-schema';

// A refusal by the admin's policy (issue 21.1), as facts: which setting refuses, or that the
// policy itself could not be read (then the console is locked and refuses every write).
// The renderer words it ("Set by your organisation: …"). Kind 'policy' is not yet a member
// of common/result.ts's BridgeError union (another change is reshaping it): when it is, this
// class extends ConsoleFailure like the others, and PolicyFacts is that member.

export const POLICY_REASONS = [
  /** The setting `key` forbids the action. */
  'forbidden',
  /** The policy (`path`) failed to load (`firstError`): the console is locked, nothing is written. */
  'policy-invalid',
] as const;
export type PolicyReason = (typeof POLICY_REASONS)[number];

export type PolicyFacts =
  { kind: 'policy'; reason: 'forbidden'; key: PolicyKey } | { kind: 'policy'; reason: 'policy-invalid'; path: string; firstError: string };

export class PolicyError extends Error {
  override readonly name = 'PolicyError';
  readonly kind = 'policy';

  constructor(readonly facts: PolicyFacts) {
    // Like ConsoleFailure: "kind (reason)" only, so a log line carries nothing more.
    super(`policy (${facts.reason})`);
  }

  get reason(): PolicyReason {
    return this.facts.reason;
  }

  /** A copy, as ConsoleFailure gives one: what crosses IPC never aliases the thrown error. */
  toFacts(): PolicyFacts {
    return { ...this.facts };
  }
}

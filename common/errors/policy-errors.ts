import { z } from 'zod';

// A refusal by the admin's machine-wide policy (issue 21.1; main/policy/): which setting
// refuses the action, or that the policy itself could not be used, so the console is
// locked and writes nothing until IT fixes it.

/** The policy's settings by name, as a refusal names them (docs/installing.md). */
export const POLICY_KEYS = [
  'connections',
  'defaultConnection',
  'allowOwnConnections',
  'minRetentionDays',
  'allowClearHistory',
  'allowBulk',
  'allowRevert',
  'allowProductionWrites',
  'requireTicket',
  'audit',
  'displayNameTemplate',
] as const;
export const PolicyKey = z.enum(POLICY_KEYS);
export type PolicyKey = z.infer<typeof PolicyKey>;

export const POLICY_REASONS = [
  /** The setting `key` forbids the action. */
  'forbidden',
  /** The policy (`path`) failed to load (`firstError`): the console is locked, nothing is written. */
  'policy-invalid',
] as const;

export const POLICY_ERRORS = [
  z.object({
    kind: z.literal('policy'),
    reason: z.enum(POLICY_REASONS),
    key: PolicyKey.optional(),
    path: z.string().max(1000).optional(),
    firstError: z.string().max(500).optional(),
  }),
] as const;

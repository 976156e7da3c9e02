// The words for the organisation's policy (issue 21.1), one vocabulary on every screen.

export const MANAGED_LABEL = 'Set by your organisation';

export const ASK_IT = 'Ask your IT team if you need it changed.';

export const POLICY_REFUSES = {
  bulk: 'Bulk corrections are turned off by your organisation’s policy (allowBulk). Correct readers one at a time on the Readers screen.',
  revert: 'Reverting a change is turned off by your organisation’s policy (allowRevert).',
  production:
    'Changes on Production connections are turned off by your organisation’s policy (allowProductionWrites). You can still look readers up.',
  clearHistory: 'Clearing the change history is turned off by your organisation’s policy (allowClearHistory).',
  ownConnections: 'Adding your own connections is turned off by your organisation’s policy (allowOwnConnections).',
  locked: 'Nothing can be changed while the policy is locked.',
} as const;

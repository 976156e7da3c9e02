import type { PolicyKey } from '../../../common/errors/policy-errors';
import type { ErrorOf } from '../../../common/result';
import { advice, type Advice } from './advice';

// What the agent reads when the organisation's policy refuses something (issue 21.1): which
// setting refuses it, in the words of the screen it belongs to, and who can change it.

const WHAT: Record<PolicyKey, string> = {
  connections: 'the connections your organisation set up cannot be changed here',
  defaultConnection: 'the default connection is set by your organisation',
  allowOwnConnections: 'adding your own connections is turned off',
  minRetentionDays: 'the change history must be kept longer than that',
  allowClearHistory: 'clearing the change history is turned off',
  allowBulk: 'bulk corrections are turned off',
  allowRevert: 'reverting a change from History is turned off',
  allowProductionWrites: 'changes on Production connections are turned off',
  requireTicket: 'every change needs a ticket or reason',
  audit: 'forwarding to the team log is set by your organisation',
  displayNameTemplate: 'your name in the history is set by your organisation',
};

/** What a policy setting means, in the screen's words: the mark beside it says the same as a refusal would. */
export const policySettingWords = (key: PolicyKey): string => WHAT[key];

export function policyFailureWords(error: ErrorOf<'policy'>): Advice {
  if (error.reason === 'policy-invalid') {
    const where = error.path ? ` (${error.path})` : '';
    const why = error.firstError ? `: ${error.firstError}` : '';
    return advice(
      `The console is locked: your organisation's policy file${where} could not be used${why}.`,
      'Ask your IT team to fix it; until then nothing can be changed.',
    );
  }
  const what = error.key ? WHAT[error.key] : 'this is turned off';
  return advice(`Set by your organisation: ${what}.`, 'Ask your IT team if you need it.');
}

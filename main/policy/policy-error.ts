import type { ErrorOf } from '../../common/result';
import { ConsoleFailure } from '../errors/console-failure';

// A refusal by the admin's policy (issue 21.1), as facts: which setting refuses, or that the
// policy itself could not be read (then the console is locked and refuses every write).
// The renderer words it ("Your organisation's policy …"; renderer/src/errors/).

export { POLICY_REASONS } from '../../common/errors/policy-errors';
export type PolicyReason = ErrorOf<'policy'>['reason'];
export type PolicyFacts = ErrorOf<'policy'>;

export class PolicyError extends ConsoleFailure<ErrorOf<'policy'>> {
  override readonly name = 'PolicyError';

  /** The same facts, as the gate's answers hand them over. */
  toFacts(): PolicyFacts {
    return { ...this.facts };
  }
}

import type { ErrorOf } from '../../common/result';
import { ConsoleFailure } from './console-failure';

/**
 * Input main refused beyond what the request schema checks: a search that is not an id,
 * email or phone, a new connection without its key and secret, a certificate that is not a
 * CA's, stored credentials that may not go where the form now points. Nothing was sent to
 * ConsCent. (Refusals by ConsCent itself are ApiErrors of the same kind.)
 */
export class InputError extends ConsoleFailure<ErrorOf<'invalid-input'>> {
  override readonly name = 'InputError';

  constructor(facts: Omit<ErrorOf<'invalid-input'>, 'kind'>) {
    super({ kind: 'invalid-input', ...facts });
  }
}

import type { ErrorOf } from '../../common/result';
import { ConsoleFailure } from './console-failure';

/**
 * A problem with the console's own setup of a connection, found before (or instead of)
 * asking ConsCent: no such connection, no stored key and secret, credentials bound to
 * another origin, a base URL that cannot be used. Nothing was sent to ConsCent.
 */
export class ConfigError extends ConsoleFailure<ErrorOf<'not-configured'>> {
  override readonly name = 'ConfigError';

  constructor(facts: Omit<ErrorOf<'not-configured'>, 'kind'>) {
    super({ kind: 'not-configured', ...facts });
  }
}

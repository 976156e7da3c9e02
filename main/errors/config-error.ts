import type { BridgeError } from '../../common/result';
import { ConsoleFailure } from './console-failure';

/**
 * A problem with the console's own setup of a connection, found before (or instead of)
 * asking ConsCent: no such connection, no stored key and secret, credentials bound to
 * another origin, a base URL that cannot be used, a request that lacks the key and
 * secret. Nothing was sent to ConsCent.
 */
export class ConfigError extends ConsoleFailure {
  override readonly name = 'ConfigError';

  constructor(facts: BridgeError & { kind: 'not-configured' | 'invalid-input' }) {
    super(facts);
  }
}

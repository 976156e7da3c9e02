import type { BridgeError } from '../../common/result';
import { ConsoleFailure } from '../errors/console-failure';

/** A failure of a ConsCent call (transport, status or answer), classified into facts. */
export class ApiError extends ConsoleFailure {
  override readonly name = 'ApiError';

  get status(): number | undefined {
    return this.facts.status;
  }

  get retryAfterSeconds(): number | undefined {
    return this.facts.retryAfterSeconds;
  }

  /** The same failure with more facts (e.g. the user id a 404 was about). */
  with(facts: Partial<BridgeError>): ApiError {
    return new ApiError({ ...this.facts, ...facts });
  }
}

import type { ErrorOf } from '../../common/result';
import { ConsoleFailure } from '../errors/console-failure';

/** The kinds a ConsCent call can fail with: its transport, its status, its answer. */
export type ApiErrorKind =
  'unauthorized' | 'forbidden' | 'not-found' | 'rate-limited' | 'server-error' | 'network' | 'timeout' | 'unexpected-response' | 'invalid-input';

/** A failure of a ConsCent call (transport, status or answer), classified into facts. */
export class ApiError extends ConsoleFailure<ErrorOf<ApiErrorKind>> {
  override readonly name = 'ApiError';

  get status(): number | undefined {
    return 'status' in this.facts ? this.facts.status : undefined;
  }

  get retryAfterSeconds(): number | undefined {
    return this.facts.kind === 'rate-limited' ? this.facts.retryAfterSeconds : undefined;
  }

  /**
   * The same failure with more facts of its own kind (e.g. the user id a 404 was about);
   * a failure of another kind is returned as it is.
   */
  with<K extends ApiErrorKind>(kind: K, facts: Partial<Omit<ErrorOf<K>, 'kind'>>): ApiError {
    if (this.facts.kind !== kind) return this;
    return new ApiError({ ...this.facts, ...facts } as ErrorOf<K>);
  }
}

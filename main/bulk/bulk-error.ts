import type { ErrorOf } from '../../common/result';
import type { BulkReason } from '../../common/errors/bulk-errors';
import { ConsoleFailure } from '../errors/console-failure';

// Failures of a bulk correction (issue 14): kind `bulk`, a reason and facts (which row,
// which column, the limit); the renderer words them (renderer/src/errors/bulk-failure-words.ts).

export type { BulkReason } from '../../common/errors/bulk-errors';
export type BulkFacts = Omit<ErrorOf<'bulk'>, 'kind' | 'reason'>;

export class BulkError extends ConsoleFailure<ErrorOf<'bulk'>> {
  override readonly name = 'BulkError';
  constructor(reason: BulkReason, facts: BulkFacts = {}) {
    super({ kind: 'bulk', reason, ...facts });
  }
}

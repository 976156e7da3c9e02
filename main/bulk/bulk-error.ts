import type { BULK_REASONS, BridgeError } from '../../common/result';
import { ConsoleFailure } from '../errors/console-failure';

// Failures of a bulk correction (issue 14): kind `bulk`, a reason and facts (which row,
// which column, the limit); the renderer words them (renderer/src/errors/bulk-failure-words.ts).

export type BulkReason = (typeof BULK_REASONS)[number];
export type BulkFacts = Pick<BridgeError, 'row' | 'column' | 'limit' | 'code' | 'path' | 'line'>;

export class BulkError extends ConsoleFailure {
  override readonly name = 'BulkError';
  constructor(reason: BulkReason, facts: BulkFacts = {}) {
    super({ kind: 'bulk', reason, ...facts });
  }
}

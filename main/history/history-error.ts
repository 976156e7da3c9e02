import type { HistoryReason } from '../../common/result';
import { ConsoleFailure } from '../errors/console-failure';

// Failures of the change history: kind `history`, a reason and facts (which change, which
// folder, which error code); the renderer words them (renderer/src/errors/history-failure-words.ts).

export type HistoryFacts = { path?: string; code?: string; entryId?: number };

export class HistoryError extends ConsoleFailure {
  override readonly name = 'HistoryError';
  constructor(
    readonly what: HistoryReason,
    facts: HistoryFacts,
    /** For the developer reading a test; never shown or sent. */
    readonly detail: string,
  ) {
    super({ kind: 'history', reason: what, ...facts });
  }
}

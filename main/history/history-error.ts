// Failures of the change history, as a reason and facts that cross IPC (the renderer
// words them); the message is for tests and the developer, never shown as it is.

export const HISTORY_REASONS = [
  /** The journal could not be opened or written; for a save, nothing was sent. */
  'history-unwritable',
  'history-entry-missing',
  /** Only a saved change can be reverted. */
  'revert-not-saved',
  'revert-unconfirmed',
  'revert-other-reader',
  /** The change's connection was deleted, or now points at another ConsCent. */
  'revert-connection-gone',
  'revert-connection-moved',
] as const;
export type HistoryReason = (typeof HISTORY_REASONS)[number];

export type HistoryFacts = { path?: string; code?: string; entryId?: number };

export class HistoryError extends Error {
  override readonly name = 'HistoryError';
  constructor(
    readonly what: HistoryReason,
    readonly facts: HistoryFacts,
    message: string,
  ) {
    super(message);
  }
}

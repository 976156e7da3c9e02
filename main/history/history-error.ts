// Failures of the change history, as facts the renderer turns into sentences: which step
// failed (`what`), and a message for the support log and for the agent.

export type HistoryFailure =
  /** The journal could not be opened or written: nothing was sent. */
  | 'unwritable'
  | 'not-found'
  | 'not-revertible'
  /** The entry's connection was deleted or now points at another ConsCent. */
  | 'connection-changed';

export class HistoryError extends Error {
  override readonly name = 'HistoryError';
  constructor(
    readonly what: HistoryFailure,
    message: string,
  ) {
    super(message);
  }
}

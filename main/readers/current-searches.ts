import { ConsoleFailure } from '../errors/console-failure';

// Which lookup of each connection is the agent's current one. The page numbers its
// searches (LookupReaderRequest.searchId); a newer one aborts the older request still on
// its way to ConsCent, so a slow answer the agent no longer wants stops costing a socket
// and a retry budget, and cannot arrive after the newer answer.

/** This lookup was replaced by a newer search of the same connection; its request was abandoned. */
export class SupersededError extends ConsoleFailure {
  override readonly name = 'SupersededError';
  constructor() {
    super({ kind: 'superseded' });
  }
}

export interface SearchTicket {
  /** Aborted (with a SupersededError) when a newer search of the connection begins. */
  signal: AbortSignal | undefined;
  /** The search has answered: it no longer needs aborting. */
  end(): void;
}

export interface CurrentSearches {
  /**
   * Starts a search. Without a search id it is never abandoned. With one, the search of
   * the same connection still in flight is aborted: IPC keeps the page's order, so the
   * one arriving now is the newer (also after a reload, whose ids start again).
   */
  begin(connectionId: string, searchId: number | undefined): SearchTicket;
}

export function createCurrentSearches(): CurrentSearches {
  const inFlight = new Map<string, AbortController>();
  return {
    begin(connectionId, searchId) {
      if (searchId === undefined) return { signal: undefined, end: () => undefined };
      inFlight.get(connectionId)?.abort(new SupersededError());
      const controller = new AbortController();
      inFlight.set(connectionId, controller);
      return {
        signal: controller.signal,
        end: () => {
          if (inFlight.get(connectionId) === controller) inFlight.delete(connectionId);
        },
      };
    },
  };
}

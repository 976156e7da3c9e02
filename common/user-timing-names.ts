// The names of the console's User Timing marks and measures (renderer/src/timing/
// user-timing.ts sets them; `npm run bench` reads them from the page), in one place.

export const MARKS = {
  searchSubmitted: 'conscent:search-submitted',
  readerChosen: 'conscent:reader-chosen',
  sendPressed: 'conscent:send-pressed',
  lookupInteractive: 'conscent:lookup-interactive',
} as const;

export const MEASURES = {
  /** Search submitted → the reader's record painted (a single match opens at once). */
  searchToRecord: 'conscent:search→record',
  /** A reader chosen from several matches → their record painted. */
  chooseToRecord: 'conscent:choose→record',
  /** "Send changes" pressed → ConsCent's answer painted. */
  sendToResult: 'conscent:send→result',
  /** Navigation start (the page loaded) → the lookup box painted and taking input. */
  pageToLookupInteractive: 'conscent:page→lookup-interactive',
} as const;

/**
 * Main's stages of a bridge call (main/timing/stage-spans.ts), as `npm run bench` prints
 * them (issue 23). `http` holds the exchange with ConsCent, added latency included.
 */
export const MAIN_STAGES = {
  validate: 'main:validate-request',
  handler: 'main:handler',
  historyPending: 'main:history-pending-line',
  historyOutcome: 'main:history-outcome-line',
  http: 'main:http',
  parse: 'main:response-parse',
  recentReaders: 'main:recent-readers-file',
} as const;

/** The page's span of one bridge call, from the call to its answer (renderer/src/bridge/safe-call.ts). */
export const bridgeMeasureOf = (operation: string) => `conscent:bridge:${operation}`;

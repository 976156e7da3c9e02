// The search by name over the readers this computer has worked with (issue 22.5): how much
// text it takes and how many readers it answers with. Apart from its contract so the
// lookup box's parser (common/lookup-query.ts, loaded without zod) shares the same bounds.

/** Shortest and longest text the local reader search takes. */
export const LOCAL_SEARCH_MIN = 2;
export const LOCAL_SEARCH_MAX = 100;
/** Readers the local search answers with, at most. */
export const MAX_LOCAL_MATCHES = 20;

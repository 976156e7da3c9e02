import { useEffect, useState } from 'react';
import type * as LookupQuery from '../../../common/lookup-query';

// The lookup box's parser (common/lookup-query.ts, the one main uses too) is loaded
// just after the first paint rather than with it: with libphonenumber's metadata it is a
// large share of the page's JavaScript, and the box can take typing before it arrives.
// Until it has, nothing is claimed about the query; a search waits for it.

type LookupParser = typeof LookupQuery;

let loaded: LookupParser | null = null;
let loading: Promise<LookupParser> | null = null;

export function loadLookupParser(): Promise<LookupParser> {
  loading ??= import('../../../common/lookup-query').then((parser) => (loaded = parser));
  return loading;
}

/** The parser once it is loaded (starting the load on first use), null until then. */
export function useLookupParser(): LookupParser | null {
  const [parser, setParser] = useState(loaded);
  useEffect(() => {
    if (!parser) void loadLookupParser().then(setParser);
  }, [parser]);
  return parser;
}

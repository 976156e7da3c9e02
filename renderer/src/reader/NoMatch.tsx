import { useLayoutEffect, useRef } from 'react';
import type { LookupReaderResult } from '../../../common/contract';

// No reader: say exactly what was searched, so a typo or a wrong environment is visible,
// and what ConsCent could still tell (a reader known without purchases). The status line
// above stays quiet: this heading takes focus and says it once.
export function NoMatch({ result }: { result: LookupReaderResult }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useLayoutEffect(() => {
    ref.current?.focus();
  }, [result]);
  return (
    <section className="panel" aria-labelledby="no-match-heading">
      <h2 id="no-match-heading" ref={ref} tabIndex={-1}>
        No reader found for {result.understoodAs}
      </h2>
      {result.knownWithoutPurchases ? <p>{knownWithoutPurchasesWords(result)}</p> : null}
      <p className="hint">
        Check the spelling, try another identifier (user id, email or phone), or check that the active connection is the
        right environment.
      </p>
    </section>
  );
}

/** ConsCent knows the email or phone, but only purchases map it to a user id. */
function knownWithoutPurchasesWords(result: LookupReaderResult): string {
  const name = result.knownWithoutPurchases?.name;
  return (
    `ConsCent knows a reader with this ${result.queryKind === 'email' ? 'email' : 'phone number'}${name ? ` (${name})` : ''}, ` +
    "but they have no purchases, and purchases are the only way ConsCent's API tells the console a user id. " +
    'Ask the reader for their user id, or find it in the ConsCent dashboard, and search for that.'
  );
}

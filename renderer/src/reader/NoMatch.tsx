import type { LookupReaderResult } from '../../../common/readers-contract';

// No reader: say exactly what was searched, so a typo or a wrong environment is visible,
// and what ConsCent could still tell (a reader known without purchases). Focus stays in
// the search box for the next try; the status line under it announces the outcome.
export function NoMatch({ result }: { result: LookupReaderResult }) {
  return (
    <section className="panel" aria-labelledby="no-match-heading">
      <h2 id="no-match-heading">No reader found for {result.understoodAs}</h2>
      {result.knownWithoutPurchases ? <p>{knownWithoutPurchasesWords(result)}</p> : null}
      <p className="hint">
        Check the spelling, try another identifier (user id, email or phone), or check that the active connection is the right environment.
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

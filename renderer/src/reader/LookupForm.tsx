import { useId, useState, type FormEvent } from 'react';
import { MARKS, markAction, useMarkInteractiveOnPaint } from '../timing/user-timing';
import { loadLookupParser, useLookupParser } from './lookup-parser';

// The one search field. While the agent types it says what it understood (the same parser
// main uses), so a phone number mistaken for something else is caught before searching.

type LookupFormProps = {
  searching: boolean;
  onSearch: (query: string) => void;
};

export function LookupForm({ searching, onSearch }: LookupFormProps) {
  const inputId = useId();
  const understoodId = useId();
  const [query, setQuery] = useState('');
  const [submitted, setSubmitted] = useState(false);
  useMarkInteractiveOnPaint();
  const parser = useLookupParser();
  const parsed = parser?.parseLookupQuery(query) ?? null;
  // An empty box is not an error until the agent tries to search with it.
  const showProblem = parsed !== null && !parsed.ok && (query.trim() !== '' || submitted);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSubmitted(true);
    markAction(MARKS.searchSubmitted);
    // Parsed with the loaded parser (it is there within moments of the first paint).
    void loadLookupParser().then(({ parseLookupQuery }) => {
      if (parseLookupQuery(query).ok) onSearch(query.trim());
    });
  };

  return (
    <form className="lookup-form" role="search" onSubmit={submit} noValidate>
      <div className="field lookup-field">
        <label htmlFor={inputId}>Find a reader</label>
        <div className="lookup-row">
          <input
            id={inputId}
            type="text"
            value={query}
            onChange={(event) => setQuery(event.target.value)}
            placeholder="User id, email or phone number (with or without country code)"
            autoComplete="off"
            spellCheck={false}
            aria-describedby={understoodId}
            aria-invalid={showProblem ? true : undefined}
          />
          {/* Not disabled while searching: a newer search replaces the one on its way (main
              abandons the older request), so a slow answer never holds the agent up. */}
          <button type="submit" className="primary" aria-busy={searching || undefined}>
            Search
          </button>
        </div>
        <p id={understoodId} className={showProblem ? 'field-error' : 'hint'} data-testid="query-understood">
          {parser && parsed?.ok ? (
            <>Understood as {parser.describeQuery(parsed.query)}</>
          ) : showProblem && parsed && !parsed.ok ? (
            <>
              <span aria-hidden="true">⚠</span> {parsed.message}
            </>
          ) : (
            'Type a user id (24 characters), an email address or a phone number, then press Enter.'
          )}
        </p>
      </div>
    </form>
  );
}

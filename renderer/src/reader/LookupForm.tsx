import { useId, useState, type FormEvent } from 'react';
import { describeQuery, parseLookupQuery } from '../../../common/lookup-query';
import { MARKS, markAction, useMarkInteractiveOnPaint } from '../timing/user-timing';

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
  const parsed = parseLookupQuery(query);
  // An empty box is not an error until the agent tries to search with it.
  const showProblem = !parsed.ok && (query.trim() !== '' || submitted);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSubmitted(true);
    if (!parsed.ok) return;
    markAction(MARKS.searchSubmitted);
    onSearch(query.trim());
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
          <button type="submit" className="primary" disabled={searching}>
            {searching ? 'Searching…' : 'Search'}
          </button>
        </div>
        <p id={understoodId} className={showProblem ? 'field-error' : 'hint'} data-testid="query-understood">
          {parsed.ok ? (
            <>Understood as {describeQuery(parsed.query)}</>
          ) : showProblem ? (
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

import { useId, useState, type FormEvent, type KeyboardEvent, type Ref } from 'react';
import { MARKS, markAction, useMarkInteractiveOnPaint } from '../timing/user-timing';
import { loadLookupParser, useLookupParser } from './lookup-parser';

// The one search field. While the agent types it says what it understood (the same parser
// main uses), so a phone number mistaken for something else is caught before searching.
// Text pasted from a ticket is searched for the value in it (smart paste), and the line
// says what was found. It has focus when the page opens; ↓ goes to the recent readers.
// A name, or part of a name or email, cannot be searched on ConsCent: the line says so,
// and Enter looks for it among the readers this computer has worked with (issue 22.5).

type LookupFormProps = {
  searching: boolean;
  onSearch: (query: string) => void;
  /** Enter with a name or part of one: search the readers this computer has worked with. */
  onSearchLocal?: (text: string) => void;
  inputRef?: Ref<HTMLInputElement>;
  /** Text put in the box from outside (a conscent-console:// link); a new id replaces what is there. */
  prefill?: { text: string; id: number } | null;
  /** ↓ in the box: go to the recent readers. */
  onArrowDown?: () => void;
};

export function LookupForm({ searching, onSearch, onSearchLocal, inputRef, prefill, onArrowDown }: LookupFormProps) {
  const inputId = useId();
  const understoodId = useId();
  const [query, setQuery] = useState(prefill?.text ?? '');
  // A new prefill replaces the text (adjusted while rendering, as React advises, not in an effect).
  const [seenPrefill, setSeenPrefill] = useState(prefill?.id);
  if (prefill && prefill.id !== seenPrefill) {
    setSeenPrefill(prefill.id);
    setQuery(prefill.text);
  }
  const [submitted, setSubmitted] = useState(false);
  useMarkInteractiveOnPaint();
  const parser = useLookupParser();
  const parsed = parser?.parseLookupQuery(query) ?? null;
  const local = onSearchLocal && parser && parsed ? parser.localSearchText(query, parsed) : null;
  // An empty box is not an error until the agent tries to search with it; a name is not one.
  const showProblem = parsed !== null && !parsed.ok && local === null && (query.trim() !== '' || submitted);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSubmitted(true);
    markAction(MARKS.searchSubmitted);
    // Parsed with the loaded parser (it is there within moments of the first paint).
    void loadLookupParser().then(({ parseLookupQuery, lookupText, localSearchText }) => {
      const understood = parseLookupQuery(query);
      // Pasted text: search for the value found in it, not the whole text.
      if (understood.ok) onSearch(understood.foundInText ? lookupText(understood.query) : query.trim());
      else {
        const text = onSearchLocal ? localSearchText(query) : null;
        if (text !== null) onSearchLocal?.(text);
      }
    });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' && onArrowDown && !event.altKey && !event.ctrlKey && !event.metaKey) {
      event.preventDefault();
      onArrowDown();
    }
  };

  return (
    <form className="lookup-form" role="search" onSubmit={submit} noValidate>
      <div className="field lookup-field">
        <label htmlFor={inputId}>Find a reader</label>
        <div className="lookup-row">
          <input
            id={inputId}
            ref={inputRef}
            type="text"
            value={query}
            // The first thing an agent does is search: the box has focus when the screen opens.
            autoFocus
            onKeyDown={onKeyDown}
            onChange={(event) => setQuery(event.target.value)}
            placeholder="User id, email or phone number; or a name this computer has worked with"
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
            <>
              Understood as {parser.describeQuery(parsed.query)}
              {parsed.foundInText ? ', found in the pasted text. Press Enter to search for it.' : null}
            </>
          ) : local !== null ? (
            'Not a user id, email or phone number, which is all ConsCent can be searched by. Press Enter to look for it among the readers this computer has worked with.'
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

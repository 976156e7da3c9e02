import { useLayoutEffect, useRef } from 'react';
import type { LocalReaderMatches, LocalSource } from '../../../common/recent-readers-contract';
import { Time } from '../format/Time';
import { OpenReaderCell, ReaderIdentityCells } from './ReaderRowCells';

// A name, or part of a name or email, searched among the readers this computer has worked
// with (issue 22.5): ConsCent's API cannot search by name, so this list never claims to be
// ConsCent's answer, and its heading and the no-match text say what each search covers.
// Opening one looks the reader up by user id, as a recent reader is.

type LocalMatchesProps = {
  text: string;
  result: LocalReaderMatches;
  openReaderId: string | null;
  onChoose: (userId: string) => void;
};

export const CONSCENT_SEARCHES_BY = 'ConsCent can be searched only by user id, email or phone number.';

const SOURCE_WORDS: Record<LocalSource, string> = { recent: 'Recent readers', history: 'Change history' };

export function LocalMatches({ text, result, openReaderId, onChoose }: LocalMatchesProps) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  const { readers, total, unsearched } = result;
  useLayoutEffect(() => {
    if (readers.length > 0) headingRef.current?.focus();
  }, [result, readers.length]);

  return (
    <section className="panel local-matches" aria-labelledby="local-matches-heading">
      <h2 id="local-matches-heading" ref={headingRef} tabIndex={-1}>
        {readers.length === 0
          ? `No reader this computer has worked with matches “${text}”`
          : `Readers this computer has worked with matching “${text}”`}
      </h2>
      {readers.length === 0 ? (
        <p>
          {CONSCENT_SEARCHES_BY} Names, and parts of names or emails, are matched only against the readers this computer has worked with: its recent
          readers and its change history. Search for the reader&apos;s user id, full email or phone number to ask ConsCent.
        </p>
      ) : (
        <p className="hint">
          This is not ConsCent&apos;s search ({CONSCENT_SEARCHES_BY.slice(0, -1)}): these are readers opened or changed on this computer, by their
          name and email as they were then.
          {total > readers.length ? ` Showing the ${readers.length} worked on most recently of ${total}; type more to narrow it.` : ''}
        </p>
      )}
      {unsearched?.length ? <p className="hint">{unsearchedWords(unsearched)}</p> : null}
      {readers.length > 0 ? (
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Email</th>
              <th scope="col">User id</th>
              <th scope="col">Last worked on</th>
              <th scope="col">Found in</th>
              <th scope="col">
                <span className="visually-hidden">Action</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {readers.map((reader) => {
              const isOpen = reader.userId === openReaderId;
              return (
                <tr key={reader.userId} className={isOpen ? 'is-selected' : undefined} aria-current={isOpen ? 'true' : undefined}>
                  <ReaderIdentityCells reader={reader} />
                  <td>
                    <Time iso={reader.lastWorkedAt} />
                  </td>
                  <td>{reader.foundIn.map((source) => SOURCE_WORDS[source]).join(', ')}</td>
                  <OpenReaderCell reader={reader} isOpen={isOpen} onChoose={onChoose} />
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}

function unsearchedWords(unsearched: readonly LocalSource[]): string {
  const places = unsearched.map((source) => (source === 'history' ? 'the change history' : 'the recent readers')).join(' and ');
  return `${places.charAt(0).toUpperCase()}${places.slice(1)} could not be read just now, so readers known only there are missing from this search.`;
}

import { useLayoutEffect, useRef } from 'react';
import type { LookupReaderResult } from '../../../common/readers-contract';
import { OpenReaderCell, ReaderIdentityCells } from './ReaderRowCells';

// Several readers matched (typically one email or phone across purchases): the agent
// picks one. The heading takes focus when the list appears so keyboard users land here.

type MatchListProps = {
  result: LookupReaderResult;
  openReaderId: string | null;
  onChoose: (userId: string) => void;
};

export function MatchList({ result, openReaderId, onChoose }: MatchListProps) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  useLayoutEffect(() => {
    headingRef.current?.focus();
  }, [result]);

  return (
    <section className="panel" aria-labelledby="matches-heading">
      <h2 id="matches-heading" ref={headingRef} tabIndex={-1}>
        {result.matches.length} readers match {result.understoodAs}
      </h2>
      <p className="hint">Choose the reader to open.</p>
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Email</th>
            <th scope="col">User id</th>
            <th scope="col">Purchases</th>
            <th scope="col">
              <span className="visually-hidden">Action</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {result.matches.map((match) => {
            const isOpen = match.userId === openReaderId;
            return (
              <tr key={match.userId} className={isOpen ? 'is-selected' : undefined} aria-current={isOpen ? 'true' : undefined}>
                <ReaderIdentityCells reader={match} />
                <td>{match.purchases}</td>
                <OpenReaderCell reader={match} isOpen={isOpen} onChoose={onChoose} />
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

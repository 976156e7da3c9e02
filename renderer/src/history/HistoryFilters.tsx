import { useId, useState } from 'react';
import type { HistoryFilter, HistoryOutcome } from '../../../common/history-schemas';
import { dayTextToYmd, localDayOf, ymdToDayText } from '../format/times';
import { dayBounds } from './history-text';

// The History screen's filters: reader (user id, email or name), date range, connection,
// outcome. Applied with "Show"; nothing is fetched while the agent types. The days are
// typed as every date is shown ("3 Dec 2026"; 2026-12-03 and 03/12/2026 work too), not
// in <input type="date">, whose order follows the computer's locale (issue 22).

const BAD_DAY = 'Type the day as day, month, year, for example 3 Dec 2026.';

type HistoryFiltersProps = {
  initial: HistoryFilter;
  connections: { connectionId: string; name: string }[];
  onApply: (filter: HistoryFilter) => void;
};

export function HistoryFilters({ initial, connections, onApply }: HistoryFiltersProps) {
  const id = useId();
  const [reader, setReader] = useState(initial.reader ?? initial.userId ?? '');
  const [fromText, setFromText] = useState(ymdToDayText(localDayOf(initial.from)));
  const [toText, setToText] = useState(ymdToDayText(localDayOf(initial.to)));
  const fromDay = dayTextToYmd(fromText);
  const toDay = dayTextToYmd(toText);
  const [connectionId, setConnectionId] = useState(initial.connectionId ?? '');
  const [outcome, setOutcome] = useState<HistoryOutcome | ''>(initial.outcome ?? '');
  const rangeWrong = !!fromDay && !!toDay && fromDay > toDay;
  // Said once the agent presses Show, not while a day is half typed.
  const [checked, setChecked] = useState(false);

  const apply = () => {
    setChecked(true);
    if (rangeWrong || fromDay === null || toDay === null) return;
    const filter: HistoryFilter = { ...dayBounds(fromDay, toDay) };
    if (reader.trim()) filter.reader = reader.trim();
    if (connectionId) filter.connectionId = connectionId;
    if (outcome) filter.outcome = outcome;
    onApply(filter);
  };

  return (
    <form
      className="history-filters"
      aria-label="Filter the history"
      onSubmit={(event) => {
        event.preventDefault();
        apply();
      }}
    >
      <div className="field wide">
        <label htmlFor={`${id}-reader`}>Reader</label>
        <input
          id={`${id}-reader`}
          value={reader}
          onChange={(e) => setReader(e.target.value)}
          placeholder="User id, email or name"
          autoComplete="off"
          spellCheck={false}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-from`}>From</label>
        <input
          id={`${id}-from`}
          value={fromText}
          onChange={(e) => setFromText(e.target.value)}
          placeholder="e.g. 3 Dec 2026"
          autoComplete="off"
          aria-invalid={(checked && fromDay === null) || undefined}
          aria-describedby={checked && fromDay === null ? `${id}-from-error` : undefined}
        />
        {checked && fromDay === null ? (
          <p id={`${id}-from-error`} className="field-error">
            {BAD_DAY}
          </p>
        ) : null}
      </div>
      <div className="field">
        <label htmlFor={`${id}-to`}>To</label>
        <input
          id={`${id}-to`}
          value={toText}
          onChange={(e) => setToText(e.target.value)}
          placeholder="e.g. 3 Dec 2026"
          autoComplete="off"
          aria-invalid={rangeWrong || (checked && toDay === null) || undefined}
          aria-describedby={rangeWrong ? `${id}-range` : checked && toDay === null ? `${id}-to-error` : undefined}
        />
        {checked && toDay === null ? (
          <p id={`${id}-to-error`} className="field-error">
            {BAD_DAY}
          </p>
        ) : null}
      </div>
      <div className="field">
        <label htmlFor={`${id}-connection`}>Connection</label>
        <select id={`${id}-connection`} value={connectionId} onChange={(e) => setConnectionId(e.target.value)}>
          <option value="">All connections</option>
          {connections.map((c) => (
            <option key={c.connectionId} value={c.connectionId}>
              {c.name}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-outcome`}>Outcome</label>
        <select id={`${id}-outcome`} value={outcome} onChange={(e) => setOutcome(e.target.value as HistoryOutcome | '')}>
          <option value="">Any outcome</option>
          <option value="saved">Saved</option>
          <option value="failed">Not saved</option>
          <option value="unknown">Outcome unknown</option>
        </select>
      </div>
      <div className="history-filter-actions">
        <button type="submit" className="primary">
          Show
        </button>
      </div>
      {rangeWrong ? (
        <p id={`${id}-range`} className="field-error history-filter-error">
          The “From” day is after the “To” day: swap them or clear one.
        </p>
      ) : null}
    </form>
  );
}

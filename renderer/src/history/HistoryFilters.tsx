import { useId, useState } from 'react';
import type { HistoryFilter, HistoryOutcome } from '../../../common/history-schemas';
import { localDayOf } from '../format/times';
import { dayBounds } from './history-text';

// The History screen's filters: reader (user id, email or name), date range, connection,
// outcome. Applied with "Show"; nothing is fetched while the agent types.

type HistoryFiltersProps = {
  initial: HistoryFilter;
  connections: { connectionId: string; name: string }[];
  onApply: (filter: HistoryFilter) => void;
};

export function HistoryFilters({ initial, connections, onApply }: HistoryFiltersProps) {
  const id = useId();
  const [reader, setReader] = useState(initial.reader ?? initial.userId ?? '');
  const [fromDay, setFromDay] = useState(localDayOf(initial.from));
  const [toDay, setToDay] = useState(localDayOf(initial.to));
  const [connectionId, setConnectionId] = useState(initial.connectionId ?? '');
  const [outcome, setOutcome] = useState<HistoryOutcome | ''>(initial.outcome ?? '');
  const rangeWrong = fromDay !== '' && toDay !== '' && fromDay > toDay;

  const apply = () => {
    if (rangeWrong) return;
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
        <input id={`${id}-from`} type="date" value={fromDay} onChange={(e) => setFromDay(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-to`}>To</label>
        <input
          id={`${id}-to`}
          type="date"
          value={toDay}
          onChange={(e) => setToDay(e.target.value)}
          aria-invalid={rangeWrong || undefined}
          aria-describedby={rangeWrong ? `${id}-range` : undefined}
        />
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

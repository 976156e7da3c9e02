import { useEffect, useState } from 'react';
import type { BulkProgress, BulkResultsPage } from '../../../common/bulk-schemas';
import type { BridgeError } from '../../../common/result';
import { useBridge } from '../bridge/bridge-context';
import { ErrorNotice } from '../ui/ErrorNotice';
import { OUTCOME_WORDS, STATE_WORDS, countsText, resultMessage, timeLeft } from './bulk-text';
import { ENDED_STATES, useBulkProgress } from './use-bulk-progress';

// Steps 6 and 7: the run as it goes (done, failed, remaining, rate, time left; Pause,
// Resume, Cancel), then every row's outcome, the export and "retry failed rows".

const PAGE = 100;

export function BulkRunPanel({
  start,
  onRetryFailed,
  onResume,
  onExported,
}: {
  start: BulkProgress;
  onRetryFailed: (failed: number) => void;
  /** A run that stopped by itself (a full disk, a refused key) goes on once that is fixed. */
  onResume: (rows: number) => void;
  onExported: (path: string) => void;
}) {
  const bridge = useBridge();
  const { progress, error } = useBulkProgress(start);
  const [results, setResults] = useState<BulkResultsPage | null>(null);
  const [actionError, setActionError] = useState<BridgeError | null>(null);
  const ended = progress ? ENDED_STATES.includes(progress.state) : false;
  const runId = start.runId;

  useEffect(() => {
    if (!ended) return;
    void bridge
      .bulkResults({ runId, offset: 0, limit: PAGE })
      .then((answer) => (answer.ok ? setResults(answer.value) : setActionError(answer.error)));
  }, [bridge, ended, runId]);

  if (!progress) return null;
  const control = async (action: 'pause' | 'resume' | 'cancel') => {
    const answer = await bridge.bulkControl({ runId, action });
    setActionError(answer.ok ? null : answer.error);
  };
  const exportResults = async () => {
    const answer = await bridge.bulkExport({ runId, what: 'results' });
    if (!answer.ok) setActionError(answer.error);
    else if (answer.value.saved) onExported(answer.value.path);
  };
  const dry = progress.mode === 'dry-run';
  const done = progress.total - progress.remaining;

  return (
    <section className="panel bulk-run" aria-label={dry ? 'Dry run' : 'Bulk run'}>
      <h3>{dry ? 'Dry run' : 'Sending'}</h3>
      <p role="status">
        {STATE_WORDS[progress.state]}. {done} of {progress.total} done — {countsText(progress)}
        {ended ? '' : `; ${progress.remaining} remaining, ${progress.perSecond}/s, ${timeLeft(progress.secondsLeft)}`}
      </p>
      <progress max={progress.total} value={done} aria-label="Rows done" />
      {progress.haltedBy ? <ErrorNotice error={progress.haltedBy} context="update" title="The run stopped by itself." /> : null}
      {error ? <ErrorNotice error={error} context="update" title="The console lost track of the run's progress." /> : null}
      {actionError ? <ErrorNotice error={actionError} context="update" title="That did not work." /> : null}
      {!ended ? (
        <div className="bulk-controls">
          {progress.state === 'paused' ? (
            <button type="button" onClick={() => void control('resume')}>
              Resume
            </button>
          ) : (
            <button type="button" onClick={() => void control('pause')} disabled={progress.state === 'cancelling'}>
              Pause
            </button>
          )}
          <button type="button" onClick={() => void control('cancel')} disabled={progress.state === 'cancelling'}>
            Cancel
          </button>
        </div>
      ) : (
        <div className="bulk-controls">
          <button type="button" onClick={() => void exportResults()}>
            Export the results (CSV)
          </button>
          {!dry && progress.state === 'halted' ? (
            <button type="button" onClick={() => onResume(progress.notSent + progress.remaining)}>
              Resume the run
            </button>
          ) : null}
          {!dry && progress.failed > 0 ? (
            <button type="button" onClick={() => onRetryFailed(progress.failed)}>
              Retry the {progress.failed} failed rows
            </button>
          ) : null}
        </div>
      )}
      {results ? (
        <table className="data-table bulk-results">
          <caption>Results{results.total > PAGE ? ` (first ${PAGE} of ${results.total}; the export has them all)` : ''}</caption>
          <thead>
            <tr>
              <th scope="col">Row</th>
              <th scope="col">User id</th>
              <th scope="col">Outcome</th>
              <th scope="col">Details</th>
            </tr>
          </thead>
          <tbody>
            {results.rows.map((row) => (
              <tr key={row.row} data-outcome={row.outcome}>
                <td>{row.row}</td>
                <td className="mono">{row.userId}</td>
                <td>{OUTCOME_WORDS[row.outcome]}</td>
                <td>{resultMessage(row)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}

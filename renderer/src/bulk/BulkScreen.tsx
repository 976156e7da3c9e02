import { useEffect, useState } from 'react';
import type { BulkFile, BulkMapping, BulkMode, BulkProgress, BulkReport, DamagedRun, InterruptedRun } from '../../../common/bulk-schemas';
import { DEFAULT_CONCURRENCY, MAX_CONCURRENCY } from '../../../common/bulk-schemas';
import type { ConnectionSummary } from '../../../common/connections-contract';
import type { BridgeError } from '../../../common/result';
import { useBridge } from '../bridge/bridge-context';
import { ErrorNotice } from '../ui/ErrorNotice';
import { BulkConfirm, type SendSummary } from './BulkConfirm';
import { BulkFileHelp } from './BulkFileHelp';
import { BulkMappingFields } from './BulkMapping';
import { BulkRunPanel } from './BulkRunPanel';
import { damagedRunWords } from './bulk-text';
import { Time } from '../format/Time';
import { ManagedMark } from '../policy/ManagedMark';
import { POLICY_REFUSES } from '../policy/policy-text';
import { usePolicy } from '../policy/use-policy';
import { TicketRequiredMark } from '../policy/TicketRequiredMark';

// Bulk corrections from a CSV (issue 14): choose the file (main's dialog), map its
// columns, check every row, dry-run, confirm, send, and see every row's outcome. A run a
// stopped console left behind is offered for resuming first.

export function BulkScreen({ connection }: { connection: ConnectionSummary }) {
  const bridge = useBridge();
  const [file, setFile] = useState<BulkFile | null>(null);
  const [mapping, setMapping] = useState<BulkMapping | null>(null);
  const [report, setReport] = useState<BulkReport | null>(null);
  const [skipInvalid, setSkipInvalid] = useState(false);
  const [ticket, setTicket] = useState('');
  const [concurrency, setConcurrency] = useState(DEFAULT_CONCURRENCY);
  const [confirming, setConfirming] = useState<{ runId: string; mode: BulkMode; summary: SendSummary } | null>(null);
  const [run, setRun] = useState<BulkProgress | null>(null);
  const [interrupted, setInterrupted] = useState<(InterruptedRun | DamagedRun)[]>([]);
  const [error, setError] = useState<BridgeError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => {
    void bridge.bulkInterrupted({}).then((answer) => answer.ok && setInterrupted(answer.value));
  }, [bridge]);

  const answered = <T,>(answer: { ok: true; value: T } | { ok: false; error: BridgeError }): T | null => {
    setError(answer.ok ? null : answer.error);
    return answer.ok ? answer.value : null;
  };

  const choose = async () => {
    const chosen = answered(await bridge.bulkChooseFile({}));
    if (!chosen || !chosen.chosen) return;
    // A new file starts over: the last file's notice and choices do not carry over to it.
    setNotice(null);
    setSkipInvalid(false);
    setFile(chosen);
    setMapping(chosen.suggested);
    setReport(null);
    setRun(null);
  };
  const check = async () => {
    if (!file || !mapping) return;
    setReport(answered(await bridge.bulkValidate({ runId: file.runId, connectionId: connection.id, mapping })));
  };
  const start = async (runId: string, mode: BulkMode, confirmName?: string) => {
    setConfirming(null);
    const why = ticket.trim();
    const started = answered(
      await bridge.bulkStart({ runId, mode, concurrency, skipInvalid, ...(confirmName ? { confirmName } : {}), ...(why ? { ticket: why } : {}) }),
    );
    if (started) setRun(started);
  };
  const exportReport = async () => {
    if (!report) return;
    const saved = answered(await bridge.bulkExport({ runId: report.runId, what: 'report' }));
    if (saved?.saved) setNotice(`The report was saved to ${saved.path}.`);
  };

  const saveSample = async () => {
    const saved = answered(await bridge.bulkSaveSample({}));
    if (saved?.saved) setNotice(`The sample CSV was saved to ${saved.path}.`);
  };

  const production = connection.environment === 'production' || report?.connection.production === true;
  /** Sending asks first; on Production, for the connection's name (main checks it again). */
  const ask = (runId: string, mode: BulkMode, rows: number) => {
    const summary: SendSummary = {
      connectionName: connection.name,
      host: report?.connection.host ?? connection.baseUrl,
      production,
      rows,
      fields: mode === 'send' ? (report?.fields ?? []) : [],
      invalid: mode === 'send' ? (report?.invalid ?? 0) : 0,
    };
    setConfirming({ runId, mode, summary });
  };

  // The organisation's policy (issue 21.1): sending may be off (a dry run sends nothing and
  // stays allowed), and a ticket or reason may be required. Main refuses the same anyway.
  const policy = usePolicy();
  const applied = policy.state === 'applied' ? policy : undefined;
  const sendRefused =
    policy.state === 'locked'
      ? POLICY_REFUSES.locked
      : applied && !applied.allowBulk
        ? POLICY_REFUSES.bulk
        : applied && production && !applied.allowProductionWrites
          ? POLICY_REFUSES.production
          : null;
  const ticketRequired = applied?.requireTicket === true;
  const ticketMissing = ticketRequired && ticket.trim() === '';

  const blocked = report !== null && report.invalid > 0 && !skipInvalid;
  const sendable = report ? report.valid : 0;

  return (
    <section className="bulk-screen" aria-labelledby="bulk-title">
      <h2 id="bulk-title">Bulk corrections</h2>
      {sendRefused ? (
        <div className="notice notice-warning policy-refusal" role="status">
          <p className="notice-summary">
            <ManagedMark />
          </p>
          <p className="notice-detail">{sendRefused} A dry run (each reader looked up, nothing sent) still works.</p>
        </div>
      ) : null}
      {interrupted.map((left) =>
        'damaged' in left ? (
          <p key={left.runId} className="notice" role="alert">
            {damagedRunWords(left)}
          </p>
        ) : (
          <div key={left.runId} className="notice" role="alert">
            <p>
              The bulk run of {left.fileName} on {left.connectionName}, started <Time iso={left.startedAt} />, was interrupted: {left.sending} rows
              were on their way (their outcome is checked in the change history, else listed as “outcome unknown” for you to check; they are never
              resent), {left.remaining} were not sent yet.
            </p>
            <button
              type="button"
              disabled={sendRefused !== null}
              onClick={() => {
                setInterrupted((all) => all.filter((r) => r.runId !== left.runId));
                ask(left.runId, 'resume', left.remaining);
              }}
            >
              Resume this run
            </button>
          </div>
        ),
      )}
      {error ? <ErrorNotice error={error} context="update" title="The bulk correction could not go on." /> : null}
      {notice ? <p role="status">{notice}</p> : null}
      {file ? null : <BulkFileHelp onSaveSample={() => void saveSample()} />}
      <p className="bulk-file">
        <button type="button" onClick={() => void choose()}>
          Choose a CSV file…
        </button>{' '}
        {file ? (
          <span>
            {file.fileName}: {file.rows} rows, columns {file.columns.join(', ')}
          </span>
        ) : null}
      </p>
      {file && mapping ? (
        <>
          <BulkMappingFields file={file} mapping={mapping} onChange={(next) => (setMapping(next), setReport(null))} />
          <div className="bulk-controls">
            <button type="button" onClick={() => void check()}>
              Check every row
            </button>
          </div>
        </>
      ) : null}
      {report ? (
        <section className="panel bulk-report" aria-label="Validation report">
          <p role="status">
            {report.rows} rows: {report.valid} ready to send, {report.invalid} in error
            {report.duplicates ? ` (${report.duplicates} repeat a user id)` : ''}.
          </p>
          {report.errors.length > 0 ? (
            <>
              <table className="data-table bulk-errors">
                <caption>
                  Rows in error{report.errorCount > report.errors.length ? ` (first ${report.errors.length} of ${report.errorCount})` : ''}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">Row</th>
                    <th scope="col">Column</th>
                    <th scope="col">What to correct</th>
                  </tr>
                </thead>
                <tbody>
                  {report.errors.map((e, i) => (
                    <tr key={`${e.row}-${i}`}>
                      <td>{e.row}</td>
                      <td>{e.column}</td>
                      <td>{e.message}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <button type="button" onClick={() => void exportReport()}>
                Download the report (CSV)
              </button>
              <label className="bulk-skip">
                <input type="checkbox" checked={skipInvalid} onChange={(event) => setSkipInvalid(event.target.checked)} /> Skip the {report.invalid}{' '}
                rows in error and send the others
              </label>
            </>
          ) : null}
          <p className="field ticket-field">
            <label htmlFor="bulk-ticket">Ticket or reason for this run {ticketRequired ? '(required)' : '(optional)'}</label>
            <input
              id="bulk-ticket"
              type="text"
              aria-required={ticketRequired || undefined}
              value={ticket}
              maxLength={200}
              autoComplete="off"
              onChange={(event) => setTicket(event.target.value)}
            />
            <span className="hint">
              Kept with every row's change in History.
              <TicketRequiredMark required={ticketRequired} />
            </span>
          </p>
          <label className="bulk-concurrency">
            Requests at a time
            <input
              type="number"
              min={1}
              max={MAX_CONCURRENCY}
              value={concurrency}
              onChange={(event) => setConcurrency(Math.min(MAX_CONCURRENCY, Math.max(1, Number(event.target.value) || 1)))}
            />
          </label>
          <div className="bulk-controls">
            <button type="button" onClick={() => void start(report.runId, 'dry-run')} disabled={sendable === 0}>
              Dry run (look each reader up, send nothing)
            </button>
            <button
              type="button"
              className="primary"
              onClick={() => ask(report.runId, 'send', sendable)}
              disabled={blocked || sendable === 0 || sendRefused !== null || ticketMissing}
            >
              Send…
            </button>
          </div>
          {blocked ? <p className="hint">Nothing can be sent while rows are in error: correct the file, or choose to skip them.</p> : null}
          {ticketMissing && !sendRefused ? <p className="hint">Enter a ticket or reason for this run to send it.</p> : null}
        </section>
      ) : null}
      {confirming ? (
        <BulkConfirm
          summary={confirming.summary}
          onCancel={() => setConfirming(null)}
          onConfirm={(name) => void start(confirming.runId, confirming.mode, name)}
        />
      ) : null}
      {run ? (
        <BulkRunPanel
          key={`${run.runId}/${run.mode}/${run.seq}`}
          start={run}
          onRetryFailed={(failed) => ask(run.runId, 'retry-failed', failed)}
          onResume={(rows) => ask(run.runId, 'resume', rows)}
          onExported={(path) => setNotice(`The results were saved to ${path}.`)}
        />
      ) : null}
    </section>
  );
}

import { useEffect, useRef, useState } from 'react';
import type { ConnectionSummary } from '../../../common/connections-contract';
import type { BridgeError } from '../../../common/result';
import { saveOutcomeOf } from '../../../common/save-outcome';
import { environmentLabel } from '../header/environment-label';
import { MARKS, markAction } from '../timing/user-timing';
import { ErrorNotice } from '../ui/ErrorNotice';
import { Modal } from '../ui/Modal';
import type { ChangeRow } from './changes';
import { ChangesTable } from './ChangesTable';
import { RetryButton } from './RetryButton';
import { SHORTCUT_LABEL } from './use-review-shortcut';
import { ManagedMark } from '../policy/ManagedMark';
import { POLICY_REFUSES } from '../policy/policy-text';
import { usePolicy } from '../policy/use-policy';
import { TicketRequiredMark } from '../policy/TicketRequiredMark';

// The last step before anything reaches ConsCent: exactly what will be sent, to which
// reader, over which connection. Sending is pessimistic: the dialog stays open with a
// progress label until ConsCent answers; a failure is explained here and retried with
// one button, and going back keeps every edit. A list whose current content is not known
// may replace addresses nobody has seen: Send stays disabled until the agent ticks, for
// each such list, that they accept it.

export const REVIEW_TITLE = 'Review changes before sending';
export const TICKET_LABEL = 'Ticket or reason (optional)';
/** When the organisation's policy requires one (requireTicket, issue 21.1). */
export const TICKET_LABEL_REQUIRED = 'Ticket or reason (required)';
export const TICKET_NEEDED = 'Enter a ticket or reason to send.';
/** As main checks it (common/history-schemas.ts TicketOrReason). */
const TICKET_MAX = 200;
export const NOTHING_ELSE_CHANGED = 'Nothing else is changed.';
export const CONFIRM_TO_SEND = 'Tick every box above to send.';
export const UNCONFIRMED_TITLE = 'ConsCent did not confirm the change: it may or may not have been saved.';
export const REFRESH_READER = 'Refresh reader';

type ReviewDialogProps = {
  connection: ConnectionSummary;
  readerName: string;
  userId: string;
  rows: ChangeRow[];
  sending: boolean;
  error: BridgeError | null;
  /** Increases with every failure so the retry countdown restarts. */
  attempt: number;
  onSend: () => void;
  onBack: () => void;
  /** Reads the reader again from ConsCent (the dialog closes first): offered when the outcome of a send is unknown. */
  onRefresh?: (() => void) | undefined;
  /** Said before anything else is read, e.g. that a revert's values come from a damaged history. */
  warning?: string | undefined;
  /** The ticket or reason for this change (issue 20): kept in the history and the team's log. */
  ticket: string;
  onTicketChange: (ticket: string) => void;
};

export function ReviewDialog({
  connection,
  readerName,
  userId,
  rows,
  sending,
  error,
  attempt,
  onSend: send,
  onBack,
  onRefresh,
  warning,
  ticket,
  onTicketChange,
}: ReviewDialogProps) {
  const onSend = () => {
    markAction(MARKS.sendPressed);
    send();
  };
  const env = environmentLabel(connection);
  // The organisation's policy (issue 21.1): said here, where sending would be refused by main.
  const policy = usePolicy();
  const refused =
    policy.state === 'locked'
      ? POLICY_REFUSES.locked
      : policy.state === 'applied' && env.tone === 'production' && !policy.allowProductionWrites
        ? POLICY_REFUSES.production
        : null;
  const ticketRequired = policy.state === 'applied' && policy.requireTicket;
  const ticketMissing = ticketRequired && ticket.trim() === '';
  // Refused values need fixing; a save still on its way must finish (and the reader be looked up again) first.
  const canRetry = error !== null && error.kind !== 'invalid-input' && error.kind !== 'update-in-flight';
  const [confirmed, setConfirmed] = useState<ReadonlySet<string>>(new Set());
  const toConfirm = rows.filter((row) => row.confirm !== undefined);
  const blocked = toConfirm.some((row) => !confirmed.has(row.field)) || refused !== null || ticketMissing;
  const toggle = (field: string, checked: boolean) =>
    setConfirmed((previous) => {
      const next = new Set(previous);
      if (checked) next.add(field);
      else next.delete(field);
      return next;
    });
  // Ctrl+Enter (⌘+Enter) sends, exactly when the Send changes button would: not while
  // sending, not before every warning is ticked, not after a failure (retry has its own button).
  const canSendByKey = !sending && !blocked && error === null;
  const sendByKey = useRef<(() => void) | null>(null);
  useEffect(() => {
    sendByKey.current = canSendByKey ? onSend : null;
  });
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Enter' || !(event.ctrlKey || event.metaKey) || event.repeat) return;
      event.preventDefault();
      sendByKey.current?.();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);
  return (
    <Modal title={REVIEW_TITLE} {...(sending ? {} : { onCancel: onBack })} className="review-dialog">
      {warning ? (
        <p role="alert" className="notice notice-warning">
          <span aria-hidden="true">⚠</span> {warning}
        </p>
      ) : null}
      <p>
        {rows.length === 1 ? 'This field' : `These ${rows.length} fields`} will be sent to ConsCent for <strong>{readerName}</strong> (user id{' '}
        <span className="mono">{userId}</span>) over the connection <strong>{connection.name}</strong> ({env.short}).{' '}
        {toConfirm.length === 0
          ? NOTHING_ELSE_CHANGED
          : `Other fields are not changed, but read the warning about ${toConfirm.map((row) => row.label.toLowerCase()).join(' and ')}: addresses you cannot see here may be lost.`}
      </p>
      {env.tone === 'production' ? (
        <p className={`env-band env-production`}>
          <span aria-hidden="true">⚠</span> {env.banner}
        </p>
      ) : null}
      <ChangesTable rows={rows} />
      <p className="field ticket-field">
        <label htmlFor="review-ticket">{ticketRequired ? TICKET_LABEL_REQUIRED : TICKET_LABEL}</label>
        <input
          id="review-ticket"
          type="text"
          aria-required={ticketRequired || undefined}
          value={ticket}
          maxLength={TICKET_MAX}
          disabled={sending}
          autoComplete="off"
          aria-describedby="review-ticket-hint"
          onChange={(event) => onTicketChange(event.target.value)}
        />
        <span id="review-ticket-hint" className="hint">
          A ticket number or link, or a few words on why. Kept with the change in History.
          <TicketRequiredMark required={ticketRequired} />
        </span>
      </p>
      {toConfirm.length > 0 ? (
        <fieldset className="form-section notice notice-warning">
          <legend>Before sending</legend>
          {toConfirm.map((row) => (
            <p key={row.field}>
              <label className="confirm-check">
                <input
                  type="checkbox"
                  checked={confirmed.has(row.field)}
                  disabled={sending}
                  onChange={(event) => toggle(row.field, event.target.checked)}
                />
                <span>{row.confirm}</span>
              </label>
            </p>
          ))}
        </fieldset>
      ) : null}
      <div role="status" aria-live="polite" className="status-slot">
        {sending ? <p>Sending the changes to ConsCent…</p> : null}
      </div>
      {error ? (
        // Refresh and Try again are this dialog's own buttons below; leaving for the
        // connection settings half-way through a send is not offered.
        <ErrorNotice error={error} context="update" title={unconfirmedTitle(error)} fixes={{ 'open-connection-settings': null }}>
          <p className="notice-detail">Your edits are kept{error.kind === 'invalid-input' ? ': go back to fix them.' : '.'}</p>
        </ErrorNotice>
      ) : null}
      <div className="button-row">
        <button type="button" onClick={onBack} disabled={sending}>
          Back to editing
        </button>
        {error && onRefresh && !sending && saveOutcomeOf(error) === 'unknown' ? (
          <button
            type="button"
            onClick={() => {
              onBack();
              onRefresh();
            }}
          >
            {REFRESH_READER}
          </button>
        ) : null}
        {error && canRetry && !sending ? (
          <RetryButton
            key={attempt}
            waitSeconds={error.kind === 'rate-limited' ? (error.retryAfterSeconds ?? 0) : 0}
            onRetry={onSend}
            blocked={blocked}
          />
        ) : error && !canRetry ? null : (
          <button
            type="button"
            className="primary"
            onClick={onSend}
            disabled={sending || blocked}
            aria-busy={sending || undefined}
            aria-keyshortcuts="Control+Enter Meta+Enter"
          >
            {sending ? 'Sending…' : 'Send changes'}
          </button>
        )}
        {refused ? (
          <span className="hint">
            <ManagedMark /> — {refused}
          </span>
        ) : ticketMissing && !sending ? (
          <span className="hint">{TICKET_NEEDED}</span>
        ) : blocked && !sending ? (
          <span className="hint">{CONFIRM_TO_SEND}</span>
        ) : null}
      </div>
      <p className="hint">{SHORTCUT_LABEL} sends; Escape goes back to editing.</p>
    </Modal>
  );
}

/**
 * Once the PATCH may have left, only a 4xx proves nothing was saved: a timeout, a dropped
 * connection, a 5xx or an answer the console cannot read may follow an applied change, so
 * the dialog never claims it was not saved (common/save-outcome.ts, as the history records it).
 */
function unconfirmedTitle(error: BridgeError): string {
  if (error.kind === 'update-in-flight') return 'These changes were not sent.';
  return saveOutcomeOf(error) === 'unknown' ? UNCONFIRMED_TITLE : 'The changes were not saved.';
}

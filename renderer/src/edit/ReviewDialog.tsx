import type { ProfileSummary } from '../../../common/contract';
import type { BridgeError } from '../../../common/result';
import { BRIDGE_UNANSWERED_MESSAGE } from '../bridge/safe-call';
import { environmentLabel } from '../header/environment-label';
import { ErrorNotice } from '../ui/ErrorNotice';
import { Modal } from '../ui/Modal';
import type { ChangeRow } from './changes';
import { ChangesTable } from './ChangesTable';
import { RetryButton } from './RetryButton';

// The last step before anything reaches ConsCent: exactly what will be sent, to which
// reader, over which connection. Sending is pessimistic: the dialog stays open with a
// progress label until ConsCent answers; a failure is explained here and retried with
// one button, and going back keeps every edit.

export const REVIEW_TITLE = 'Review changes before sending';

type ReviewDialogProps = {
  profile: ProfileSummary;
  readerName: string;
  userId: string;
  rows: ChangeRow[];
  sending: boolean;
  error: BridgeError | null;
  /** Increases with every failure so the retry countdown restarts. */
  attempt: number;
  onSend: () => void;
  onBack: () => void;
};

export function ReviewDialog({ profile, readerName, userId, rows, sending, error, attempt, onSend, onBack }: ReviewDialogProps) {
  const env = environmentLabel(profile);
  const canRetry = error !== null && error.kind !== 'invalid-input';
  return (
    <Modal title={REVIEW_TITLE} {...(sending ? {} : { onCancel: onBack })} className="review-dialog">
      <p>
        {rows.length === 1 ? 'This field' : `These ${rows.length} fields`} will be sent to ConsCent for{' '}
        <strong>{readerName}</strong> (user id <span className="mono">{userId}</span>) over the connection{' '}
        <strong>{profile.name}</strong> ({env.short}). Nothing else is changed.
      </p>
      {env.tone === 'production' ? (
        <p className={`env-band env-production`}>
          <span aria-hidden="true">⚠</span> {env.banner}
        </p>
      ) : null}
      <ChangesTable rows={rows} />
      <div role="status" aria-live="polite" className="status-slot">
        {sending ? <p>Sending the changes to ConsCent…</p> : null}
      </div>
      {error ? (
        <ErrorNotice error={error} context="update" title={unconfirmedTitle(error)}>
          <p className="notice-detail">Your edits are kept{canRetry ? '.' : ': go back to fix them.'}</p>
        </ErrorNotice>
      ) : null}
      <div className="button-row">
        <button type="button" onClick={onBack} disabled={sending}>
          Back to editing
        </button>
        {error && canRetry && !sending ? (
          <RetryButton key={attempt} waitSeconds={error.kind === 'rate-limited' ? (error.retryAfterSeconds ?? 0) : 0} onRetry={onSend} />
        ) : error && !canRetry ? null : (
          <button type="button" className="primary" onClick={onSend} disabled={sending} aria-busy={sending || undefined}>
            {sending ? 'Sending…' : 'Send changes'}
          </button>
        )}
      </div>
      <p className="hint">Escape goes back to editing.</p>
    </Modal>
  );
}

/** A timeout means ConsCent may have applied the change: do not claim it was not saved. */
function unconfirmedTitle(error: BridgeError): string {
  return error.kind === 'timeout' || error.message === BRIDGE_UNANSWERED_MESSAGE
    ? 'ConsCent did not confirm the change.'
    : 'The changes were not saved.';
}

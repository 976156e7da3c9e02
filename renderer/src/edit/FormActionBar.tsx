import type { BridgeError } from '../../../common/result';
import { saveOutcomeOf } from '../../../common/save-outcome';
import { REFRESH_READER } from './ReviewDialog';
import { describeErrorPath } from './error-paths';
import { SHORTCUT_LABEL } from './use-review-shortcut';

// The end of the edit form: what stops a review or a send, and the action bar. The bar is
// sticky at the bottom of the window (styles.css), so Review changes and Discard stay in
// reach with the count of changed fields however long the form is.

type FormNoticesProps = {
  invalidPaths: string[];
  lastFailure: BridgeError | null;
  notice: string;
  /** Reads the reader again from ConsCent: offered when the last send's outcome is unknown. */
  onRefresh?: (() => void) | undefined;
};

export const UNCONFIRMED_LAST_SEND =
  'ConsCent did not confirm the last attempt to send: it may or may not have been saved. Refresh the reader to see what ConsCent holds before sending again; your edits are kept until then.';
export const FAILED_LAST_SEND = 'The last attempt to send was not saved; your edits are kept. Review the changes to try again.';

export function FormNotices({ invalidPaths, lastFailure, notice, onRefresh }: FormNoticesProps) {
  const unknown = lastFailure !== null && saveOutcomeOf(lastFailure) === 'unknown';
  return (
    <>
      {invalidPaths.length > 0 ? (
        <div className="notice notice-error" role="alert">
          <p className="notice-summary">
            <span aria-hidden="true">⚠</span> Fix these fields before reviewing: {invalidPaths.map(describeErrorPath).join(', ')}.
          </p>
        </div>
      ) : null}
      {lastFailure ? (
        <div className="notice notice-error" role="alert">
          <p className="notice-summary">
            <span aria-hidden="true">⚠</span> {unknown ? UNCONFIRMED_LAST_SEND : FAILED_LAST_SEND}
          </p>
          {unknown && onRefresh ? (
            <button type="button" onClick={onRefresh}>
              {REFRESH_READER}
            </button>
          ) : null}
        </div>
      ) : null}
      <p role="status" aria-live="polite" className="status-slot">
        {notice}
      </p>
    </>
  );
}

type FormActionBarProps = { changedLabels: string[]; sending: boolean; onReview: () => void; onDiscard: () => void };

export function FormActionBar({ changedLabels, sending, onReview, onDiscard }: FormActionBarProps) {
  const dirty = changedLabels.length > 0;
  return (
    <div className="form-actions sticky-actions">
      <button type="button" className="primary" onClick={onReview} disabled={!dirty || sending} aria-keyshortcuts="Control+Enter Meta+Enter">
        {dirty ? 'Review changes' : 'Nothing to send'}
      </button>
      <button type="button" onClick={onDiscard} disabled={!dirty || sending}>
        Discard edits
      </button>
      <span className="hint">
        {dirty ? (
          <>
            <strong className="changed-count">{changedLabels.length === 1 ? '1 field' : `${changedLabels.length} fields`} changed</strong>:{' '}
            {changedLabels.join(', ')}. Review with {SHORTCUT_LABEL}.
          </>
        ) : (
          'No field has changed. Only the fields you change are sent.'
        )}
      </span>
    </div>
  );
}

import type { BridgeError } from '../../../common/result';
import { describeErrorPath } from './error-paths';
import { SHORTCUT_LABEL } from './use-review-shortcut';

// The end of the edit form: what stops a review or a send, and the action bar. The bar is
// sticky at the bottom of the window (styles.css), so Review changes and Discard stay in
// reach with the count of changed fields however long the form is.

type FormNoticesProps = { invalidPaths: string[]; lastFailure: BridgeError | null; notice: string };

export function FormNotices({ invalidPaths, lastFailure, notice }: FormNoticesProps) {
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
            <span aria-hidden="true">⚠</span>{' '}
            {lastFailure.kind === 'timeout'
              ? 'ConsCent did not confirm the last attempt to send; look the reader up again before retrying. Your edits are kept.'
              : 'The last attempt to send was not saved; your edits are kept. Review the changes to try again.'}
          </p>
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
          'No field has changed.'
        )}
      </span>
    </div>
  );
}

import { useId, useState, type ReactNode } from 'react';
import type { BridgeError } from '../../../common/result';
import { FIX_LABELS } from '../errors/advice';
import { useFixHandlers, type FixHandlers } from '../errors/error-fixes';
import { explainError, type ErrorContext } from '../errors/explain-error';
import { KeychainHelp } from './KeychainHelp';

// An error as text with an icon (never colour alone), inside role="alert" so screen
// readers announce it: what happened, then once what to do, then the button that does it
// (issue 22.3). A screen that can send the request again gives `try-again`: it is offered
// after the fix whenever sending again can help.

type ErrorNoticeProps = {
  error: BridgeError;
  context: ErrorContext;
  title?: string;
  /** What this screen does for an error's buttons (over the app's own). */
  fixes?: FixHandlers;
  children?: ReactNode;
};

export function ErrorNotice({ error, context, title, fixes, children }: ErrorNoticeProps) {
  const explained = explainError(error, context);
  const handlers = useFixHandlers(fixes);
  const [helpOpen, setHelpOpen] = useState(false);
  const helpId = useId();
  const fix = explained.fix;
  const onFix = fix && fix !== 'keychain-help' ? handlers[fix] : null;
  const retry = explained.retryable && fix !== 'try-again' ? handlers['try-again'] : null;
  return (
    <div className="notice notice-error" role="alert">
      <p className="notice-summary">
        <span className="notice-icon" aria-hidden="true">
          ⚠
        </span>{' '}
        {title ? <strong>{title} </strong> : null}
        {explained.what}
      </p>{' '}
      {/* The space keeps the two sentences apart when the notice is copied as text. */}
      <p className="notice-todo">{explained.todo}</p>
      {onFix || retry || fix === 'keychain-help' ? (
        <div className="notice-fixes">
          {fix && onFix ? (
            <button type="button" onClick={onFix}>
              {FIX_LABELS[fix]}
            </button>
          ) : null}
          {fix === 'keychain-help' ? (
            <button type="button" aria-expanded={helpOpen} aria-controls={helpId} onClick={() => setHelpOpen((open) => !open)}>
              {FIX_LABELS['keychain-help']}
            </button>
          ) : null}
          {retry ? (
            <button type="button" onClick={retry}>
              {FIX_LABELS['try-again']}
            </button>
          ) : null}
        </div>
      ) : null}
      {fix === 'keychain-help' ? <KeychainHelp id={helpId} hidden={!helpOpen} /> : null}
      {children}
    </div>
  );
}

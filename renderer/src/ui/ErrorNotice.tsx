import type { ReactNode } from 'react';
import type { BridgeError } from '../../../common/result';
import { explainError, type ErrorContext } from '../errors/explain-error';

// An error as text with an icon (never colour alone), inside role="alert" so screen
// readers announce it. The optional action (usually "Try again") sits right under it.

type ErrorNoticeProps = {
  error: BridgeError;
  context: ErrorContext;
  title?: string;
  children?: ReactNode;
};

export function ErrorNotice({ error, context, title, children }: ErrorNoticeProps) {
  const explained = explainError(error, context);
  return (
    <div className="notice notice-error" role="alert">
      <p className="notice-summary">
        <span className="notice-icon" aria-hidden="true">
          ⚠
        </span>{' '}
        {title ? <strong>{title} </strong> : null}
        {explained.summary}
      </p>
      {explained.detail ? <p className="notice-detail">Details: {explained.detail}</p> : null}
      {children}
    </div>
  );
}

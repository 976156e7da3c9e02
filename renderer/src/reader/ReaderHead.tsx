import { useState } from 'react';
import { readerLinkFor } from '../../../common/deep-link';
import type { ConnectionSummary } from '../../../common/connections-contract';
import type { ReaderView } from '../../../common/readers-contract';
import { copyText } from '../ui/copy-text';
import { notReturnedSentence } from './not-returned';
import { SubscriptionsGlance } from './SubscriptionsGlance';

// The opened reader at a glance, first on the screen (issue 22 item 1): the name with what
// an agent copies into a ticket (the user id, email and phone, and a conscent-console://
// link that opens this reader again, by user id, on this connection by name), the first
// subscriptions with status and expiry, and, once, what ConsCent did not return. Refresh
// reads the reader again from ConsCent.

type ReaderHeadProps = {
  connection: ConnectionSummary;
  view: ReaderView;
  headingId: string;
  onRefresh?: (() => void) | undefined;
};

export function ReaderHead({ connection, view, headingId, onRefresh }: ReaderHeadProps) {
  const [copied, setCopied] = useState('');
  const copy = async (what: string, text: string) => {
    setCopied((await copyText(text)) ? `Copied the ${what}.` : `The ${what} could not be copied: select it and copy it by hand.`);
  };
  const phone = [view.countryCode, view.phone].filter(Boolean).join(' ');
  const notReturned = notReturnedSentence(view);
  return (
    <div className="panel reader-head">
      <div className="reader-head-row">
        <h2 id={headingId}>{view.name || view.email || 'Reader without a name'}</h2>
        <div className="button-row tight">
          {onRefresh ? (
            <button type="button" onClick={onRefresh} aria-keyshortcuts="Control+Shift+R Meta+Shift+R">
              Refresh
            </button>
          ) : null}
          <button type="button" onClick={() => void copy('link to this reader', readerLinkFor(view.userId, connection.name))}>
            Copy link to this reader
          </button>
        </div>
      </div>
      <div className="reader-glance">
        <div className="reader-identity">
          <p className="reader-ids">
            <span className="mono">{view.userId}</span>{' '}
            <button type="button" className="link-button" onClick={() => void copy('user id', view.userId)}>
              Copy user id
            </button>
            {view.email ? (
              <>
                {' · '}
                <span>{view.email}</span>{' '}
                <button type="button" className="link-button" onClick={() => void copy('email', view.email ?? '')}>
                  Copy email
                </button>
              </>
            ) : null}
            {phone ? (
              <>
                {' · '}
                <span>{phone}</span>{' '}
                <button type="button" className="link-button" onClick={() => void copy('phone number', phone)}>
                  Copy phone
                </button>
              </>
            ) : null}
          </p>
          <p role="status" className="hint copy-status">
            {copied}
          </p>
          {notReturned ? <p className="hint not-returned-note">{notReturned}</p> : null}
        </div>
        <SubscriptionsGlance subscriptions={view.subscriptions} />
      </div>
    </div>
  );
}

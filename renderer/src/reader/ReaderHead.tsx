import { useState } from 'react';
import { readerLinkFor } from '../../../common/deep-link';
import type { ConnectionSummary } from '../../../common/connections-contract';
import type { ReaderView } from '../../../common/readers-contract';
import type { OpenReaderWindowResult } from '../../../common/windows-contract';
import { useBridge } from '../bridge/bridge-context';
import { explainErrorText } from '../errors/explain-error';
import { copyText } from '../ui/copy-text';
import { notReturnedSentence } from './not-returned';
import { SubscriptionsGlance } from './SubscriptionsGlance';

// The opened reader at a glance, first on the screen (issue 22 item 1): the name with what
// an agent copies into a ticket (the user id, email and phone, and a conscent-console://
// link that opens this reader again, by user id, on this connection by name), the first
// subscriptions with status and expiry, and, once, what ConsCent did not return. Refresh
// reads the reader again from ConsCent. Open in new window (issue 22.4) opens this reader
// in a second console window, for an agent working two tickets side by side; main opens it
// as it would the link above, and this window stays as it is, edits and all.

/** What the status line says after Open in new window, by main's answer. */
export function newWindowWords(result: OpenReaderWindowResult): string {
  if (result.opened) return 'Opened this reader in a new window.';
  if (result.reason === 'too-many-windows')
    return `${result.limit} console windows are open already. Close one you no longer need, then open this reader in a new window again.`;
  return 'This console cannot open another window here. Copy the link to this reader and open it instead.';
}

type ReaderHeadProps = {
  connection: ConnectionSummary;
  view: ReaderView;
  headingId: string;
  onRefresh?: (() => void) | undefined;
};

export function ReaderHead({ connection, view, headingId, onRefresh }: ReaderHeadProps) {
  const bridge = useBridge();
  // One status line for what the buttons did: copied, or the new window opened or refused.
  const [said, setSaid] = useState('');
  const copy = async (what: string, text: string) => {
    setSaid((await copyText(text)) ? `Copied the ${what}.` : `The ${what} could not be copied: select it and copy it by hand.`);
  };
  const openInNewWindow = async () => {
    const result = await bridge.openReaderWindow({ userId: view.userId, connection: connection.name });
    setSaid(result.ok ? newWindowWords(result.value) : explainErrorText(result.error, 'open-reader'));
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
          <button type="button" onClick={() => void openInNewWindow()}>
            Open in new window
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
            {said}
          </p>
          {notReturned ? <p className="hint not-returned-note">{notReturned}</p> : null}
        </div>
        <SubscriptionsGlance subscriptions={view.subscriptions} />
      </div>
    </div>
  );
}

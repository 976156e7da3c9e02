import { useId } from 'react';
import type { ReaderSubscription } from '../../../common/readers-contract';
import { Time } from '../format/Time';

// The first subscriptions in the reader's head, one line each with status and expiry: what
// an agent checks before anything else ("is their plan active, until when?"). The full
// table (with purchase dates) stays in the record. Not returned: said by the head's note.

const SHOWN = 3;

export function SubscriptionsGlance({ subscriptions }: { subscriptions: ReaderSubscription[] | undefined }) {
  const headingId = useId();
  if (subscriptions === undefined) return null;
  const rest = subscriptions.length - SHOWN;
  return (
    <section className="subscriptions-glance" aria-labelledby={headingId}>
      <h3 id={headingId}>Subscriptions</h3>
      {subscriptions.length === 0 ? (
        <p className="muted">None.</p>
      ) : (
        <ul>
          {subscriptions.slice(0, SHOWN).map((subscription) => (
            <li key={subscription._id}>
              <span className="subscription-title">{subscription.subscriptionTitle || '(untitled)'}</span>{' '}
              <span className={`chip status-chip status-${(subscription.status ?? 'unknown').toLowerCase()}`}>
                {subscription.status ?? 'status not returned'}
              </span>{' '}
              <span className="subscription-expiry">
                {subscription.expiryDate === null ? (
                  'does not expire'
                ) : (
                  <>
                    expires <Time iso={subscription.expiryDate} fallback="(expiry not returned)" />
                  </>
                )}
              </span>
            </li>
          ))}
        </ul>
      )}
      {rest > 0 ? <p className="hint">and {rest} more in the record's subscriptions table</p> : null}
    </section>
  );
}

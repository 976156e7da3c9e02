import type { ReaderSubscription } from '../../../common/readers-contract';
import { Time } from '../format/Time';

// Read-only: the console corrects account details, it does not touch subscriptions.
export function SubscriptionsTable({ subscriptions }: { subscriptions: ReaderSubscription[] | undefined }) {
  if (subscriptions === undefined) return <p className="muted">Subscriptions were not returned by ConsCent.</p>;
  if (subscriptions.length === 0) return <p>No subscriptions.</p>;
  return (
    <table className="data-table">
      <caption className="visually-hidden">Subscriptions</caption>
      <thead>
        <tr>
          <th scope="col">Title</th>
          <th scope="col">Status</th>
          <th scope="col">Purchased</th>
          <th scope="col">Expires</th>
        </tr>
      </thead>
      <tbody>
        {subscriptions.map((subscription) => (
          <tr key={subscription._id}>
            <td>{subscription.subscriptionTitle || <span className="muted">(untitled)</span>}</td>
            <td>{subscription.status ?? <span className="muted">not returned</span>}</td>
            <td>
              <Time iso={subscription.purchasedOn} fallback={<span className="muted">not returned</span>} />
            </td>
            <td>
              {subscription.expiryDate === null ? (
                'Does not expire'
              ) : (
                <Time iso={subscription.expiryDate} fallback={<span className="muted">not returned</span>} />
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

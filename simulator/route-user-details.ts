import { INVALID_CREDENTIALS_MESSAGE } from './auth';
import { sendJson, sendMessage } from './http-io';
import { toSubscription, toUserDetails, type SimUser } from './records';
import type { RouteContext } from './route-context';

// GET /user/user-and-subscription-details (documented, v1). Documented as needing no
// auth, so none is required; but credentials that are sent must be right for this
// client, so a console with a wrong secret finds out here rather than on its first save.

export function handleUserDetails({ res, query, auth, store, options }: RouteContext): void {
  const clientId = query.get('clientId');
  // 400 rather than 404: "not found" would read as "no such reader" and hide a
  // mistyped Client ID in the console's connection.
  if (!clientId) return sendMessage(res, 400, 'clientId is required');
  const client = options.clients.find((candidate) => candidate.clientId === clientId);
  if (!client) return sendMessage(res, 400, 'Invalid clientId');
  if (auth.kind === 'invalid' || (auth.kind === 'valid' && auth.client.clientId !== client.clientId)) {
    return sendMessage(res, 401, INVALID_CREDENTIALS_MESSAGE);
  }

  const userId = query.get('userId');
  const email = query.get('email');
  const phoneNumber = query.get('phoneNumber');
  // One identifier decides, in this order; several users sharing an email resolve to the
  // oldest account, as a findOne on ConsCent's side would.
  let user: SimUser | undefined;
  if (userId) user = store.getUser(userId);
  else if (email) user = store.findByEmail(email)[0];
  else if (phoneNumber) user = store.findByPhone(phoneNumber)[0];
  else return sendMessage(res, 400, 'One of userId, email or phoneNumber is required');
  if (!user) return sendMessage(res, 404, 'User not found');

  const subscriptions = store.purchasesOf(user.userId, client.clientId);
  const lastPurchasedOn = subscriptions.reduce<string | null>(
    (latest, purchase) => (latest === null || purchase.purchasedOn > latest ? purchase.purchasedOn : latest),
    null,
  );
  sendJson(res, 200, {
    userdetails: toUserDetails(user, lastPurchasedOn),
    userSubscriptions: subscriptions.map(toSubscription),
  });
}

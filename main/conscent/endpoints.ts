// Every ConsCent path the console calls, in one place, so a correction is one edit.
// Documented or inferred, as docs/conscent-api.md says.
export const ENDPOINTS = {
  /** Documented (the seed page). PATCH, Basic auth, query `userId`, JSON body. */
  updateUser: { method: 'PATCH', path: '/client/update-user' },
  /**
   * Documented (API v1). GET, auth not required (we send it anyway), query clientId + userId|email|phoneNumber.
   * Inferred, not documented: an unknown clientId is answered with 400 (and a userId
   * that does not exist with 404), so "Test connection" proves the Client ID with a call
   * for CLIENT_ID_PROBE_USER_ID: 404 = Client ID accepted, 400 = Client ID refused.
   */
  userAndSubscriptionDetails: { method: 'GET', path: '/user/user-and-subscription-details' },
  /** Documented. GET, Basic auth, optional filters userId, email, phoneNumber, pageNumber, pageSize. */
  purchasedSubscriptions: { method: 'GET', path: '/client/purchases/subscriptions' },
} as const;

/** A well-formed user id (24 hex digits, as ConsCent's are) that no reader has. */
export const CLIENT_ID_PROBE_USER_ID = '000000000000000000000000';

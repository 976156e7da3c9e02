// Every ConsCent path the console calls, in one place, so a correction is one edit.
// Status per ../shared/api/README.md.
export const ENDPOINTS = {
  /** Documented (the seed page). PATCH, Basic auth, query `userId`, JSON body. */
  updateUser: { method: 'PATCH', path: '/client/update-user' },
  /** Documented (API v1). GET, auth not required (we send it anyway), query clientId + userId|email|phoneNumber. */
  userAndSubscriptionDetails: { method: 'GET', path: '/user/user-and-subscription-details' },
  /** Documented. GET, Basic auth, optional filters userId, email, phoneNumber, pageNumber, pageSize. */
  purchasedSubscriptions: { method: 'GET', path: '/client/purchases/subscriptions' },
} as const;

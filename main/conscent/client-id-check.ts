import { ApiError } from './api-error';
import type { ConsCentClient } from './conscent-client';
import { CLIENT_ID_PROBE_USER_ID } from './endpoints';

// The Client ID travels only on the details call (user-and-subscription-details), and
// ConsCent answers a Client ID it does not know with 400 (as the simulator does; see
// endpoints.ts, inferred). Every user id, email and phone the console sends there is
// checked first, so a 400 from that call is reported as the connection's Client ID (the
// renderer marks the form's Client ID field) instead of "some values were refused".

/** The same client, with a refused details call reported as a refused Client ID. */
export function withClientIdErrors(client: ConsCentClient): ConsCentClient {
  return {
    ...client,
    getUserAndSubscriptions: async (selector, options) => {
      try {
        return await client.getUserAndSubscriptions(selector, options);
      } catch (error) {
        if (error instanceof ApiError && error.kind === 'invalid-input' && error.status === 400) {
          // ConsCent's own words (apiMessage) stay with the error.
          throw error.with('invalid-input', { reason: 'client-id-refused' });
        }
        throw error;
      }
    },
  };
}

/**
 * Proves ConsCent accepts the Client ID, after the key and secret were proven: a details
 * call for a well-formed user id that does not exist. "Not found" (or, oddly, a reader)
 * means the Client ID was accepted. Call on a client made by withClientIdErrors.
 */
export async function proveClientId(client: ConsCentClient): Promise<void> {
  try {
    await client.getUserAndSubscriptions({ userId: CLIENT_ID_PROBE_USER_ID });
  } catch (error) {
    if (error instanceof ApiError && error.kind === 'not-found') return;
    // The key and secret were just accepted, so a 401 here is about the Client ID: it
    // belongs to another ConsCent account or environment than these credentials.
    if (error instanceof ApiError && error.kind === 'unauthorized') {
      throw new ApiError({ kind: 'invalid-input', reason: 'client-id-other-account', ...(error.status ? { status: error.status } : {}) });
    }
    throw error;
  }
}

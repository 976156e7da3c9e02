import { z } from 'zod';
import { Credentials, ConnectionId } from '../../common/contract';

// Both stores check their arguments the same way. A bad argument is a programming error
// (the bridge validates requests first), so it is a TypeError, not a KeychainError, and
// its message never echoes the value.

/** scheme://host[:port] exactly as URL.origin writes it: what stored credentials are bound to. */
export const CredentialOrigin = z.string().refine((value) => {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value;
  } catch {
    return false;
  }
});

/** An API key and secret as kept in a store, with the origin they were entered for. */
export const StoredCredentials = Credentials.extend({
  /**
   * Absent only in entries saved before origins were recorded: those are bound to the
   * origin of their connection's base URL as it is in the settings (see credential-binding.ts).
   */
  origin: CredentialOrigin.optional(),
});
export type StoredCredentials = z.infer<typeof StoredCredentials>;

export function checkConnectionId(connectionId: string): string {
  if (!ConnectionId.safeParse(connectionId).success) throw new TypeError('Not a valid connection id.');
  return connectionId;
}

export function checkCredentials(credentials: Credentials): Credentials {
  const parsed = Credentials.safeParse(credentials);
  if (!parsed.success) throw new TypeError('Refusing to store an API key and secret that are not valid.');
  // Copy only the two known fields so nothing else rides along into the keychain.
  return { apiKey: parsed.data.apiKey, apiSecret: parsed.data.apiSecret };
}

/** The entry to store: key, secret and (when given) the origin they may be sent to. */
export function checkEntry(credentials: Credentials, origin: string | undefined): StoredCredentials {
  const checked = checkCredentials(credentials);
  if (origin === undefined) return checked;
  if (!CredentialOrigin.safeParse(origin).success) throw new TypeError('Refusing to bind credentials to something that is not an origin.');
  return { ...checked, origin };
}

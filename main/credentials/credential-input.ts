import { z } from 'zod';
import { Credentials, ConnectionId } from '../../common/connections-contract';
import { ProxySetting } from '../../common/network-settings';

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

/**
 * The rest of the way to ConsCent that stored credentials are bound to (issue 18): which
 * extra certificate was trusted (its SHA-256 fingerprint, null for none) and which proxy
 * setting was chosen (System, No proxy, or the manual proxy's scheme, host and port).
 */
export const TrustPath = z.strictObject({
  certificate: z
    .string()
    .regex(/^[0-9A-F]{2}(:[0-9A-F]{2}){31}$/)
    .nullable(),
  proxy: ProxySetting,
});
export type TrustPath = z.infer<typeof TrustPath>;

/** An API key and secret as kept in a store, with the origin and trust path they were entered for. */
export const StoredCredentials = Credentials.extend({
  /**
   * Absent only in entries saved before origins were recorded: those are bound to the
   * origin of their connection's base URL as it is in the settings (see credential-binding.ts).
   */
  origin: CredentialOrigin.optional(),
  /** Absent only in entries saved before trust paths were recorded (see credential-binding.ts). */
  trustPath: TrustPath.optional(),
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

/** The entry to store: key, secret and (when given) the origin and trust path they may be sent by. */
export function checkEntry(credentials: Credentials, origin: string | undefined, trustPath?: TrustPath): StoredCredentials {
  const checked = checkCredentials(credentials);
  if (origin === undefined) return checked;
  if (!CredentialOrigin.safeParse(origin).success) throw new TypeError('Refusing to bind credentials to something that is not an origin.');
  if (trustPath === undefined) return { ...checked, origin };
  const path = TrustPath.safeParse(trustPath);
  if (!path.success) throw new TypeError('Refusing to bind credentials to something that is not a trust path.');
  return { ...checked, origin, trustPath: path.data };
}

import { Credentials, ProfileId } from '../../common/contract';

// Both stores check their arguments the same way. A bad argument is a programming error
// (the bridge validates requests first), so it is a TypeError, not a KeychainError, and
// its message never echoes the value.

export function checkProfileId(profileId: string): string {
  if (!ProfileId.safeParse(profileId).success) throw new TypeError('Not a valid profile id.');
  return profileId;
}

export function checkCredentials(credentials: Credentials): Credentials {
  const parsed = Credentials.safeParse(credentials);
  if (!parsed.success) throw new TypeError('Refusing to store an API key and secret that are not valid.');
  // Copy only the two known fields so nothing else rides along into the keychain.
  return { apiKey: parsed.data.apiKey, apiSecret: parsed.data.apiSecret };
}

import type { Credentials } from '../../common/contract';
import { ConfigError } from '../errors/config-error';
import type { CredentialStore } from './credential-store';

// A stored API key and secret may be sent only to the origin (scheme://host[:port]) they
// were entered for: a connection repointed at another host, by the agent or by a hand-
// edited settings file, must never carry production credentials there. The path may
// change freely on the same origin (an API version, say).
//
// Entries saved before origins were recorded carry none. They are bound to the origin of
// their connection's base URL as it is saved in the settings (the only host they can have
// been used with), and the binding is written into the entry the first time they are
// used, so from then on a hand-edited settings file cannot move them either.

export function originOfUrl(baseUrl: string): string {
  return new URL(baseUrl).origin;
}

export function hostOfUrl(baseUrl: string): string {
  return new URL(baseUrl).host;
}

/** How a refusal is reported: on the form's key and secret fields, or as a connection to fix. */
export type RefusalStyle = 'form-fields' | 'connection';

export function boundElsewhereError(boundTo: string, target: string, style: RefusalStyle): ConfigError {
  return new ConfigError({
    kind: style === 'connection' ? 'not-configured' : 'invalid-input',
    reason: 'credentials-elsewhere',
    boundOrigin: boundTo,
    targetOrigin: target,
  });
}

/**
 * The stored key and secret of a connection, for a request to `targetBaseUrl`. Refuses when
 * they were entered for another origin; `savedBaseUrl` is the connection's base URL in the
 * settings (what binds an older entry).
 */
export async function credentialsFor(
  store: CredentialStore,
  connectionId: string,
  savedBaseUrl: string,
  targetBaseUrl: string,
  style: RefusalStyle,
): Promise<Credentials> {
  const stored = await store.get(connectionId);
  if (!stored) {
    throw new ConfigError({ kind: 'not-configured', reason: 'no-credentials' });
  }
  const { origin, ...credentials } = stored;
  const boundTo = origin ?? originOfUrl(savedBaseUrl);
  const target = originOfUrl(targetBaseUrl);
  if (boundTo !== target) throw boundElsewhereError(boundTo, target, style);
  // An older entry: record its origin now. Best effort; the check above already holds.
  if (origin === undefined) await store.set(connectionId, credentials, boundTo).catch(() => undefined);
  return credentials;
}

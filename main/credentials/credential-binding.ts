import type { Credentials } from '../../common/contract';
import { ApiError } from '../conscent/api-error';
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

export function boundElsewhereError(boundTo: string, target: string, style: RefusalStyle): ApiError {
  if (style === 'connection') {
    return new ApiError(
      'not-configured',
      `This connection's API key and secret were entered for ${boundTo}, but the connection now points at ${target}; ` +
        `the console does not send them anywhere else. Edit the connection in Connections and enter the API key and secret for ${target}.`,
    );
  }
  return new ApiError(
    'invalid-input',
    `The stored API key and secret were entered for ${boundTo} and are only ever sent there. ` +
      `This connection now points at ${target}: enter the API key and secret for ${target}.`,
    undefined,
    undefined,
    {
      fields: {
        'credentials.apiKey': `Enter the API key for ${target}: the stored one is only sent to ${boundTo}.`,
        'credentials.apiSecret': `Enter the API secret for ${target}: the stored one is only sent to ${boundTo}.`,
      },
    },
  );
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
    throw new ApiError('not-configured', 'No API key and secret are stored for this connection. Enter them in Connections.');
  }
  const { origin, ...credentials } = stored;
  const boundTo = origin ?? originOfUrl(savedBaseUrl);
  const target = originOfUrl(targetBaseUrl);
  if (boundTo !== target) throw boundElsewhereError(boundTo, target, style);
  // An older entry: record its origin now. Best effort; the check above already holds.
  if (origin === undefined) await store.set(connectionId, credentials, boundTo).catch(() => undefined);
  return credentials;
}

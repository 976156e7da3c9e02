import type { ConnectionFields, Credentials } from '../../common/connections-contract';
import { ConfigError } from '../errors/config-error';
import { InputError } from '../errors/input-error';
import type { CredentialStore } from './credential-store';
import { isDefaultTrustPath, nonDefaultParts, trustChanges, trustPathOf, type TrustPathPart } from './trust-path';

// A stored API key and secret may be sent only to the origin (scheme://host[:port]) they
// were entered for: a connection repointed at another host, by the agent or by a hand-
// edited settings file, must never carry production credentials there. The path may
// change freely on the same origin (an API version, say).
//
// Entries saved before origins were recorded carry none. They are bound to the origin of
// their connection's base URL as it is saved in the settings (the only host they can have
// been used with), and the binding is written into the entry the first time they are
// used, so from then on a hand-edited settings file cannot move them either.
//
// Since issue 18 they are also bound to the trust path they were saved with (the extra
// certificate's fingerprint, the proxy setting), recorded in the same keychain entry.
// Entries saved before carry only an origin. They are used only where the connection's
// trust path is the default one (no extra certificate, no manual proxy: nothing the page
// or the settings file can point elsewhere), and then that trust path is written into the
// entry on first use. Anywhere else the key and secret must be typed again: an origin-only
// entry cannot tell a proxy the agent chose from one a hand edit put there.

export function originOfUrl(baseUrl: string): string {
  return new URL(baseUrl).origin;
}

export function hostOfUrl(baseUrl: string): string {
  return new URL(baseUrl).host;
}

/** How a refusal is reported: on the form's key and secret fields, or as a connection to fix. */
export type RefusalStyle = 'form-fields' | 'connection';

export function boundElsewhereError(boundTo: string, target: string, style: RefusalStyle): ConfigError | InputError {
  const facts = { reason: 'credentials-elsewhere', boundOrigin: boundTo, targetOrigin: target } as const;
  return style === 'connection' ? new ConfigError(facts) : new InputError(facts);
}

export function trustChangedError(changed: TrustPathPart[], style: RefusalStyle): ConfigError | InputError {
  const facts = { reason: 'credentials-trust-changed', trustChanged: changed } as const;
  return style === 'connection' ? new ConfigError(facts) : new InputError(facts);
}

/** Where a request would go: the base URL, and the proxy and extra certificate it would take. */
export type CredentialTarget = Pick<ConnectionFields, 'baseUrl' | 'proxy' | 'extraCertificate'>;

/**
 * The stored key and secret of a connection, for a request to `target`. Refuses when they
 * were entered for another origin or another trust path; `savedBaseUrl` is the connection's
 * base URL in the settings (what binds an entry without an origin). `record`: write the
 * binding into an older entry (only when `target` is what the settings say, i.e. a use).
 */
export async function credentialsFor(
  store: CredentialStore,
  connectionId: string,
  savedBaseUrl: string,
  target: CredentialTarget,
  style: RefusalStyle,
  record = style === 'connection',
): Promise<Credentials> {
  const stored = await store.get(connectionId);
  if (!stored) {
    throw new ConfigError({ reason: 'no-credentials' });
  }
  const { origin, trustPath, ...credentials } = stored;
  const boundTo = origin ?? originOfUrl(savedBaseUrl);
  const targetOrigin = originOfUrl(target.baseUrl);
  if (boundTo !== targetOrigin) throw boundElsewhereError(boundTo, targetOrigin, style);
  const targetPath = trustPathOf(target);
  if (trustPath) {
    const changed = trustChanges(trustPath, targetPath);
    if (changed.length > 0) throw trustChangedError(changed, style);
    return credentials;
  }
  // An entry from before trust paths were recorded.
  if (!isDefaultTrustPath(targetPath)) throw trustChangedError(nonDefaultParts(targetPath), style);
  // Record origin and trust path now. Best effort; the checks above already hold.
  if (record) await store.set(connectionId, credentials, boundTo, targetPath).catch(() => undefined);
  return credentials;
}

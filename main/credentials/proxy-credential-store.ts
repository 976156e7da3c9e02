import { ProxyCredentials } from '../../common/network-settings';
import type { KeytarLike } from './credential-store';
import { KeychainError, classifyKeychainError } from './keychain-errors';

// Proxy user names and passwords (issue 13), asked for once when a proxy answers 407 and
// kept in the OS keychain beside the API credentials, under the same service name: one
// entry per proxy, because it is the proxy that asks, whichever connection goes through
// it. Never in settings.json. Sent only to the proxy it was entered for: its scheme and
// host:port (issue 18.5), so ones typed for https://proxy:8443 never go in clear to
// http://proxy:8443. The account is "proxy:<scheme>://<host:port>": ':' is not allowed in
// a connection id, so these entries are never taken for a connection's API key and secret.
//
// Entries from before 18.5 ("proxy:<host:port>") do not say which scheme they were typed
// for, so they are used for neither: the proxy's 407 asks the agent once more, and the old
// entry is deleted when the new one is stored.

export interface ProxyCredentialStore {
  /** `proxy`: scheme://host:port (proxyKeyOf). null when none are stored for this proxy. */
  get(proxy: string): Promise<ProxyCredentials | null>;
  set(proxy: string, credentials: ProxyCredentials): Promise<void>;
}

export const PROXY_ACCOUNT_PREFIX = 'proxy:';

function checkProxy(proxy: string): string {
  if (!/^https?:\/\/[A-Za-z0-9.\-[\]:]{1,300}$/.test(proxy)) throw new TypeError('Not a proxy scheme://host:port.');
  return proxy.toLowerCase();
}

/** The account an entry from before issue 18.5 was kept under (host:port only). */
const legacyAccountOf = (proxy: string) => `${PROXY_ACCOUNT_PREFIX}${proxy.slice(proxy.indexOf('://') + 3)}`;

export function createKeytarProxyCredentialStore(keytar: KeytarLike, serviceName: string): ProxyCredentialStore {
  // Asked on every request through a proxy: read once per proxy and process, like the
  // system keychain prompt would be.
  const known = new Map<string, ProxyCredentials | null>();
  return {
    async get(proxy) {
      const account = `${PROXY_ACCOUNT_PREFIX}${checkProxy(proxy)}`;
      if (known.has(account)) return known.get(account) ?? null;
      let stored: string | null;
      try {
        stored = await keytar.getPassword(serviceName, account);
      } catch (error) {
        throw classifyKeychainError(error);
      }
      let parsed: ProxyCredentials | null = null;
      if (stored !== null) {
        try {
          parsed = ProxyCredentials.parse(JSON.parse(stored));
        } catch {
          // The parse error is dropped: it would quote the stored password.
          throw new KeychainError('corrupt-entry', 'The stored value is not a proxy user name and password.');
        }
      }
      known.set(account, parsed);
      return parsed;
    },
    async set(proxy, credentials) {
      const account = `${PROXY_ACCOUNT_PREFIX}${checkProxy(proxy)}`;
      const entry = ProxyCredentials.parse(credentials);
      try {
        await keytar.setPassword(serviceName, account, JSON.stringify({ username: entry.username, password: entry.password }));
      } catch (error) {
        throw classifyKeychainError(error, [entry.password]);
      }
      known.set(account, entry);
      // The entry it replaces, if any: kept, it could only ever mislead.
      await keytar.deletePassword(serviceName, legacyAccountOf(checkProxy(proxy))).catch(() => false);
    },
  };
}

import { useCallback, useEffect, useState } from 'react';
import type { ConnectionsState, SavedConnectionsState } from '../../../common/connections-contract';
import type { BridgeError, Result } from '../../../common/result';
import { useBridge } from '../bridge/bridge-context';

// The saved connections as main knows them. Reloaded after every change instead of being
// patched locally, so the screen always shows what is really stored.
//
// At start (issue 23) two questions go at once: the settings file's connections, which
// paint the header and the search box straight away, and the full list, which also asks the
// keychain which connections have a key and secret (and says when it cannot be asked). Until
// that answer is in, `keychainPending` is set and nothing claims a key is stored or missing.

export type ConnectionsLoad =
  { status: 'loading' } | { status: 'failed'; error: BridgeError } | { status: 'ready'; state: ConnectionsState; keychainPending?: true };

const toLoad = (result: Result<ConnectionsState>): ConnectionsLoad =>
  result.ok ? { status: 'ready', state: result.value } : { status: 'failed', error: result.error };

/** The settings file's answer, shown until the keychain's arrives; no key is claimed stored meanwhile. */
const beforeKeychain = (saved: SavedConnectionsState): ConnectionsLoad => ({
  status: 'ready',
  state: { ...saved, connections: saved.connections.map((connection) => ({ ...connection, hasCredentials: false })) },
  keychainPending: true,
});

export function useConnections(): { load: ConnectionsLoad; reload: () => Promise<ConnectionsState | null> } {
  const bridge = useBridge();
  const [load, setLoad] = useState<ConnectionsLoad>({ status: 'loading' });

  // First load; an answer arriving after unmount is dropped, and the settings-only answer
  // never replaces the full one if it comes second. Its failure waits for the full answer,
  // which says what went wrong.
  useEffect(() => {
    let current = true;
    let full = false;
    void bridge.listSavedConnections().then((result) => {
      if (current && !full && result.ok) setLoad(beforeKeychain(result.value));
    });
    void bridge.listConnections().then((result) => {
      full = true;
      if (current) setLoad(toLoad(result));
    });
    return () => {
      current = false;
    };
  }, [bridge]);

  const reload = useCallback(async () => {
    const result = await bridge.listConnections();
    setLoad(toLoad(result));
    return result.ok ? result.value : null;
  }, [bridge]);

  return { load, reload };
}

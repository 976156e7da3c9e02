import { useCallback, useEffect, useState } from 'react';
import type { ConnectionsState } from '../../../common/connections-contract';
import type { BridgeError, Result } from '../../../common/result';
import { useBridge } from '../bridge/bridge-context';

// The saved connections as main knows them. Reloaded after every change instead of being
// patched locally, so the screen always shows what is really stored.

export type ConnectionsLoad = { status: 'loading' } | { status: 'failed'; error: BridgeError } | { status: 'ready'; state: ConnectionsState };

const toLoad = (result: Result<ConnectionsState>): ConnectionsLoad =>
  result.ok ? { status: 'ready', state: result.value } : { status: 'failed', error: result.error };

export function useConnections(): { load: ConnectionsLoad; reload: () => Promise<ConnectionsState | null> } {
  const bridge = useBridge();
  const [load, setLoad] = useState<ConnectionsLoad>({ status: 'loading' });

  // First load; an answer arriving after unmount is dropped.
  useEffect(() => {
    let current = true;
    void bridge.listConnections().then((result) => {
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

import { useCallback, useEffect, useState } from 'react';
import type { ProfilesState } from '../../../common/contract';
import type { BridgeError, Result } from '../../../common/result';
import { useBridge } from '../bridge/bridge-context';

// The saved connections as main knows them. Reloaded after every change instead of being
// patched locally, so the screen always shows what is really stored.

export type ProfilesLoad =
  | { status: 'loading' }
  | { status: 'failed'; error: BridgeError }
  | { status: 'ready'; state: ProfilesState };

const toLoad = (result: Result<ProfilesState>): ProfilesLoad =>
  result.ok ? { status: 'ready', state: result.value } : { status: 'failed', error: result.error };

export function useProfiles(): { load: ProfilesLoad; reload: () => Promise<ProfilesState | null> } {
  const bridge = useBridge();
  const [load, setLoad] = useState<ProfilesLoad>({ status: 'loading' });

  // First load; an answer arriving after unmount is dropped.
  useEffect(() => {
    let current = true;
    void bridge.listProfiles().then((result) => {
      if (current) setLoad(toLoad(result));
    });
    return () => {
      current = false;
    };
  }, [bridge]);

  const reload = useCallback(async () => {
    const result = await bridge.listProfiles();
    setLoad(toLoad(result));
    return result.ok ? result.value : null;
  }, [bridge]);

  return { load, reload };
}

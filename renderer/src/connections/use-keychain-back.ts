import { useEffect, useRef, useState } from 'react';
import { useBridge } from '../bridge/bridge-context';

/**
 * True once main says the keychain answers again after it had gone away (issue 17.5); the
 * connections are read again then, so "cannot be used right now" goes by itself.
 */
export function useKeychainBack(reload: () => Promise<unknown>): { back: boolean; dismiss: () => void } {
  const bridge = useBridge();
  const [back, setBack] = useState(false);
  const reloadRef = useRef(reload);
  useEffect(() => {
    reloadRef.current = reload;
  });
  useEffect(
    () =>
      bridge.onAppEvent((event) => {
        if (event.kind !== 'keychain-back') return;
        setBack(true);
        void reloadRef.current();
      }),
    [bridge],
  );
  return { back, dismiss: () => setBack(false) };
}

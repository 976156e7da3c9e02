import { createContext, useContext, useMemo, type ReactNode } from 'react';
import type { ConsoleBridge } from '../../../common/contract';
import { makeSafeBridge } from './safe-call';

// Components never read `window.conscent` themselves: the bridge comes from this context,
// so the app uses the preload's object and the tests pass an in-memory fake.

const BridgeContext = createContext<ConsoleBridge | null>(null);

export function BridgeProvider({ bridge, children }: { bridge: ConsoleBridge; children: ReactNode }) {
  const safe = useMemo(() => makeSafeBridge(bridge), [bridge]);
  return <BridgeContext.Provider value={safe}>{children}</BridgeContext.Provider>;
}

/** The bridge, with every call guaranteed to resolve to a Result. */
export function useBridge(): ConsoleBridge {
  const bridge = useContext(BridgeContext);
  if (!bridge) throw new Error('useBridge must be used inside <BridgeProvider>.');
  return bridge;
}

import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import type { PolicyView } from '../../../common/policy-contract';
import { useBridge } from '../bridge/bridge-context';

// The organisation's policy as the page shows it (issue 21.1): asked of main once, and
// again whenever main says it changed. Only for showing: main refuses what it forbids
// whatever the page does. Until main answers, nothing is marked (main still refuses).

const PolicyContext = createContext<PolicyView>({ state: 'none' });

export function PolicyProvider({ children }: { children: ReactNode }) {
  const bridge = useBridge();
  const [policy, setPolicy] = useState<PolicyView>({ state: 'none' });
  useEffect(() => {
    let current = true;
    const ask = () =>
      void bridge.getPolicy().then((result) => {
        if (current && result.ok) setPolicy(result.value);
      });
    ask();
    const stop = bridge.onAppEvent((event) => {
      if (event.kind === 'policy-changed') ask();
    });
    return () => {
      current = false;
      stop();
    };
  }, [bridge]);
  return <PolicyContext.Provider value={policy}>{children}</PolicyContext.Provider>;
}

export function usePolicy(): PolicyView {
  return useContext(PolicyContext);
}

/** The policy's flags when one applies; undefined without a policy or while it is locked. */
export function useAppliedPolicy(): Extract<PolicyView, { state: 'applied' }> | undefined {
  const policy = usePolicy();
  return policy.state === 'applied' ? policy : undefined;
}

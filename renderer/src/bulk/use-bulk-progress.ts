import { useEffect, useState } from 'react';
import type { BulkProgress } from '../../../common/bulk-schemas';
import type { BridgeError } from '../../../common/result';
import { useBridge } from '../bridge/bridge-context';

// The page's end of the narrow progress subscription: asks bulkProgress for the run's next
// state (main answers when it has moved on, at most a few times a second) until the run
// has ended or the screen goes away. React re-renders only on those answers.

export const ENDED_STATES: readonly BulkProgress['state'][] = ['finished', 'cancelled', 'halted'];

export function useBulkProgress(start: BulkProgress | null): { progress: BulkProgress | null; error: BridgeError | null } {
  const bridge = useBridge();
  const [progress, setProgress] = useState<BulkProgress | null>(start);
  const [error, setError] = useState<BridgeError | null>(null);
  const [tracked, setTracked] = useState(start);
  if (tracked !== start) {
    setTracked(start);
    setProgress(start);
    setError(null);
  }

  useEffect(() => {
    if (!start) return;
    let active = true;
    void (async () => {
      let seen = start;
      while (active && !ENDED_STATES.includes(seen.state)) {
        const result = await bridge.bulkProgress({ runId: start.runId, seen: seen.seq });
        if (!active) return;
        if (!result.ok) {
          setError(result.error);
          return;
        }
        seen = result.value;
        setProgress(seen);
      }
    })();
    return () => {
      active = false;
    };
  }, [bridge, start]);

  return { progress, error };
}

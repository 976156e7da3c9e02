import { useEffect, useState } from 'react';
import type { TeamLogState } from '../../../common/audit-contract';
import { useBridge } from '../bridge/bridge-context';
import { teamLogBadge } from './team-log-text';

// The header's quiet line about the team log (issue 20.5): nothing at all when forwarding is
// not configured; otherwise delivered, N waiting, or unreachable since when. Asked again
// every few seconds; a failed ask changes nothing on screen.

const EVERY_MS = 10_000;

export function TeamLogIndicator() {
  const bridge = useBridge();
  const [state, setState] = useState<TeamLogState>({ configured: false });
  useEffect(() => {
    let live = true;
    const ask = () =>
      void bridge.getTeamLogStatus().then((result) => {
        if (live && result.ok) setState(result.value);
      });
    ask();
    const timer = setInterval(ask, EVERY_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [bridge]);
  if (!state.configured) return null;
  const { text, tone } = teamLogBadge(state.status);
  return (
    <span className={`team-log-indicator team-log-${tone}`} role="status" title={`Forwarding to ${state.collector}${state.tls ? ' over TLS' : ''}`}>
      {text}
    </span>
  );
}

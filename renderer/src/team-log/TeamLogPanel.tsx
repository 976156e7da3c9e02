import { useEffect, useId, useState } from 'react';
import type { TeamLogState } from '../../../common/audit-contract';
import { useBridge } from '../bridge/bridge-context';
import { teamLogSentence } from './team-log-text';
import { ManagedMark } from '../policy/ManagedMark';
import { usePolicy } from '../policy/use-policy';

// History → Team log (issue 20.5): where this console forwards its changes, how that is
// going, and a test event an agent or admin can send to see it arrive at the collector.

export function TeamLogPanel() {
  const bridge = useBridge();
  const id = useId();
  const [state, setState] = useState<TeamLogState | null>(null);
  const [testing, setTesting] = useState(false);
  const [outcome, setOutcome] = useState('');
  // The collector comes from the organisation's policy when it names one (issue 21.1).
  const policy = usePolicy();
  const fromPolicy = policy.state === 'applied' && policy.audit !== undefined;
  useEffect(() => {
    void bridge.getTeamLogStatus().then((result) => result.ok && setState(result.value));
  }, [bridge]);
  if (!state?.configured) return null;
  const test = async () => {
    setTesting(true);
    setOutcome('');
    const result = await bridge.sendTeamLogTestEvent({});
    setTesting(false);
    if (!result.ok || !result.value.configured) return setOutcome('The test event could not be sent.');
    setState({ ...state, status: result.value.status });
    setOutcome(
      result.value.delivered
        ? `A test event was delivered to ${state.collector}: look for it in your log pipeline.`
        : `The test event is waiting: ${state.collector} has not taken it yet.`,
    );
  };
  return (
    <section className="panel" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Team log</h2>
      {fromPolicy ? (
        <p>
          <ManagedMark detail="where changes are forwarded" />
        </p>
      ) : null}
      <p>{teamLogSentence(state.collector, state.status)}</p>
      <p className="button-row">
        <button type="button" onClick={() => void test()} disabled={testing} aria-busy={testing || undefined}>
          {testing ? 'Sending a test event…' : 'Send a test event'}
        </button>
      </p>
      <p role="status">{outcome}</p>
    </section>
  );
}

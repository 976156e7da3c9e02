import type { TestConnectionResult } from '../../../common/connections-contract';
import type { BridgeError } from '../../../common/result';
import { ErrorNotice } from '../ui/ErrorNotice';
import { TestPassed } from './TestOutcome';

// The end of both connection forms (a connection of the agent's own, and the key and
// secret of one the organisation set up): what Test connection found, why a save failed,
// and the Test / Save / Cancel buttons.

export type TestState =
  { phase: 'idle' } | { phase: 'testing' } | { phase: 'passed'; result: TestConnectionResult } | { phase: 'failed'; error: BridgeError };

type FooterProps = {
  test: TestState;
  saveError: BridgeError | null;
  /** "The connection was not saved.", or what else the form saves. */
  saveFailedTitle: string;
  saveLabel: string;
  busy: boolean;
  submitting: boolean;
  onTest: () => void;
  onCancel?: (() => void) | undefined;
};

export function ConnectionFormFooter({ test, saveError, saveFailedTitle, saveLabel, busy, submitting, onTest, onCancel }: FooterProps) {
  return (
    <>
      <div className="status-slot" role="status" aria-live="polite">
        {test.phase === 'testing' ? <p>Testing the connection…</p> : null}
        {test.phase === 'passed' ? <TestPassed result={test.result} /> : null}
      </div>
      {test.phase === 'failed' ? <ErrorNotice error={test.error} context="test-connection" title="Connection test failed." /> : null}
      {saveError ? <ErrorNotice error={saveError} context="save-connection" title={saveFailedTitle} /> : null}
      <div className="button-row">
        <button type="button" onClick={onTest} disabled={busy}>
          {test.phase === 'testing' ? 'Testing…' : 'Test connection'}
        </button>
        <button type="submit" className="primary" disabled={busy}>
          {submitting ? 'Saving…' : saveLabel}
        </button>
        {onCancel ? (
          <button type="button" onClick={onCancel} disabled={submitting}>
            Cancel
          </button>
        ) : null}
      </div>
    </>
  );
}

import { useEffect, useId, useState } from 'react';
import { MAX_RETENTION_DAYS, type HistorySettings } from '../../../common/history-schemas';
import type { BridgeError } from '../../../common/result';
import { useBridge } from '../bridge/bridge-context';
import { ErrorNotice } from '../ui/ErrorNotice';
import { ManagedMark } from '../policy/ManagedMark';
import { POLICY_REFUSES } from '../policy/policy-text';
import { usePolicy } from '../policy/use-policy';

// The history's settings: the name entries carry beside the OS user name (set once), how
// long entries are kept (they hold readers' personal data), and clearing it all. None of
// these touches the keychain.

export function HistorySettingsPanel({ onCleared }: { onCleared: () => void }) {
  const bridge = useBridge();
  const id = useId();
  const [settings, setSettings] = useState<HistorySettings | null>(null);
  const [displayName, setDisplayName] = useState('');
  const [retention, setRetention] = useState('180');
  const [error, setError] = useState<BridgeError | null>(null);
  const [notice, setNotice] = useState('');

  useEffect(() => {
    void bridge.getHistorySettings({}).then((result) => {
      if (!result.ok) return setError(result.error);
      setSettings(result.value);
      setDisplayName(result.value.displayName);
      setRetention(String(result.value.retentionDays));
    });
  }, [bridge]);

  // What the organisation's policy fixes here (issue 21.1); main refuses the same anyway.
  const policy = usePolicy();
  const applied = policy.state === 'applied' ? policy : undefined;
  const locked = policy.state === 'locked';
  const minDays = applied?.minRetentionDays ?? 1;
  const policyName = applied?.displayName;
  const mayClear = !locked && (applied?.allowClearHistory ?? true);

  const days = Number(retention);
  const retentionProblem =
    Number.isInteger(days) && days >= minDays && days <= MAX_RETENTION_DAYS
      ? null
      : `Enter a whole number of days from ${minDays} to ${MAX_RETENTION_DAYS}${applied?.minRetentionDays ? ' (your organisation keeps changes at least that long)' : ''}.`;

  const save = async () => {
    if (retentionProblem) return;
    const result = await bridge.saveHistorySettings({ displayName, retentionDays: days });
    if (!result.ok) return setError(result.error);
    setError(null);
    setSettings(result.value);
    setNotice('History settings saved. A new retention period applies from the next start of the console.');
  };

  // Main asks for the confirmation in its own dialog (issue 18): the page only asks main.
  const clear = async () => {
    const result = await bridge.clearHistory({ confirm: true });
    if (!result.ok) return setError(result.error);
    setError(null);
    if (result.value.cancelled) return setNotice('Nothing was cleared: the history is kept.');
    setNotice(
      `History cleared: ${result.value.removed} ${result.value.removed === 1 ? 'change' : 'changes'} removed; a signed record of the clearing stays in the history. Connections and their keys are unchanged.`,
    );
    onCleared();
  };

  return (
    <section className="panel" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>History settings</h2>
      {settings ? (
        <p className="hint">
          Changes are recorded as <strong>{settings.osUser}</strong> on <strong>{settings.machine}</strong>, in{' '}
          <span className="mono">{settings.folder}</span>.
        </p>
      ) : null}
      <form
        className="field-row history-settings-form"
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <div className="field">
          <label htmlFor={`${id}-name`}>Your name in the history</label>
          {policyName !== undefined ? (
            <>
              <input id={`${id}-name`} value={policyName} readOnly aria-describedby={`${id}-name-hint`} />
              <p id={`${id}-name-hint`} className="hint">
                <ManagedMark /> — every change is recorded under this name.
              </p>
            </>
          ) : (
            <>
              <input id={`${id}-name`} value={displayName} maxLength={80} onChange={(e) => setDisplayName(e.target.value)} autoComplete="name" />
              <p className="hint">Optional; shown beside your computer account name.</p>
            </>
          )}
        </div>
        <div className="field narrow">
          <label htmlFor={`${id}-days`}>Keep changes for (days)</label>
          <input
            id={`${id}-days`}
            inputMode="numeric"
            value={retention}
            onChange={(e) => setRetention(e.target.value)}
            aria-invalid={retentionProblem ? true : undefined}
            aria-describedby={`${id}-days-hint`}
          />
          <p id={`${id}-days-hint`} className={retentionProblem ? 'field-error' : 'hint'}>
            {retentionProblem ?? 'Older changes are removed when the console starts.'}
          </p>
          {applied?.minRetentionDays ? <ManagedMark detail={`at least ${applied.minRetentionDays} days`} /> : null}
        </div>
        <div className="history-filter-actions">
          <button type="submit" className="primary" disabled={!settings || locked}>
            Save settings
          </button>
        </div>
      </form>
      <p role="status" aria-live="polite" className="status-slot">
        {notice}
      </p>
      {error ? <ErrorNotice error={error} context="history" /> : null}
      <div className="button-row">
        {mayClear ? (
          <button type="button" className="danger-outline" onClick={() => void clear()}>
            Clear history…
          </button>
        ) : (
          <p className="hint">
            <ManagedMark /> — {locked ? POLICY_REFUSES.locked : POLICY_REFUSES.clearHistory}
          </p>
        )}
      </div>
    </section>
  );
}

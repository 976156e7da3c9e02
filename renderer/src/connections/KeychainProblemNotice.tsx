import { useId, useState } from 'react';
import type { BridgeError } from '../../../common/result';
import { FIX_LABELS } from '../errors/advice';
import { keychainAdvice, keychainWords } from '../errors/local-failure-words';
import { KeychainHelp } from '../ui/KeychainHelp';

// Shown when main could not ask the system keychain which connections have credentials.
// Without it the agent would see "not stored" on every connection and re-type secrets
// that are in fact safe in a keychain that is only locked or not running.
export function KeychainProblemNotice({ problem, onCheckAgain }: { problem: BridgeError; onCheckAgain: () => void }) {
  const [helpOpen, setHelpOpen] = useState(false);
  const helpId = useId();
  const help = keychainAdvice(problem).fix === 'keychain-help';
  return (
    <div className="notice notice-warning recovered-notice" role="alert">
      <p className="notice-summary">
        <span className="notice-icon" aria-hidden="true">
          ⚠
        </span>{' '}
        <strong>The system keychain cannot be used right now.</strong> Stored API keys and secrets cannot be read, and new ones cannot be saved.
      </p>
      <p className="notice-detail">{keychainWords(problem)}</p>
      <div className="notice-fixes">
        <button type="button" onClick={onCheckAgain}>
          Check the keychain again
        </button>
        {help ? (
          <button type="button" aria-expanded={helpOpen} aria-controls={helpId} onClick={() => setHelpOpen((open) => !open)}>
            {FIX_LABELS['keychain-help']}
          </button>
        ) : null}
      </div>
      {help ? <KeychainHelp id={helpId} hidden={!helpOpen} /> : null}
    </div>
  );
}

/** After a keychain failure: the keychain answers again, so what failed can be tried again. */
export function KeychainBackNotice({ onDismiss }: { onDismiss: () => void }) {
  return (
    <div className="notice notice-info" role="status">
      <p className="notice-summary">
        <strong>The system keychain is back.</strong> Stored API keys and secrets can be read and saved again: try again what did not work.
      </p>
      <button type="button" onClick={onDismiss}>
        Dismiss
      </button>
    </div>
  );
}

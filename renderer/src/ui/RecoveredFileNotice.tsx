import type { SettingsRecovery } from '../../../common/connections-contract';
import { sideFileRecoveryWords } from '../errors/local-failure-words';

// One of the console's own files was damaged and main moved it aside instead of taking it
// for an empty one (issue 17.6): the agent learns what is gone and where the old file is.
export function RecoveredFileNotice({ what, recovered, onDismiss }: { what: string; recovered: SettingsRecovery; onDismiss: () => void }) {
  return (
    <div className="notice notice-warning recovered-notice" role="alert">
      <p className="notice-summary">
        <span className="notice-icon" aria-hidden="true">
          ⚠
        </span>{' '}
        {sideFileRecoveryWords(what, recovered)}
      </p>
      <button type="button" onClick={onDismiss}>
        Dismiss
      </button>
    </div>
  );
}

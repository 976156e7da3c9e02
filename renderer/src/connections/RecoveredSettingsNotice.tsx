import type { ConnectionsState } from '../../../common/connections-contract';
import { recoveryWords } from '../errors/local-failure-words';

// Shown when main found the settings file unreadable and moved it aside: the agent must
// know their connections may be gone, and where the old file is.
export function RecoveredSettingsNotice({ recovered, onDismiss }: { recovered: NonNullable<ConnectionsState['recovered']>; onDismiss: () => void }) {
  return (
    <div className="notice notice-warning recovered-notice" role="alert">
      <p className="notice-summary">
        <span className="notice-icon" aria-hidden="true">
          ⚠
        </span>{' '}
        <strong>The console's settings could not be read.</strong> {recoveryWords(recovered)}
      </p>
      <p className="notice-detail">
        The old settings file was moved to <code>{recovered.movedTo}</code>.
      </p>
      <button type="button" onClick={onDismiss}>
        Dismiss
      </button>
    </div>
  );
}

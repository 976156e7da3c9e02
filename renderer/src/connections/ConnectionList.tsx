import type { ConnectionSummary } from '../../../common/connections-contract';
import { environmentLabel } from '../header/environment-label';
import { ManagedMark } from '../policy/ManagedMark';
import { KEYCHAIN_UNREADABLE, NOT_STORED, NOT_STORED_MANAGED, STORED_IN_KEYCHAIN } from './credential-status';

// The saved connections, each with its environment in words, whether its credentials are
// in the keychain (never the credentials themselves), and its actions.

type ConnectionListProps = {
  connections: ConnectionSummary[];
  activeConnectionId: string | null;
  /** The keychain could not be asked: "not stored" would be a guess, and a misleading one. */
  keychainUnreadable?: boolean;
  busy: boolean;
  onUse: (connection: ConnectionSummary) => void;
  onEdit: (connection: ConnectionSummary) => void;
  onDelete: (connection: ConnectionSummary) => void;
  /** A connection the organisation set up: the agent enters (or replaces) only its key and secret. */
  onEnterCredentials: (connection: ConnectionSummary) => void;
};

export function ConnectionList({
  connections,
  activeConnectionId,
  keychainUnreadable = false,
  busy,
  onUse,
  onEdit,
  onDelete,
  onEnterCredentials,
}: ConnectionListProps) {
  return (
    <ul className="connection-list" aria-label="Saved connections">
      {connections.map((connection) => {
        const active = connection.id === activeConnectionId;
        const label = environmentLabel(connection);
        return (
          <li key={connection.id} className={active ? 'connection-card is-active' : 'connection-card'}>
            <div className="connection-card-head">
              <h3>{connection.name}</h3>
              <span className={`env-chip env-${label.tone}`}>{label.short}</span>
              {active ? <span className="active-chip">✓ Active connection</span> : null}
              {connection.managed ? <ManagedMark /> : null}
            </div>
            <dl className="connection-facts">
              <dt>Base URL</dt>
              <dd className="mono">{connection.baseUrl}</dd>
              <dt>Client ID</dt>
              <dd className="mono">{connection.clientId}</dd>
              <dt>API key and secret</dt>
              <dd>
                {connection.hasCredentials
                  ? STORED_IN_KEYCHAIN
                  : keychainUnreadable
                    ? KEYCHAIN_UNREADABLE
                    : connection.managed
                      ? NOT_STORED_MANAGED
                      : NOT_STORED}
              </dd>
            </dl>
            <div className="button-row">
              {!active ? (
                <button type="button" className="primary" disabled={busy} onClick={() => onUse(connection)} aria-label={`Use ${connection.name}`}>
                  Use
                </button>
              ) : null}
              {connection.managed ? (
                // Its fields are the policy's: not editable or deletable here (main refuses too).
                <button type="button" disabled={busy} onClick={() => onEnterCredentials(connection)}>
                  {connection.hasCredentials ? `Replace key and secret of ${connection.name}` : `Enter API key and secret for ${connection.name}`}
                </button>
              ) : (
                <>
                  <button type="button" disabled={busy} onClick={() => onEdit(connection)} aria-label={`Edit ${connection.name}`}>
                    Edit
                  </button>
                  <button
                    type="button"
                    className="danger-outline"
                    disabled={busy}
                    onClick={() => onDelete(connection)}
                    aria-label={`Delete ${connection.name}`}
                  >
                    Delete
                  </button>
                </>
              )}
            </div>
          </li>
        );
      })}
    </ul>
  );
}

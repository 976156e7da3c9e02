import { useEffect, useId, type ReactNode } from 'react';
import type { ConnectionSummary } from '../../../common/connections-contract';
import { PRODUCT_NAME } from '../../../common/product';
import { EnvironmentBand } from './EnvironmentBand';
import { environmentLabel } from './environment-label';

// Always on screen: which connection every action goes to, and its environment. The
// window title repeats the environment so it shows in the task switcher too. With more
// than one connection the name is a switcher; switching asks first about unsent edits
// (the caller's onSwitch goes through the unsaved-changes guard).

type AppHeaderProps = {
  activeConnection: ConnectionSummary | null;
  connections?: ConnectionSummary[];
  onSwitch?: (connection: ConnectionSummary) => void;
  onShowShortcuts?: () => void;
  /** Quiet status shown beside the connection, e.g. the team log's (team-log/TeamLogIndicator.tsx). */
  status?: ReactNode;
};

export function AppHeader({ activeConnection, connections = [], onSwitch, onShowShortcuts, status }: AppHeaderProps) {
  const switcherId = useId();
  const consoleTitle = activeConnection ? `${PRODUCT_NAME} — ${activeConnection.name} (${environmentLabel(activeConnection).short})` : PRODUCT_NAME;
  // Never a reader's name: the OS and Chromium keep window titles in the clear (window
  // lists, session files), and readers' data is kept only sealed (issue 18).
  const windowTitle = consoleTitle;
  useEffect(() => {
    document.title = windowTitle;
  }, [windowTitle]);
  const canSwitch = activeConnection !== null && onSwitch !== undefined && connections.length > 1;

  return (
    <header className="app-header">
      <div className="app-header-row">
        <h1 className="app-title">{PRODUCT_NAME}</h1>
        <div className="active-connection">
          {activeConnection ? (
            <>
              {canSwitch ? (
                <>
                  <label htmlFor={switcherId} className="active-connection-label">
                    Connection:
                  </label>{' '}
                  <select
                    id={switcherId}
                    className="connection-switcher"
                    value={activeConnection.id}
                    onChange={(event) => {
                      const chosen = connections.find((connection) => connection.id === event.target.value);
                      if (chosen) onSwitch(chosen);
                    }}
                  >
                    {connections.map((connection) => (
                      <option key={connection.id} value={connection.id}>
                        {connection.name} ({environmentLabel(connection).short})
                      </option>
                    ))}
                  </select>
                </>
              ) : (
                <>
                  <span className="active-connection-label">Connection:</span> <strong>{activeConnection.name}</strong>{' '}
                  <span className="active-connection-env">({environmentLabel(activeConnection).short})</span>
                </>
              )}{' '}
              <span className="active-connection-url">{activeConnection.baseUrl}</span>
            </>
          ) : (
            <span>No connection selected</span>
          )}
          {status}
          {onShowShortcuts ? (
            <button type="button" className="shortcuts-button" onClick={onShowShortcuts} aria-keyshortcuts="?">
              <span aria-hidden="true">?</span>
              <span className="visually-hidden">Keyboard shortcuts</span>
            </button>
          ) : null}
        </div>
      </div>
      {activeConnection ? <EnvironmentBand connection={activeConnection} /> : null}
    </header>
  );
}

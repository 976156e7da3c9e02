import { useEffect } from 'react';
import type { ConnectionSummary } from '../../../common/contract';
import { EnvironmentBand } from './EnvironmentBand';
import { environmentLabel } from './environment-label';

// Always on screen: which connection every action goes to, and its environment. The
// window title repeats the environment so it shows in the task switcher too.
export function AppHeader({ activeConnection }: { activeConnection: ConnectionSummary | null }) {
  const windowTitle = activeConnection
    ? `ConsCent Console — ${activeConnection.name} (${environmentLabel(activeConnection).short})`
    : 'ConsCent Console';
  useEffect(() => {
    document.title = windowTitle;
  }, [windowTitle]);

  return (
    <header className="app-header">
      <div className="app-header-row">
        <h1 className="app-title">ConsCent Console</h1>
        <div className="active-connection">
          {activeConnection ? (
            <>
              <span className="active-connection-label">Connection:</span>{' '}
              <strong>{activeConnection.name}</strong>{' '}
              <span className="active-connection-env">({environmentLabel(activeConnection).short})</span>{' '}
              <span className="active-connection-url">{activeConnection.baseUrl}</span>
            </>
          ) : (
            <span>No connection selected</span>
          )}
        </div>
      </div>
      {activeConnection ? <EnvironmentBand connection={activeConnection} /> : null}
    </header>
  );
}

import { useEffect } from 'react';
import type { ProfileSummary } from '../../../common/contract';
import { EnvironmentBand } from './EnvironmentBand';
import { environmentLabel } from './environment-label';

// Always on screen: which connection every action goes to, and its environment. The
// window title repeats the environment so it shows in the task switcher too.
export function AppHeader({ activeProfile }: { activeProfile: ProfileSummary | null }) {
  const windowTitle = activeProfile
    ? `ConsCent Console — ${activeProfile.name} (${environmentLabel(activeProfile).short})`
    : 'ConsCent Console';
  useEffect(() => {
    document.title = windowTitle;
  }, [windowTitle]);

  return (
    <header className="app-header">
      <div className="app-header-row">
        <h1 className="app-title">ConsCent Console</h1>
        <div className="active-connection">
          {activeProfile ? (
            <>
              <span className="active-connection-label">Connection:</span>{' '}
              <strong>{activeProfile.name}</strong>{' '}
              <span className="active-connection-env">({environmentLabel(activeProfile).short})</span>{' '}
              <span className="active-connection-url">{activeProfile.baseUrl}</span>
            </>
          ) : (
            <span>No connection selected</span>
          )}
        </div>
      </div>
      {activeProfile ? <EnvironmentBand profile={activeProfile} /> : null}
    </header>
  );
}

import { useState } from 'react';
import type { ProfileSummary, ProfilesState } from '../../common/contract';
import type { BridgeError } from '../../common/result';
import { useBridge } from './bridge/bridge-context';
import { ConnectionsScreen } from './connections/ConnectionsScreen';
import { KeychainProblemNotice } from './connections/KeychainProblemNotice';
import { RecoveredSettingsNotice } from './connections/RecoveredSettingsNotice';
import { useProfiles } from './connections/use-profiles';
import { AppHeader } from './header/AppHeader';
import { ReaderScreen } from './reader/ReaderScreen';
import { ErrorNotice } from './ui/ErrorNotice';
import { UnsavedChangesProvider, useUnsavedChanges } from './unsaved/unsaved-changes-context';

// The whole page: header with the active connection, then either the reader screen or
// Connections. With no usable connection, Connections is the only screen.

export function App() {
  return (
    <UnsavedChangesProvider>
      <ConsoleShell />
    </UnsavedChangesProvider>
  );
}

type View = 'reader' | 'connections';

function ConsoleShell() {
  const bridge = useBridge();
  const { confirmDiscard } = useUnsavedChanges();
  const { load, reload } = useProfiles();
  const [view, setView] = useState<View>('reader');
  const [dismissedRecovery, setDismissedRecovery] = useState<string | null>(null);
  const [switchError, setSwitchError] = useState<BridgeError | null>(null);

  if (load.status === 'loading') {
    return (
      <main className="app-main">
        <p role="status">Loading connections…</p>
      </main>
    );
  }
  if (load.status === 'failed') {
    return (
      <>
        <AppHeader activeProfile={null} />
        <main className="app-main">
          <ErrorNotice error={load.error} context="profiles" title="The saved connections could not be loaded.">
            <button type="button" onClick={() => void reload()}>
              Try again
            </button>
          </ErrorNotice>
        </main>
      </>
    );
  }

  const state = load.state;
  const active = state.profiles.find((profile) => profile.id === state.activeProfileId) ?? null;
  const showConnections = view === 'connections' || !active;

  const activate = async (profile: ProfileSummary) => {
    const result = await bridge.selectProfile({ id: profile.id });
    if (!result.ok) {
      setSwitchError(result.error);
      return;
    }
    setSwitchError(null);
    await reload();
    setView('reader');
  };

  const onSaved = (saved: ProfileSummary, reloaded: ProfilesState | null) => {
    // The first connection becomes the active one, and the agent goes straight to work.
    if (reloaded && reloaded.activeProfileId === null) void activate(saved);
  };

  const recovered = state.recovered && state.recovered.movedTo !== dismissedRecovery ? state.recovered : null;

  return (
    <>
      <AppHeader activeProfile={active} />
      {recovered ? (
        <RecoveredSettingsNotice recovered={recovered} onDismiss={() => setDismissedRecovery(recovered.movedTo)} />
      ) : null}
      {state.keychainProblem ? <KeychainProblemNotice message={state.keychainProblem} onCheckAgain={() => void reload()} /> : null}
      {active ? (
        <nav className="app-nav" aria-label="Screens">
          <button type="button" aria-current={!showConnections ? 'page' : undefined} onClick={() => setView('reader')}>
            Readers
          </button>
          <button type="button" aria-current={showConnections ? 'page' : undefined} onClick={() => setView('connections')}>
            Connections
          </button>
        </nav>
      ) : null}
      <main className="app-main">
        {switchError ? (
          <ErrorNotice error={switchError} context="profiles" title="The connection could not be switched." />
        ) : null}
        {showConnections ? (
          <ConnectionsScreen
            state={state}
            reload={reload}
            onUse={(profile) => confirmDiscard(() => void activate(profile))}
            onSaved={onSaved}
          />
        ) : null}
        {/* Kept mounted (only hidden) while Connections is open, so edits survive a look at
            the connections; keyed by connection so switching starts clean. */}
        {active ? (
          <div hidden={showConnections}>
            <ReaderScreen key={active.id} profile={active} />
          </div>
        ) : null}
      </main>
    </>
  );
}

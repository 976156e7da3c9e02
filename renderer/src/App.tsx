import { useEffect, useMemo, useRef, useState } from 'react';
import type { ConnectionSummary, ConnectionsState } from '../../common/connections-contract';
import type { HistoryFilter, RevertPlan } from '../../common/history-schemas';
import type { BridgeError } from '../../common/result';
import { useBridge } from './bridge/bridge-context';
import { KeychainBackNotice, KeychainProblemNotice } from './connections/KeychainProblemNotice';
import { RecoveredSettingsNotice } from './connections/RecoveredSettingsNotice';
import { useConnections } from './connections/use-connections';
import { useKeychainBack } from './connections/use-keychain-back';
import { AppHeader } from './header/AppHeader';
import { HistoryNavigationProvider, type HistoryNavigation } from './history/history-navigation';
import { CommandBus, CommandProvider, useCommand } from './keyboard/commands';
import { ShortcutsDialog } from './keyboard/ShortcutsDialog';
import { useShortcuts } from './keyboard/use-shortcuts';
import { LinkDialog } from './links/LinkDialog';
import { useReaderLinks } from './links/use-reader-links';
import { BulkScreen, ConnectionsScreen, HistoryScreen } from './lazy-screens';
import { ReaderScreen } from './reader/ReaderScreen';
import { AppFixesProvider, type FixHandlers } from './errors/error-fixes';
import { ErrorNotice } from './ui/ErrorNotice';
import { UnsavedChangesProvider, useUnsavedChanges } from './unsaved/unsaved-changes-context';
import { TeamLogIndicator } from './team-log/TeamLogIndicator';
import { PolicyLockedNotice } from './policy/PolicyLockedNotice';
import { PolicyProvider, usePolicy } from './policy/use-policy';

// The whole page: header with the active connection (and the switcher), then the reader
// screen, History or Connections. With no usable connection, Connections is the only
// screen. Shortcuts, menu commands and conscent-console:// links are taken here.

export function App() {
  const [bus] = useState(() => new CommandBus());
  return (
    <CommandProvider bus={bus}>
      <UnsavedChangesProvider>
        <PolicyProvider>
          <ConsoleShell bus={bus} />
        </PolicyProvider>
      </UnsavedChangesProvider>
    </CommandProvider>
  );
}

type View = 'reader' | 'history' | 'bulk' | 'connections';

function ConsoleShell({ bus }: { bus: CommandBus }) {
  const bridge = useBridge();
  const { confirmDiscard } = useUnsavedChanges();
  const { load, reload } = useConnections();
  const keychainBack = useKeychainBack(reload);
  const policy = usePolicy();
  // The policy's connections come and go with it: the list is read again when it changes.
  useEffect(
    () =>
      bridge.onAppEvent((event) => {
        if (event.kind === 'policy-changed') void reload();
      }),
    [bridge, reload],
  );
  const [view, setView] = useState<View>('reader');
  const [dismissedRecovery, setDismissedRecovery] = useState<string | null>(null);
  const [switchError, setSwitchError] = useState<BridgeError | null>(null);
  const [historyFilter, setHistoryFilter] = useState<{ filter: HistoryFilter; key: number }>({ filter: {}, key: 0 });
  // A revert opens a fresh reader screen (a new generation) on the change's reader.
  const [revert, setRevert] = useState<{ plan: RevertPlan | null; generation: number }>({ plan: null, generation: 0 });
  // The links' lookup, set once they exist (below): History's "Look the reader up now" runs it.
  const lookUpHere = useRef<(query: string) => void>(() => undefined);
  const navigation = useMemo<HistoryNavigation>(
    () => ({
      showHistory: (filter) => {
        setHistoryFilter((previous) => ({ filter, key: previous.key + 1 }));
        setView('history');
      },
      // Opening the reader for a revert replaces the one on screen: ask about unsent edits first.
      startRevert: (plan) =>
        confirmDiscard(() => {
          setRevert((previous) => ({ plan, generation: previous.generation + 1 }));
          setView('reader');
        }),
      // Replaces the reader on screen too: ask about unsent edits first.
      checkReader: (userId) => confirmDiscard(() => lookUpHere.current(userId)),
    }),
    [confirmDiscard],
  );

  const ready = load.status === 'ready' ? load.state : null;
  const activeNow = ready?.connections.find((connection) => connection.id === ready.activeConnectionId) ?? null;
  const [focusSearchKey, setFocusSearchKey] = useState(0);
  const [showShortcuts, setShowShortcuts] = useState(false);
  useShortcuts(bus);
  useCommand('focus-search', () => {
    if (!activeNow) return;
    setView('reader');
    setFocusSearchKey((n) => n + 1);
  });
  useCommand('show-shortcuts', () => setShowShortcuts(true));
  const links = useReaderLinks({
    bus,
    state: ready,
    active: activeNow,
    activate: (connection) => activate(connection),
    showReaders: () => setView('reader'),
  });
  useEffect(() => {
    lookUpHere.current = links.lookUpHere;
  });

  /** Makes `connection` the active one; false (with the reason on screen) when main refused. */
  const activate = async (connection: ConnectionSummary): Promise<boolean> => {
    const result = await bridge.selectConnection({ id: connection.id });
    if (!result.ok) {
      setSwitchError(result.error);
      return false;
    }
    setSwitchError(null);
    await reload();
    setView('reader');
    return true;
  };
  const shortcutsDialog = showShortcuts ? <ShortcutsDialog onClose={() => setShowShortcuts(false)} /> : null;

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
        <AppHeader activeConnection={null} onShowShortcuts={() => setShowShortcuts(true)} />
        {shortcutsDialog}
        <main className="app-main">
          <ErrorNotice
            error={load.error}
            context="connections"
            title="The saved connections could not be loaded."
            fixes={{ 'try-again': () => void reload() }}
          />
        </main>
      </>
    );
  }

  const state = load.state;
  const active = state.connections.find((connection) => connection.id === state.activeConnectionId) ?? null;
  // The organisation's connection without its key yet (first start): the key comes first.
  const needsKey = active?.managed === true && !active.hasCredentials && !state.keychainProblem;
  const showConnections = view === 'connections' || !active || needsKey;
  const showHistory = view === 'history' && active !== null;
  const showBulk = view === 'bulk' && active !== null;
  const showReader = !showConnections && !showHistory && !showBulk;

  const onSaved = (saved: ConnectionSummary, reloaded: ConnectionsState | null) => {
    // The first connection becomes the active one, and the agent goes straight to work.
    if (reloaded && reloaded.activeConnectionId === null) void activate(saved);
  };

  const recovered = state.recovered && state.recovered.movedTo !== dismissedRecovery ? state.recovered : null;
  // An error's "Open connection settings": the reader screen stays mounted, so edits survive.
  const appFixes: FixHandlers = showConnections ? {} : { 'open-connection-settings': () => setView('connections') };

  return (
    <AppFixesProvider value={appFixes}>
      <AppHeader
        activeConnection={active}
        connections={state.connections}
        onSwitch={(connection) => confirmDiscard(() => void activate(connection))}
        onShowShortcuts={() => setShowShortcuts(true)}
        status={<TeamLogIndicator />}
      />
      {shortcutsDialog}
      {links.question ? <LinkDialog question={links.question} onOpen={links.openLink} onStay={links.stayHere} /> : null}
      {recovered ? <RecoveredSettingsNotice recovered={recovered} onDismiss={() => setDismissedRecovery(recovered.movedTo)} /> : null}
      {policy.state === 'locked' ? <PolicyLockedNotice policy={policy} /> : null}
      {state.keychainProblem ? <KeychainProblemNotice problem={state.keychainProblem} onCheckAgain={() => void reload()} /> : null}
      {keychainBack.back && !state.keychainProblem ? <KeychainBackNotice onDismiss={keychainBack.dismiss} /> : null}
      {active ? (
        <nav className="app-nav" aria-label="Screens">
          <button type="button" aria-current={showReader ? 'page' : undefined} onClick={() => setView('reader')}>
            Readers
          </button>
          <button type="button" aria-current={showHistory ? 'page' : undefined} onClick={() => navigation.showHistory({})}>
            History
          </button>
          <button type="button" aria-current={showBulk ? 'page' : undefined} onClick={() => setView('bulk')}>
            Bulk
          </button>
          <button type="button" aria-current={showConnections ? 'page' : undefined} onClick={() => setView('connections')}>
            Connections
          </button>
        </nav>
      ) : null}
      <main className="app-main">
        {links.notice ? (
          <div
            className={`notice ${links.notice.tone === 'error' ? 'notice-error' : 'notice-info'}`}
            role={links.notice.tone === 'error' ? 'alert' : 'status'}
          >
            <p className="notice-summary">{links.notice.text}</p>
            <button type="button" onClick={links.dismissNotice}>
              Dismiss
            </button>
          </div>
        ) : null}
        {switchError ? <ErrorNotice error={switchError} context="connections" title="The connection could not be switched." /> : null}
        {showConnections && load.keychainPending ? <p role="status">Asking the keychain which connections have a key…</p> : null}
        {showConnections && !load.keychainPending ? (
          <ConnectionsScreen
            // A policy connection made active without its key opens straight on the key form.
            key={needsKey ? `key-for-${active.id}` : 'connections'}
            state={state}
            reload={reload}
            onUse={(connection) => confirmDiscard(() => void activate(connection))}
            onSaved={onSaved}
          />
        ) : null}
        {showHistory ? (
          <HistoryNavigationProvider value={navigation}>
            <HistoryScreen key={historyFilter.key} initialFilter={historyFilter.filter} activeConnectionId={active.id} />
          </HistoryNavigationProvider>
        ) : null}
        {showBulk ? <BulkScreen key={active.id} connection={active} /> : null}
        {/* Kept mounted (only hidden) while another screen is open, so edits survive a look at
            the connections or the history; keyed by connection so switching starts clean. */}
        {active ? (
          <div hidden={!showReader}>
            <HistoryNavigationProvider value={navigation}>
              <ReaderScreen
                key={`${active.id}/${revert.generation}`}
                connection={active}
                initialRevert={revert.plan?.entry.connection.connectionId === active.id ? revert.plan : null}
                onRevertDone={() => setRevert((previous) => ({ ...previous, plan: null }))}
                linkLookup={links.linkLookup}
                onLinkLookupTaken={links.takeLinkLookup}
                focusSearchKey={focusSearchKey}
                active={showReader}
              />
            </HistoryNavigationProvider>
          </div>
        ) : null}
      </main>
    </AppFixesProvider>
  );
}

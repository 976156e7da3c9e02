import { useLayoutEffect, useRef, useState } from 'react';
import type { ConnectionSummary, ConnectionsState } from '../../../common/connections-contract';
import type { BridgeError } from '../../../common/result';
import { useBridge } from '../bridge/bridge-context';
import { useUnsavedChanges } from '../unsaved/unsaved-changes-context';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { ErrorNotice } from '../ui/ErrorNotice';
import { ConnectionForm } from './ConnectionForm';
import { ConnectionList } from './ConnectionList';
import { PresetCredentialsForm } from './PresetCredentialsForm';
import { usePolicy } from '../policy/use-policy';
import { ManagedMark } from '../policy/ManagedMark';
import { POLICY_REFUSES } from '../policy/policy-text';

// Connections: list, create, edit, switch and delete. With no connection at all the form
// is shown straight away (first run).

type ConnectionsScreenProps = {
  state: ConnectionsState;
  /** Reloads the list from main after any change. */
  reload: () => Promise<ConnectionsState | null>;
  /** Makes a connection the active one (guarded against losing unsent edits by the caller). */
  onUse: (connection: ConnectionSummary) => void;
  /** A connection was saved; `state` is the list as reloaded right after. */
  onSaved: (saved: ConnectionSummary, state: ConnectionsState | null) => void;
};

type Mode =
  { kind: 'list' } | { kind: 'new' } | { kind: 'edit'; connection: ConnectionSummary } | { kind: 'credentials'; connection: ConnectionSummary };

export function ConnectionsScreen({ state, reload, onUse, onSaved }: ConnectionsScreenProps) {
  const bridge = useBridge();
  const { confirmDiscard } = useUnsavedChanges();
  const policy = usePolicy();
  // Main refuses a new connection then anyway; the page does not offer one.
  const mayAdd = policy.state === 'none' || (policy.state === 'applied' && policy.allowOwnConnections);
  const firstRun = state.connections.length === 0 && mayAdd;
  // First start with the organisation's connection: only its key and secret are asked for.
  const activeNeedsKey = state.connections.find(
    (c) => c.id === state.activeConnectionId && c.managed && !c.hasCredentials && state.keychainProblem === undefined,
  );
  const [mode, setMode] = useState<Mode>(activeNeedsKey ? { kind: 'credentials', connection: activeNeedsKey } : { kind: 'list' });
  const [deleting, setDeleting] = useState<ConnectionSummary | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState('');
  const [error, setError] = useState<BridgeError | null>(null);
  const messageRef = useRef<HTMLParagraphElement>(null);

  useLayoutEffect(() => {
    if (message) messageRef.current?.focus();
  }, [message]);

  const showForm = firstRun || mode.kind !== 'list';

  const handleSaved = async (saved: ConnectionSummary) => {
    const reloaded = await reload();
    setMode({ kind: 'list' });
    setError(null);
    setMessage(
      saved.managed
        ? `The API key and secret for “${saved.name}” are stored in the system keychain.`
        : saved.hasCredentials
          ? `Connection “${saved.name}” saved. Its API key and secret are stored in the system keychain.`
          : `Connection “${saved.name}” saved.`,
    );
    onSaved(saved, reloaded);
  };

  const requestDelete = (connection: ConnectionSummary) => {
    setMessage('');
    // Deleting the active connection ends the current reader's session: guard its edits.
    if (connection.id === state.activeConnectionId) confirmDiscard(() => setDeleting(connection));
    else setDeleting(connection);
  };

  const confirmDelete = async () => {
    const connection = deleting;
    setDeleting(null);
    if (!connection) return;
    setBusy(true);
    const result = await bridge.deleteConnection({ id: connection.id });
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setError(null);
    await reload();
    setMessage(`Connection “${connection.name}” deleted, with its API key and secret.`);
  };

  return (
    <div className="connections-screen">
      {mode.kind === 'credentials' ? (
        <PresetCredentialsForm
          key={mode.connection.id}
          connection={mode.connection}
          onSaved={(saved) => void handleSaved(saved)}
          {...(activeNeedsKey?.id === mode.connection.id ? {} : { onCancel: () => setMode({ kind: 'list' }) })}
        />
      ) : showForm ? (
        <ConnectionForm
          key={mode.kind === 'edit' ? mode.connection.id : 'new'}
          {...(mode.kind === 'edit' ? { editing: mode.connection } : {})}
          onSaved={(saved) => void handleSaved(saved)}
          {...(firstRun ? {} : { onCancel: () => setMode({ kind: 'list' }) })}
        />
      ) : (
        <section className="panel" aria-labelledby="connections-heading">
          <div className="panel-head">
            <h2 id="connections-heading">Connections</h2>
            {mayAdd ? (
              <button
                type="button"
                onClick={() => {
                  setMessage('');
                  setMode({ kind: 'new' });
                }}
              >
                Add connection
              </button>
            ) : null}
          </div>
          {state.connections.length === 0 && !mayAdd ? (
            <p className="hint">
              {policy.state === 'locked'
                ? 'No connection can be added while your organisation’s policy is locked.'
                : 'Your organisation has set up no connection for this console yet.'}
            </p>
          ) : null}
          {policy.state === 'applied' && !policy.allowOwnConnections ? (
            <p className="hint">
              <ManagedMark /> — {POLICY_REFUSES.ownConnections}
            </p>
          ) : null}
          <div role="status" aria-live="polite" className="status-slot">
            {message ? (
              <p ref={messageRef} tabIndex={-1} className="notice notice-success">
                <span aria-hidden="true">✓</span> {message}
              </p>
            ) : null}
          </div>
          {error ? <ErrorNotice error={error} context="connections" /> : null}
          <ConnectionList
            connections={state.connections}
            activeConnectionId={state.activeConnectionId}
            keychainUnreadable={state.keychainProblem !== undefined}
            busy={busy}
            onUse={onUse}
            onEdit={(connection) => {
              setMessage('');
              setMode({ kind: 'edit', connection });
            }}
            onDelete={requestDelete}
            onEnterCredentials={(connection) => {
              setMessage('');
              setMode({ kind: 'credentials', connection });
            }}
          />
        </section>
      )}
      {deleting ? (
        <ConfirmDialog
          title={`Delete connection “${deleting.name}”?`}
          confirmLabel="Delete connection"
          cancelLabel="Keep it"
          destructive
          onConfirm={() => void confirmDelete()}
          onCancel={() => setDeleting(null)}
        >
          <p>The connection and its API key and secret (in the system keychain) are removed from this computer. ConsCent itself is not changed.</p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}

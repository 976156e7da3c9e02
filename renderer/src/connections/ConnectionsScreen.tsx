import { useLayoutEffect, useRef, useState } from 'react';
import type { ConnectionSummary, ConnectionsState } from '../../../common/connections-contract';
import type { BridgeError } from '../../../common/result';
import { useBridge } from '../bridge/bridge-context';
import { useUnsavedChanges } from '../unsaved/unsaved-changes-context';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { ErrorNotice } from '../ui/ErrorNotice';
import { ConnectionForm } from './ConnectionForm';
import { ConnectionList } from './ConnectionList';

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

type Mode = { kind: 'list' } | { kind: 'new' } | { kind: 'edit'; connection: ConnectionSummary };

export function ConnectionsScreen({ state, reload, onUse, onSaved }: ConnectionsScreenProps) {
  const bridge = useBridge();
  const { confirmDiscard } = useUnsavedChanges();
  const firstRun = state.connections.length === 0;
  const [mode, setMode] = useState<Mode>({ kind: 'list' });
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
      saved.hasCredentials
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
      {showForm ? (
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
            <button
              type="button"
              onClick={() => {
                setMessage('');
                setMode({ kind: 'new' });
              }}
            >
              Add connection
            </button>
          </div>
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

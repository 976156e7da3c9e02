import { useLayoutEffect, useRef, useState } from 'react';
import type { ProfileSummary, ProfilesState } from '../../../common/contract';
import type { BridgeError } from '../../../common/result';
import { useBridge } from '../bridge/bridge-context';
import { useUnsavedChanges } from '../unsaved/unsaved-changes-context';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { ErrorNotice } from '../ui/ErrorNotice';
import { ProfileForm } from './ProfileForm';
import { ProfileList } from './ProfileList';

// Connections: list, create, edit, switch and delete. With no connection at all the form
// is shown straight away (first run).

type ConnectionsScreenProps = {
  state: ProfilesState;
  /** Reloads the list from main after any change. */
  reload: () => Promise<ProfilesState | null>;
  /** Makes a connection the active one (guarded against losing unsent edits by the caller). */
  onUse: (profile: ProfileSummary) => void;
  /** A connection was saved; `state` is the list as reloaded right after. */
  onSaved: (saved: ProfileSummary, state: ProfilesState | null) => void;
};

type Mode = { kind: 'list' } | { kind: 'new' } | { kind: 'edit'; profile: ProfileSummary };

export function ConnectionsScreen({ state, reload, onUse, onSaved }: ConnectionsScreenProps) {
  const bridge = useBridge();
  const { confirmDiscard } = useUnsavedChanges();
  const firstRun = state.profiles.length === 0;
  const [mode, setMode] = useState<Mode>({ kind: 'list' });
  const [deleting, setDeleting] = useState<ProfileSummary | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState('');
  const [error, setError] = useState<BridgeError | null>(null);
  const messageRef = useRef<HTMLParagraphElement>(null);

  useLayoutEffect(() => {
    if (message) messageRef.current?.focus();
  }, [message]);

  const showForm = firstRun || mode.kind !== 'list';

  const handleSaved = async (saved: ProfileSummary) => {
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

  const requestDelete = (profile: ProfileSummary) => {
    setMessage('');
    // Deleting the active connection ends the current reader's session: guard its edits.
    if (profile.id === state.activeProfileId) confirmDiscard(() => setDeleting(profile));
    else setDeleting(profile);
  };

  const confirmDelete = async () => {
    const profile = deleting;
    setDeleting(null);
    if (!profile) return;
    setBusy(true);
    const result = await bridge.deleteProfile({ id: profile.id });
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setError(null);
    await reload();
    setMessage(`Connection “${profile.name}” deleted, with its API key and secret.`);
  };

  return (
    <div className="connections-screen">
      {showForm ? (
        <ProfileForm
          key={mode.kind === 'edit' ? mode.profile.id : 'new'}
          {...(mode.kind === 'edit' ? { editing: mode.profile } : {})}
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
          {error ? <ErrorNotice error={error} context="profiles" /> : null}
          <ProfileList
            profiles={state.profiles}
            activeProfileId={state.activeProfileId}
            keychainUnreadable={state.keychainProblem !== undefined}
            busy={busy}
            onUse={onUse}
            onEdit={(profile) => {
              setMessage('');
              setMode({ kind: 'edit', profile });
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
          <p>
            The connection and its API key and secret (in the system keychain) are removed from this computer. ConsCent
            itself is not changed.
          </p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}

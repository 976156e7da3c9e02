import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { useBeforeUnload } from './use-before-unload';

// Guards every action that would throw away unsent edits (new lookup, another match,
// switching or deleting the connection, closing the window): such actions go through
// confirmDiscard, which asks in an in-app dialog first. The edit form registers a check
// function instead of pushing a "dirty" flag up, so the question is always answered from
// the form's values at that very moment, never from a render that has not happened yet.
// The form also says when a save is on its way and how it ended, so what arrives on its own
// (a conscent-console:// link) can wait for the outcome instead of cutting across it.

/** A save of the edit form: on its way, or how the last one ended (null: none yet). */
export type SaveState = { inFlight: boolean; outcome: 'saved' | 'not-saved' | null };

type UnsavedChanges = {
  /** The edit form says how to tell whether it has unsent changes; returns "unregister". */
  registerUnsentCheck: (check: () => boolean) => () => void;
  /** Runs `action` now when nothing is unsent; otherwise asks, and runs it only on "Discard". */
  confirmDiscard: (action: () => void) => void;
  /** Whether the open form has unsent changes, right now. */
  hasUnsentChanges: () => boolean;
  /** Whether the "Discard unsent changes?" question is open, right now. */
  isAsking: () => boolean;
  /** The edit form reports a save: started (true) or ended with an outcome. */
  reportSave: (event: true | 'saved' | 'not-saved') => void;
  /** Whether a save is on its way, right now (a ref: no render needed). */
  isSaving: () => boolean;
  /** The save and the discard question as state, for effects that wait for both to end. */
  save: SaveState;
  asking: boolean;
};

const UnsavedChangesContext = createContext<UnsavedChanges | null>(null);

export function UnsavedChangesProvider({ children }: { children: ReactNode }) {
  const checkRef = useRef<(() => boolean) | null>(null);
  const [formOpen, setFormOpen] = useState(false);
  const [pendingAction, setPendingAction] = useState<(() => void) | null>(null);
  const askingRef = useRef(false);
  const savingRef = useRef(false);
  const [save, setSave] = useState<SaveState>({ inFlight: false, outcome: null });

  const hasUnsentChanges = useCallback(() => checkRef.current?.() ?? false, []);
  useBeforeUnload(formOpen, hasUnsentChanges);

  const registerUnsentCheck = useCallback((check: () => boolean) => {
    checkRef.current = check;
    setFormOpen(true);
    return () => {
      if (checkRef.current !== check) return;
      checkRef.current = null;
      setFormOpen(false);
    };
  }, []);

  const confirmDiscard = useCallback(
    (action: () => void) => {
      if (!hasUnsentChanges()) action();
      else {
        askingRef.current = true;
        // Stored wrapped: a bare function passed to setState would be called as an updater.
        setPendingAction(() => action);
      }
    },
    [hasUnsentChanges],
  );

  const reportSave = useCallback((event: true | 'saved' | 'not-saved') => {
    savingRef.current = event === true;
    setSave(event === true ? { inFlight: true, outcome: null } : { inFlight: false, outcome: event });
  }, []);
  const isSaving = useCallback(() => savingRef.current, []);
  const isAsking = useCallback(() => askingRef.current, []);

  const asking = pendingAction !== null;
  const value = useMemo(
    () => ({ registerUnsentCheck, confirmDiscard, hasUnsentChanges, isAsking, reportSave, isSaving, save, asking }),
    [registerUnsentCheck, confirmDiscard, hasUnsentChanges, isAsking, reportSave, isSaving, save, asking],
  );

  const close = () => {
    askingRef.current = false;
    setPendingAction(null);
  };
  const discard = () => {
    const action = pendingAction;
    close();
    action?.();
  };

  return (
    <UnsavedChangesContext.Provider value={value}>
      {children}
      {pendingAction ? (
        <ConfirmDialog
          title="Discard unsent changes?"
          confirmLabel="Discard changes"
          cancelLabel="Keep editing"
          destructive
          onConfirm={discard}
          onCancel={close}
        >
          <p>The changes you made to this reader have not been sent to ConsCent. If you continue, they are lost.</p>
        </ConfirmDialog>
      ) : null}
    </UnsavedChangesContext.Provider>
  );
}

export function useUnsavedChanges(): UnsavedChanges {
  const context = useContext(UnsavedChangesContext);
  if (!context) throw new Error('useUnsavedChanges must be used inside <UnsavedChangesProvider>.');
  return context;
}

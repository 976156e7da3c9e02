import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { useBeforeUnload } from './use-before-unload';

// Guards every action that would throw away unsent edits (new lookup, another match,
// switching or deleting the connection, closing the window): such actions go through
// confirmDiscard, which asks in an in-app dialog first. The edit form registers a check
// function instead of pushing a "dirty" flag up, so the question is always answered from
// the form's values at that very moment, never from a render that has not happened yet.

type UnsavedChanges = {
  /** The edit form says how to tell whether it has unsent changes; returns "unregister". */
  registerUnsentCheck: (check: () => boolean) => () => void;
  /** Runs `action` now when nothing is unsent; otherwise asks, and runs it only on "Discard". */
  confirmDiscard: (action: () => void) => void;
};

const UnsavedChangesContext = createContext<UnsavedChanges | null>(null);

export function UnsavedChangesProvider({ children }: { children: ReactNode }) {
  const checkRef = useRef<(() => boolean) | null>(null);
  const [formOpen, setFormOpen] = useState(false);
  const [pendingAction, setPendingAction] = useState<(() => void) | null>(null);

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
      // Stored wrapped: a bare function passed to setState would be called as an updater.
      else setPendingAction(() => action);
    },
    [hasUnsentChanges],
  );

  const value = useMemo(() => ({ registerUnsentCheck, confirmDiscard }), [registerUnsentCheck, confirmDiscard]);

  const discard = () => {
    const action = pendingAction;
    setPendingAction(null);
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
          onCancel={() => setPendingAction(null)}
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

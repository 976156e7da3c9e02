import { useEffect } from 'react';

// While an edit form is open, closing or reloading the window asks first if it has unsent
// changes. Whether it has is asked at the moment of closing (not from the last render),
// so the answer is never stale. The page can only signal (preventDefault + returnValue);
// the main process turns the signal into a native "Leave without saving?" dialog.
export function useBeforeUnload(active: boolean, hasUnsentChanges: () => boolean): void {
  useEffect(() => {
    if (!active) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (!hasUnsentChanges()) return;
      event.preventDefault();
      // Legacy signal still honoured by Chromium; any non-empty value means "ask".
      event.returnValue = 'There are unsent changes.';
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [active, hasUnsentChanges]);
}

import { useEffect, useRef, type RefObject } from 'react';

// Ctrl+Enter (⌘+Enter on a Mac) opens the review wherever focus is on this screen,
// except while a dialog is open or the form is hidden.

const IS_MAC = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
export const SHORTCUT_LABEL = IS_MAC ? '⌘+Enter' : 'Ctrl+Enter';

export function useReviewShortcut(formRef: RefObject<HTMLFormElement | null>, openReview: () => Promise<void>): void {
  // The latest callback, without re-adding the listener on every render.
  const openReviewRef = useRef(openReview);
  useEffect(() => {
    openReviewRef.current = openReview;
  });
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Enter' || !(event.ctrlKey || event.metaKey)) return;
      const formElement = formRef.current;
      if (!formElement || formElement.closest('[hidden]') || document.querySelector('[aria-modal="true"]')) return;
      event.preventDefault();
      void openReviewRef.current();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [formRef]);
}

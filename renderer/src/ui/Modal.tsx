import { useEffect, useId, useLayoutEffect, useRef, type KeyboardEvent as ReactKeyboardEvent, type ReactNode, type RefObject } from 'react';
import { createPortal } from 'react-dom';

// An accessible modal dialog (role="dialog", aria-modal) rendered over the app. Not the
// native <dialog>: its showModal() is missing in jsdom, and this gives the same focus
// behaviour everywhere. On open, focus goes to `initialFocus` (or the heading); Tab stays
// inside; Escape calls onCancel; on close focus returns to where it was; the rest of the
// page is made inert while the dialog is open.

type ModalProps = {
  title: string;
  children: ReactNode;
  /** Escape (and the caller's cancel button) call this; omit while cancelling is not allowed. */
  onCancel?: () => void;
  /** Element to focus on open; the heading when absent. */
  initialFocus?: RefObject<HTMLElement | null>;
  role?: 'dialog' | 'alertdialog';
  className?: string;
};

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

export function Modal({ title, children, onCancel, initialFocus, role = 'dialog', className }: ModalProps) {
  const headingId = useId();
  const panelRef = useRef<HTMLDivElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const onCancelRef = useRef(onCancel);

  useEffect(() => {
    onCancelRef.current = onCancel;
  }, [onCancel]);

  // Layout effect: focus moves into the dialog in the same commit that shows it.
  useLayoutEffect(() => {
    const previouslyFocused = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    (initialFocus?.current ?? headingRef.current)?.focus();

    // Everything else on the page becomes inert so neither mouse nor keyboard reach it.
    const host = panelRef.current?.closest('[data-modal-host]');
    const madeInert: Element[] = [];
    for (const sibling of Array.from(document.body.children)) {
      if (sibling !== host && !sibling.hasAttribute('inert')) {
        sibling.setAttribute('inert', '');
        madeInert.push(sibling);
      }
    }
    const onKeyDown = (event: KeyboardEvent) => {
      // Only the topmost dialog answers Escape: one opened over this one made it inert.
      if (host?.hasAttribute('inert')) return;
      if (event.key === 'Escape' && onCancelRef.current) {
        event.preventDefault();
        onCancelRef.current();
      }
    };
    document.addEventListener('keydown', onKeyDown);
    return () => {
      document.removeEventListener('keydown', onKeyDown);
      for (const element of madeInert) element.removeAttribute('inert');
      if (previouslyFocused?.isConnected) previouslyFocused.focus();
    };
    // Runs once per opening: the initial focus target is read when the dialog appears.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const keepTabInside = (event: ReactKeyboardEvent<HTMLDivElement>) => {
    if (event.key !== 'Tab' || !panelRef.current) return;
    const focusable = Array.from(panelRef.current.querySelectorAll<HTMLElement>(FOCUSABLE));
    const first = focusable[0];
    const last = focusable[focusable.length - 1];
    if (!first || !last) return;
    if (event.shiftKey && (document.activeElement === first || document.activeElement === headingRef.current)) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  };

  return createPortal(
    <div className="modal-backdrop" data-modal-host="">
      <div
        ref={panelRef}
        className={className ? `modal ${className}` : 'modal'}
        role={role}
        aria-modal="true"
        aria-labelledby={headingId}
        onKeyDown={keepTabInside}
      >
        <h2 id={headingId} ref={headingRef} tabIndex={-1} className="modal-title">
          {title}
        </h2>
        {children}
      </div>
    </div>,
    document.body,
  );
}

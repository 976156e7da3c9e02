import { useRef, type ReactNode } from 'react';
import { Modal } from './Modal';

// A yes/no question in an in-app modal (never window.confirm, which Electron renders
// outside the app's styling and which blocks the page). Focus starts on the safe answer.

type ConfirmDialogProps = {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  cancelLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
  /** Styles the confirm button as destructive. */
  destructive?: boolean;
};

export function ConfirmDialog({ title, children, confirmLabel, cancelLabel, onConfirm, onCancel, destructive }: ConfirmDialogProps) {
  const cancelRef = useRef<HTMLButtonElement>(null);
  return (
    <Modal title={title} onCancel={onCancel} initialFocus={cancelRef} role="alertdialog">
      <div className="modal-body">{children}</div>
      <div className="button-row">
        <button type="button" ref={cancelRef} onClick={onCancel}>
          {cancelLabel}
        </button>
        <button type="button" className={destructive ? 'danger' : 'primary'} onClick={onConfirm}>
          {confirmLabel}
        </button>
      </div>
    </Modal>
  );
}

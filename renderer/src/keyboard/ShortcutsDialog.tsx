import { useRef } from 'react';
import { Modal } from '../ui/Modal';
import { SHORTCUT_HELP } from './shortcuts';

// "?" (or Ctrl+/, or Reader → Keyboard Shortcuts in the app menu): every shortcut, and
// the one way to open a reader from a ticket.

export const SHORTCUTS_TITLE = 'Keyboard shortcuts';

export function ShortcutsDialog({ onClose }: { onClose: () => void }) {
  const closeRef = useRef<HTMLButtonElement>(null);
  return (
    <Modal title={SHORTCUTS_TITLE} onCancel={onClose} initialFocus={closeRef} className="shortcuts-dialog">
      <table className="data-table shortcuts-table">
        <caption className="visually-hidden">Keys and what they do</caption>
        <thead>
          <tr>
            <th scope="col">Keys</th>
            <th scope="col">What they do</th>
          </tr>
        </thead>
        <tbody>
          {SHORTCUT_HELP.map((shortcut) => (
            <tr key={shortcut.does}>
              <td>
                {shortcut.keys.map((keys, index) => (
                  <span key={keys}>
                    {index > 0 ? ' or ' : null}
                    <kbd>{keys}</kbd>
                  </span>
                ))}
              </td>
              <td>{shortcut.does}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="hint">
        Pasting a whole line from a ticket into the search box finds the user id, email or phone number in it. A conscent-console://reader?email=…
        link in a ticket opens the reader here.
      </p>
      <div className="button-row">
        <button ref={closeRef} type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </Modal>
  );
}

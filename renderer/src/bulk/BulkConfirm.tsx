import { useRef, useState } from 'react';
import type { BulkField } from '../../../common/bulk-schemas';
import { Modal } from '../ui/Modal';
import { FIELD_LABELS } from './bulk-text';

// Step 5: what is about to be sent, where. On a Production connection the agent types the
// connection's name, as GitHub asks for a repository's name before deleting it; main
// checks the same name again before it sends anything.

export const CONFIRM_TITLE = 'Send these corrections?';

export type SendSummary = { connectionName: string; host: string; production: boolean; rows: number; fields: BulkField[]; invalid: number };

export function BulkConfirm({
  summary,
  onConfirm,
  onCancel,
}: {
  summary: SendSummary;
  onConfirm: (typedName?: string) => void;
  onCancel: () => void;
}) {
  const { rows } = summary;
  const [typed, setTyped] = useState('');
  const inputRef = useRef<HTMLInputElement>(null);
  const production = summary.production;
  const matches = typed.trim() === summary.connectionName;
  return (
    <Modal title={CONFIRM_TITLE} onCancel={onCancel} initialFocus={production ? inputRef : undefined}>
      <p>
        {rows} {rows === 1 ? 'reader' : 'readers'} will be changed on <strong>{summary.connectionName}</strong> ({summary.host})
        {summary.fields.length > 0 ? `: ${summary.fields.map((field) => FIELD_LABELS[field]).join(', ')}` : ''}.
      </p>
      {summary.invalid > 0 ? <p>{summary.invalid} rows in error are left out and listed as “not sent”.</p> : null}
      {production ? (
        <label className="confirm-name">
          This is a Production connection. Type its name, <strong>{summary.connectionName}</strong>, to confirm
          <input ref={inputRef} value={typed} onChange={(event) => setTyped(event.target.value)} autoComplete="off" spellCheck={false} />
        </label>
      ) : null}
      <div className="dialog-actions">
        <button type="button" onClick={onCancel}>
          Back
        </button>
        <button type="button" className="primary" disabled={production && !matches} onClick={() => onConfirm(production ? typed.trim() : undefined)}>
          Send {rows} corrections
        </button>
      </div>
    </Modal>
  );
}

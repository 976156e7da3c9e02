import { useLayoutEffect, useRef, useState } from 'react';
import type { UpdateReaderResult } from '../../../common/readers-contract';
import type { HistoryEntry } from '../../../common/history-schemas';
import type { EditableField } from '../../../common/user-schemas';
import { FIELD_LABELS } from '../edit/field-labels';
import { MARKS, MEASURES, measureOnPaint } from '../timing/user-timing';
import { copyText } from '../ui/copy-text';
import { ticketSummary } from './ticket-summary';

// What ConsCent said after a successful update, in its own words, and what was sent. It
// takes focus so the agent (and a screen reader) lands on the confirmation. "Copy summary"
// puts the change in plain text on the clipboard for the reply on the ticket; it is made
// from the change's history entry (`entry`: undefined until it has been read, null when the
// history cannot be read), so who and when are exactly what this computer recorded.
export function SaveOutcome({ result, entry }: { result: UpdateReaderResult; entry?: HistoryEntry | undefined | null }) {
  const ref = useRef<HTMLDivElement>(null);
  const [copied, setCopied] = useState('');
  useLayoutEffect(() => {
    ref.current?.focus();
    measureOnPaint([[MARKS.sendPressed, MEASURES.sendToResult]]);
  }, [result]);
  const sentFields = Object.keys(result.sent) as EditableField[];
  const listsSent = sentFields.filter((field) => field === 'shippingAddress' || field === 'billingAddress');

  return (
    <div ref={ref} tabIndex={-1} className="notice notice-success save-outcome" role="status" aria-live="polite">
      <p className="notice-summary">
        <span aria-hidden="true">✓</span> <strong>Saved.</strong> ConsCent answered: “{result.message}”
      </p>
      <p>Sent: {sentFields.map((field) => FIELD_LABELS[field]).join(', ')}. The details below are the record as ConsCent returned it.</p>
      {listsSent.length > 0 ? (
        <p>
          <span aria-hidden="true">ℹ</span> The {listsSent.map((field) => FIELD_LABELS[field].toLowerCase()).join(' and ')} below are the list as
          ConsCent stored it; check it matches what you sent.
        </p>
      ) : null}
      <p className="save-outcome-actions">
        <button
          type="button"
          disabled={!entry}
          onClick={() => {
            if (!entry) return;
            void copyText(ticketSummary(entry)).then((done) =>
              setCopied(done ? 'Summary copied: paste it into the ticket.' : 'The summary could not be copied.'),
            );
          }}
        >
          Copy summary
        </button>{' '}
        <span className="hint">
          {entry
            ? copied
            : entry === null
              ? "There is no summary to copy: this computer's change history could not be read (see the History screen)."
              : 'Reading this change from the history…'}
        </span>
      </p>
    </div>
  );
}

import { useLayoutEffect, useRef } from 'react';
import type { UpdateReaderResult } from '../../../common/contract';
import type { EditableField } from '../../../common/user-schemas';
import { FIELD_LABELS } from '../edit/field-labels';
import { MARKS, MEASURES, measureOnPaint } from '../timing/user-timing';

// What ConsCent said after a successful update, in its own words, and what was sent. It
// takes focus so the agent (and a screen reader) lands on the confirmation.
export function SaveOutcome({ result }: { result: UpdateReaderResult }) {
  const ref = useRef<HTMLDivElement>(null);
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
    </div>
  );
}

import { useId, type InputHTMLAttributes, type ReactNode } from 'react';
import type { UseFormRegisterReturn } from 'react-hook-form';

// A labelled input with its hint and error right next to it. The error is linked with
// aria-describedby and flagged with aria-invalid, and carries an icon plus text.
// `groupLabelId` prefixes the accessible name with a group's label (e.g. "Shipping
// address 2 City") so identical labels in repeated groups stay distinguishable.

type TextFieldProps = {
  label: string;
  registration: UseFormRegisterReturn;
  error?: string | undefined;
  hint?: ReactNode;
  groupLabelId?: string;
} & Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'name' | 'onChange' | 'onBlur'>;

export function TextField({ label, registration, error, hint, groupLabelId, className, ...inputProps }: TextFieldProps) {
  const id = useId();
  const labelId = `${id}-label`;
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(' ');
  return (
    <div className={className ? `field ${className}` : 'field'}>
      <label id={labelId} htmlFor={id}>
        {label}
      </label>
      <input
        id={id}
        type="text"
        {...inputProps}
        {...registration}
        aria-labelledby={groupLabelId ? `${groupLabelId} ${labelId}` : undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy || undefined}
      />
      {hint ? (
        <p id={hintId} className="hint">
          {hint}
        </p>
      ) : null}
      <FieldErrorText id={errorId} message={error} />
    </div>
  );
}

export function FieldErrorText({ id, message }: { id: string; message?: string | undefined }) {
  if (!message) return null;
  return (
    <p id={id} className="field-error">
      <span aria-hidden="true">⚠</span> {message}
    </p>
  );
}

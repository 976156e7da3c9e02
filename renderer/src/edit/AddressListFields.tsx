import { useId } from 'react';
import { useFieldArray, type Control, type FieldErrors, type UseFormRegister } from 'react-hook-form';
import { MAX_ADDRESSES } from '../../../common/user-schemas';
import { AddressFields } from './AddressFields';
import { emptyAddress, type EditFormValues } from './form-values';

// A shipping or billing address list: edit entries in place, add, remove. The note about
// appending is shown here too, not only in the review: it affects what the agent types.

type AddressListFieldsProps = {
  name: 'shippingAddress' | 'billingAddress';
  /** "Shipping addresses" */
  listLabel: string;
  /** "Shipping address" */
  entryLabel: string;
  control: Control<EditFormValues, unknown, unknown>;
  register: UseFormRegister<EditFormValues>;
  errors: FieldErrors<EditFormValues>;
  known: boolean;
  unknownHint: string;
};

export function AddressListFields({ name, listLabel, entryLabel, control, register, errors, known, unknownHint }: AddressListFieldsProps) {
  const baseId = useId();
  const { fields, append, remove } = useFieldArray({ control, name });
  const listErrors = errors[name];

  return (
    <fieldset className="form-section">
      <legend>{listLabel}</legend>
      <p className="hint">
        {known ? '' : `${unknownHint} `}
        ConsCent may add the entries you send to its list instead of replacing the list; the review and the answer show
        what happened.
      </p>
      {listErrors?.message ? (
        <p className="field-error">
          <span aria-hidden="true">⚠</span> {listErrors.message}
        </p>
      ) : null}
      {fields.length === 0 ? <p className="muted">No {listLabel.toLowerCase()} in the form.</p> : null}
      {fields.map((field, index) => {
        const legendId = `${baseId}-${index}`;
        return (
          <fieldset key={field.id} className="address-entry">
            <legend>
              <span id={legendId}>
                {entryLabel} {index + 1}
              </span>
              {field._id ? null : <span className="chip">new</span>}
            </legend>
            <AddressFields path={`${name}.${index}`} register={register} errors={listErrors?.[index]} groupLabelId={legendId} />
            <button type="button" className="danger-outline" onClick={() => remove(index)}>
              Remove {entryLabel.toLowerCase()} {index + 1}
            </button>
          </fieldset>
        );
      })}
      <button type="button" onClick={() => append(emptyAddress())} disabled={fields.length >= MAX_ADDRESSES}>
        Add {entryLabel.toLowerCase()}
      </button>
    </fieldset>
  );
}

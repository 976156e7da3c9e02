import { useId } from 'react';
import { useFieldArray, useWatch, type Control, type FieldErrors, type UseFormRegister } from 'react-hook-form';
import { MAX_ADDRESSES } from '../../../common/user-schemas';
import { AddressFields } from './AddressFields';
import { ChangedMark } from './ChangedMark';
import { EMPTY_ENTRY_NOTE, isEmptyEntry, staleListWarning, unknownListWarning, type AddressListField } from './changes';
import { emptiedEntryMessage } from './edit-schema';
import { emptyAddress, type EditFormValues } from './form-values';
import { UNKNOWN_HINT } from './form-section';

// A shipping or billing address list: edit entries in place, add, remove. The whole list
// is sent when anything in it changes. When its current content is not known (the lookup
// does not return lists) the warning that sending may replace unseen addresses is shown
// here too, not only in the review: it affects what the agent decides to type.

type AddressListFieldsProps = {
  /** Whether the list differs from what ConsCent returned (the section is highlighted). */
  changed?: boolean;
  name: AddressListField;
  /** "Shipping addresses" */
  listLabel: string;
  /** "Shipping address" */
  entryLabel: string;
  control: Control<EditFormValues, unknown, unknown>;
  register: UseFormRegister<EditFormValues>;
  errors: FieldErrors<EditFormValues>;
  known: boolean;
  /** Where a known list came from when the lookup did not return it ("as ConsCent returned it at …"). */
  rememberedSource?: string | undefined;
  /** When the list is known only from a save before this console started: that time (listKnownOnlySince). */
  knownOnlySince?: string | null;
};

export function AddressListFields({
  name,
  listLabel,
  entryLabel,
  control,
  register,
  errors,
  known,
  rememberedSource,
  knownOnlySince = null,
  changed = false,
}: AddressListFieldsProps) {
  const baseId = useId();
  const { fields, append, remove } = useFieldArray({ control, name });
  const entries = useWatch({ control, name }) ?? [];
  const toSend = entries.filter((entry) => entry._id !== undefined || !isEmptyEntry(entry)).length;
  const listErrors = errors[name];
  const noun = listLabel.toLowerCase();

  return (
    <fieldset className={changed ? 'form-section is-changed' : 'form-section'}>
      <legend>
        {listLabel}
        <ChangedMark changed={changed} />
      </legend>
      <p className="hint">
        {known
          ? `The whole list is sent when you change, add or remove an entry; entries already saved keep their ConsCent id. ${EMPTY_ENTRY_NOTE}`
          : `${UNKNOWN_HINT} ${EMPTY_ENTRY_NOTE}`}
      </p>
      {rememberedSource ? <p className="hint remembered">This list is {rememberedSource}; ConsCent&apos;s lookup does not return it.</p> : null}
      {!known && toSend > 0 ? (
        <p className="field-error" role="note">
          <span aria-hidden="true">⚠</span> {unknownListWarning(name, toSend)}
        </p>
      ) : null}
      {knownOnlySince !== null && changed ? (
        <p className="field-error" role="note">
          <span aria-hidden="true">⚠</span> {staleListWarning(name, toSend, knownOnlySince)}
        </p>
      ) : null}
      {listErrors?.message ? (
        <p className="field-error">
          <span aria-hidden="true">⚠</span> {listErrors.message}
        </p>
      ) : null}
      {fields.length === 0 ? <p className="muted">No {noun} in the form.</p> : null}
      {fields.map((field, index) => {
        const legendId = `${baseId}-${index}`;
        // Read the id from the current values, not from `fields`: after a save the form is
        // reset to the returned record and a just-saved entry has its id from then on.
        const entry = entries[index];
        const saved = entry?._id !== undefined;
        // Said as soon as it happens, not only when the agent tries to review.
        const entryError = saved && isEmptyEntry(entry) ? emptiedEntryMessage(`${entryLabel} ${index + 1}`) : listErrors?.[index]?.message;
        return (
          <fieldset key={field.id} className="address-entry">
            <legend>
              <span id={legendId}>
                {entryLabel} {index + 1}
              </span>
              {saved ? null : <span className="chip">new</span>}
            </legend>
            {entryError ? (
              <p className="field-error" id={`${legendId}-error`}>
                <span aria-hidden="true">⚠</span> {entryError}
              </p>
            ) : null}
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

import { useId } from 'react';
import { AddressFields } from './AddressFields';
import { ChangedMark } from './ChangedMark';
import { UNKNOWN_HINT, sectionClass, type SectionProps } from './form-section';

// The form's "Address" section: one address, sent whole when any part of it changes.

export function AddressSection({ form, knows, changed }: SectionProps) {
  const labelId = useId();
  const { register, formState } = form;
  const any = changed.has('address');
  return (
    <fieldset className={sectionClass(any)}>
      <legend>
        <span id={labelId}>Address</span>
        <ChangedMark changed={any} />
      </legend>
      <p className="hint">
        {knows('address')
          ? 'The whole address is sent when any part changes.'
          : `${UNKNOWN_HINT} If you fill any part, the whole address is sent and empty parts are sent empty.`}
      </p>
      <AddressFields path="address" register={register} errors={formState.errors.address} groupLabelId={labelId} />
    </fieldset>
  );
}

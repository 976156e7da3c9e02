import { useId } from 'react';
import type { UseFormReturn } from 'react-hook-form';
import { TextField } from '../ui/TextField';
import { ChangedMark } from './ChangedMark';
import type { EditFormValues } from './form-values';
import { normaliseCountryCode, normalisePhone } from './phone-input';
import type { ValidChanges } from './edit-schema';

// Country code and phone number. Agents paste numbers as readers write them; on paste
// and when leaving a field the text is split into the two values ConsCent stores, so the
// form shows exactly what the review will send.

export const COUNTRY_CODE_HINT = 'With +, like +91.';
export const PHONE_HINT = 'Type or paste it as you have it (+91 90000 11111, 090000-11111): it is split into country code and digits.';

type PhoneFieldsProps = {
  form: UseFormReturn<EditFormValues, unknown, ValidChanges>;
  /** Shown when the lookup did not return the phone number. */
  unknownHint: string | null;
  /** "as ConsCent returned it at …", when the values were remembered rather than looked up. */
  rememberedSource: string | undefined;
  /** Whether the phone differs from what ConsCent returned (the section is highlighted). */
  changed?: boolean;
};

export function PhoneFields({ form, unknownHint, rememberedSource, changed = false }: PhoneFieldsProps) {
  const hintId = useId();
  const { register, getValues, setValue, formState } = form;
  const { errors } = formState;
  const options = { shouldValidate: true, shouldDirty: true } as const;

  const splitPhone = () => {
    const now = { countryCode: getValues('countryCode'), phone: getValues('phone') };
    const split = normalisePhone(now);
    if (split.countryCode !== now.countryCode) setValue('countryCode', split.countryCode, options);
    if (split.phone !== now.phone) setValue('phone', split.phone, options);
  };
  const tidyCountryCode = () => {
    const now = getValues('countryCode');
    const tidy = now.trim() === '' ? now : normaliseCountryCode(now);
    if (tidy !== now) setValue('countryCode', tidy, options);
  };
  const onPhoneChange = (event: { nativeEvent?: unknown }) => {
    if ((event.nativeEvent as InputEvent | undefined)?.inputType === 'insertFromPaste') splitPhone();
  };

  return (
    <fieldset className={changed ? 'form-section is-changed' : 'form-section'}>
      <legend>
        Phone
        <ChangedMark changed={changed} />
      </legend>
      {unknownHint ? (
        <p className="hint" id={hintId}>
          {unknownHint}
        </p>
      ) : null}
      {rememberedSource ? (
        <p className="hint remembered">The phone number is {rememberedSource}; ConsCent&apos;s lookup does not return it.</p>
      ) : null}
      <div className="field-row">
        <TextField
          label="Country code"
          registration={register('countryCode', { onBlur: tidyCountryCode })}
          error={errors.countryCode?.message}
          hint={COUNTRY_CODE_HINT}
          className="narrow"
          inputMode="tel"
          autoComplete="off"
        />
        <TextField
          label="Phone number"
          registration={register('phone', { onBlur: splitPhone, onChange: onPhoneChange })}
          error={errors.phone?.message}
          hint={PHONE_HINT}
          inputMode="tel"
          autoComplete="off"
        />
      </div>
    </fieldset>
  );
}

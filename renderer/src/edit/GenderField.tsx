import { useId } from 'react';
import type { UseFormRegisterReturn } from 'react-hook-form';
import { GENDERS } from '../../../common/user-schemas';
import { genderLabel } from '../format/format-gender';
import { FieldErrorText } from '../ui/TextField';

// Gender as a choice of the three values ConsCent accepts, in the labels every screen
// uses. A stored value outside the three stays selectable ("as stored") so an unrelated
// edit never changes it by accident.

type GenderFieldProps = {
  registration: UseFormRegisterReturn<'gender'>;
  /** What the form started from ('' when not set or not known). */
  startValue: string;
  known: boolean;
  error: string | undefined;
  /** "as of …, from what ConsCent returned after a save in this session", when remembered. */
  rememberedSource: string | undefined;
};

export function GenderField({ registration, startValue, known, error, rememberedSource }: GenderFieldProps) {
  const id = useId();
  const options: string[] = [...GENDERS];
  if (startValue && !options.includes(startValue)) options.push(startValue);
  return (
    <div className="field">
      <label htmlFor={id}>Gender</label>
      <select id={id} {...registration} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined}>
        <option value="">{known ? 'Not set' : 'Not known (unchanged)'}</option>
        {options.map((gender) => (
          <option key={gender} value={gender}>
            {genderLabel(gender)}
          </option>
        ))}
      </select>
      {rememberedSource ? <p className="hint remembered">Gender is {rememberedSource}; ConsCent&apos;s lookup does not return it.</p> : null}
      <FieldErrorText id={`${id}-error`} message={error} />
    </div>
  );
}

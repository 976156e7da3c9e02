import { TextField } from '../ui/TextField';
import { ChangedMark } from './ChangedMark';
import { UNKNOWN_HINT, sectionClass, type SectionProps } from './form-section';
import { GenderField } from './GenderField';

// The form's "Personal" section: gender (kept as ConsCent returned it when it is none of
// the three it takes) and the date of birth, typed the way dates are shown.

const DATE_OF_BIRTH_HINT = 'Day month year, as dates are shown: 13 May 1990 (13/05/1990 works too). Sent as midnight UTC of that day.';

type PersonalProps = SectionProps & {
  startGender: string;
  /** "as ConsCent returned it at …", when gender was remembered rather than looked up. */
  genderRemembered: string | undefined;
};

export function PersonalSection({ form, knows, changed, startGender, genderRemembered }: PersonalProps) {
  const { register, formState } = form;
  const { errors } = formState;
  const any = changed.has('gender') || changed.has('dateOfBirth');
  return (
    <fieldset className={sectionClass(any)}>
      <legend>
        Personal
        <ChangedMark changed={any} />
      </legend>
      <div className="field-row">
        <GenderField
          registration={register('gender')}
          startValue={startGender}
          known={knows('gender')}
          error={errors.gender?.message}
          rememberedSource={genderRemembered}
        />
        <TextField
          label="Date of birth"
          // Text, not <input type="date">: that one shows the day in the computer's locale
          // order (05/13/1990 or 13/05/1990), unlike every date the console shows.
          registration={register('dateOfBirth')}
          error={errors.dateOfBirth?.message}
          placeholder="e.g. 13 May 1990"
          hint={knows('dateOfBirth') ? DATE_OF_BIRTH_HINT : `${UNKNOWN_HINT} ${DATE_OF_BIRTH_HINT}`}
        />
      </div>
    </fieldset>
  );
}

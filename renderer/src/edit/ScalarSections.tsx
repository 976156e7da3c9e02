import type { UseFormReturn } from 'react-hook-form';
import type { EditableField } from '../../../common/user-schemas';
import { TextField } from '../ui/TextField';
import { ChangedMark } from './ChangedMark';
import type { ValidChanges } from './edit-schema';
import type { EditFormValues } from './form-values';
import { GenderField } from './GenderField';

// The form's "Name and email" and "Personal" sections: plain fields whose only twist is
// saying when ConsCent's lookup did not return a value, and marking what has changed.

// Short, on each field: the reader's head explains once what ConsCent did not return (issue 22).
export const UNKNOWN_HINT = 'Not returned: starts empty.';
const DATE_OF_BIRTH_HINT = 'Day month year, as dates are shown: 13 May 1990 (13/05/1990 works too). Sent as midnight UTC of that day.';

type SectionProps = {
  form: UseFormReturn<EditFormValues, unknown, ValidChanges>;
  knows: (field: EditableField) => boolean;
  changed: ReadonlySet<EditableField>;
};

const sectionClass = (changed: boolean) => (changed ? 'form-section is-changed' : 'form-section');

export function NameEmailSection({ form, knows, changed }: SectionProps) {
  const { register, formState } = form;
  const { errors } = formState;
  const any = changed.has('name') || changed.has('email');
  return (
    <fieldset className={sectionClass(any)}>
      <legend>
        Name and email
        <ChangedMark changed={any} />
      </legend>
      <div className="field-row">
        <TextField
          label="Name"
          className={changed.has('name') ? 'is-changed' : undefined}
          registration={register('name')}
          error={errors.name?.message}
          hint={knows('name') ? undefined : UNKNOWN_HINT}
          autoComplete="off"
        />
        <TextField
          label="Email"
          className={changed.has('email') ? 'is-changed' : undefined}
          type="email"
          registration={register('email')}
          error={errors.email?.message}
          hint={knows('email') ? undefined : UNKNOWN_HINT}
          autoComplete="off"
          spellCheck={false}
        />
      </div>
    </fieldset>
  );
}

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

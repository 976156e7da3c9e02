import { TextField } from '../ui/TextField';
import { ChangedMark } from './ChangedMark';
import { UNKNOWN_HINT, sectionClass, type SectionProps } from './form-section';

// The form's "Name and email" section.

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

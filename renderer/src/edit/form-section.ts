import type { UseFormReturn } from 'react-hook-form';
import type { EditableField } from '../../../common/user-schemas';
import type { ValidChanges } from './edit-schema';
import type { EditFormValues } from './form-values';

// What every section of the edit form shares: the form, whether ConsCent's lookup returned
// a field, and which fields the agent has changed (shown on the field and its section).

// Short, on each field: the reader's head explains once what ConsCent did not return (issue 22).
export const UNKNOWN_HINT = 'Not returned: starts empty.';

export type SectionProps = {
  form: UseFormReturn<EditFormValues, unknown, ValidChanges>;
  knows: (field: EditableField) => boolean;
  changed: ReadonlySet<EditableField>;
};

export const sectionClass = (changed: boolean) => (changed ? 'form-section is-changed' : 'form-section');

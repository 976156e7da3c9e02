import { z } from 'zod';
import { UserChangesFields } from '../../../common/user-schemas';
import { computeChanges } from './changes';
import type { EditBaseline, EditFormValues } from './form-values';

// Validation of the edit form = validation of the body that would be sent, with the same
// schemas main uses. Fields the agent did not change are not sent, so they are not
// validated either (ConsCent's stored values need not satisfy our stricter rules).

export const EMPTY_DATE_OF_BIRTH = 'Choose a date: the console cannot send an empty date of birth.';

/** The update body's fields, all optional; unlike UserChanges an empty body is allowed here
 *  (the form shows "nothing to send" instead of an error). */
export const EditChanges = z
  .strictObject({
    ...UserChangesFields,
    // A cleared date input gives '': say so in words instead of "must be ISO-8601".
    dateOfBirth: z.string().min(1, EMPTY_DATE_OF_BIRTH).pipe(UserChangesFields.dateOfBirth),
  })
  .partial();
export type ValidChanges = z.output<typeof EditChanges>;

/** Form values in, validated PATCH body out; issue paths are the form's field paths. */
export function editFormSchema(baseline: EditBaseline) {
  return z
    .custom<EditFormValues>()
    .transform((values) => computeChanges(baseline, values).body)
    .pipe(EditChanges);
}

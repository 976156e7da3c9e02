import { z } from 'zod';
import { UserChangesFields } from '../../../common/user-schemas';
import { computeChanges, isEmptyEntry, type AddressListField, type ChangeSet } from './changes';
import type { EditBaseline, EditFormValues } from './form-values';

// Validation of the edit form = validation of the body that would be sent, with the same
// schemas main uses. Fields the agent did not change are not sent, so they are not
// validated either (ConsCent's stored values need not satisfy our stricter rules).

export const EMPTY_DATE_OF_BIRTH = 'Type a date: the console cannot send an empty date of birth.';
export const BAD_DATE_OF_BIRTH = 'Type the date as day, month, year, for example 13 May 1990.';

/** An existing entry (it has ConsCent's id) whose parts were all cleared. */
export function emptiedEntryMessage(entryLabel: string): string {
  return `This ${entryLabel.toLowerCase()} is now empty. Fill it in, or press “Remove ${entryLabel.toLowerCase()}” to take it off the list.`;
}

/** The update body's fields, all optional; unlike UserChanges an empty body is allowed here
 *  (the form shows "nothing to send" instead of an error). */
export const EditChanges = z
  .strictObject({
    ...UserChangesFields,
    // A cleared or mistyped date: say so in words instead of "must be ISO-8601" (the body holds
    // the typed text when it is not a day, see dayTextToIso).
    dateOfBirth: z
      .string()
      .min(1, EMPTY_DATE_OF_BIRTH)
      .pipe(z.iso.datetime({ message: BAD_DATE_OF_BIRTH })),
  })
  .partial();
export type ValidChanges = z.output<typeof EditChanges>;

const LISTS: Record<AddressListField, string> = { shippingAddress: 'Shipping address', billingAddress: 'Billing address' };

/** A body path ("shippingAddress.0.city") as the form's path: empty entries are not in the body. */
function formPath(path: readonly PropertyKey[], formIndex: ChangeSet['formIndex']): PropertyKey[] {
  const [field, index, ...rest] = path;
  const map = typeof field === 'string' && field in LISTS ? formIndex[field as AddressListField] : undefined;
  if (!map || typeof index !== 'number') return [...path];
  return [field as string, map[index] ?? index, ...rest];
}

/**
 * Form values in, validated PATCH body out; issue paths are the form's field paths. An
 * existing entry that was emptied is refused rather than sent blank or silently dropped:
 * the agent says which they meant (fill it in, or remove it).
 */
export function editFormSchema(baseline: EditBaseline) {
  return z.custom<EditFormValues>().transform((values, ctx): ValidChanges => {
    const changes = computeChanges(baseline, values);
    let failed = false;
    for (const [field, entryLabel] of Object.entries(LISTS) as [AddressListField, string][]) {
      (values[field] ?? []).forEach((entry, index) => {
        if (!entry._id || !isEmptyEntry(entry)) return;
        failed = true;
        ctx.addIssue({ code: 'custom', message: emptiedEntryMessage(`${entryLabel} ${index + 1}`), path: [field, index] });
      });
    }
    const parsed = EditChanges.safeParse(changes.body);
    if (!parsed.success) {
      failed = true;
      for (const issue of parsed.error.issues) {
        ctx.addIssue({ code: 'custom', message: issue.message, path: formPath(issue.path, changes.formIndex) });
      }
    }
    return failed || !parsed.success ? z.NEVER : parsed.data;
  });
}

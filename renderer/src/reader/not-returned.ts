import type { ReaderView } from '../../../common/readers-contract';
import type { EditableField } from '../../../common/user-schemas';

// What ConsCent's answer left out, said once for the whole reader (issue 22 item 1): the
// fields themselves only carry a short "not returned" mark, instead of a sentence each.

/** The short mark on each field ConsCent did not return; the sentence below explains it. */
export const NOT_RETURNED_MARK = 'not returned';

const PARTS: Array<[string, EditableField[]]> = [
  ['name', ['name']],
  ['email', ['email']],
  ['phone number', ['countryCode', 'phone']],
  ['gender', ['gender']],
  ['date of birth', ['dateOfBirth']],
  ['address', ['address']],
  ['shipping addresses', ['shippingAddress']],
  ['billing addresses', ['billingAddress']],
];

function list(words: string[]): string {
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}

/** What was not returned, in words ("phone number, gender or shipping addresses"); '' when nothing is missing. */
export function notReturnedWords(view: ReaderView): string {
  const known = new Set(view.known);
  const words = PARTS.filter(([, fields]) => fields.some((field) => !known.has(field))).map(([word]) => word);
  if (view.isEmailVerified === undefined || view.isPhoneVerified === undefined) words.push('verification');
  if (!view.createdAt || !view.updatedAt) words.push('when the account was created and updated');
  if (view.subscriptions === undefined) words.push('subscriptions');
  return list(words);
}

/** The one explanation, or null when ConsCent returned everything. */
export function notReturnedSentence(view: ReaderView): string | null {
  const words = notReturnedWords(view);
  if (!words) return null;
  const who = view.source === 'lookup' ? "ConsCent's lookup" : "ConsCent's answer";
  return `Not returned by ${who}: ${words}. Marked “${NOT_RETURNED_MARK}”; in the form they start empty and are sent only if you fill them in.`;
}

import { GENDERS, type Gender } from '../../../common/user-schemas';

// One set of gender labels for every screen (form, record, review): ConsCent stores
// MALE/FEMALE/OTHERS; the agent reads words. A value outside the three is shown as stored.
export const GENDER_LABELS: Record<Gender, string> = { MALE: 'Male', FEMALE: 'Female', OTHERS: 'Others' };

export function isKnownGender(value: string): value is Gender {
  return (GENDERS as readonly string[]).includes(value);
}

/** "Female" for FEMALE; "male (as stored)" for anything ConsCent holds that is not one of the three. */
export function genderLabel(value: string): string {
  return isKnownGender(value) ? GENDER_LABELS[value] : `${value} (as stored)`;
}

import { parsePhoneNumberFromString } from 'libphonenumber-js/min';

// Agents paste phone numbers the way readers write them: "+91 90000 11111",
// "90000 11111", "090000-11111". The search box accepts all of these; the edit form
// splits them the same way into what ConsCent stores: `countryCode` ("+91") and `phone`
// (digits without country code). The form shows the result and the review sends it.

export type PhoneParts = { countryCode: string; phone: string };

const SEPARATORS = /[\s().\-/]/g;
const COUNTRY_CODE = /^\+[1-9]\d{0,3}$/;

/** "91", "0091" and " +91 " all mean +91; anything else is left as typed for the validator. */
export function normaliseCountryCode(raw: string): string {
  const compact = raw.replace(SEPARATORS, '');
  const candidate = compact.startsWith('00') ? `+${compact.slice(2)}` : /^\d+$/.test(compact) ? `+${compact}` : compact;
  return COUNTRY_CODE.test(candidate) ? candidate : raw.trim();
}

/**
 * Splits a typed or pasted number into the two fields. A number with its country code
 * ("+91…", "0091…") sets both; a national number keeps the country code field and loses
 * its separators, and a leading trunk 0 ("090000…") is dropped only when the country code
 * says what the trunk prefix is. Anything unreadable is left exactly as typed, so the
 * validator can say what is wrong with it.
 */
export function normalisePhone(parts: PhoneParts): PhoneParts {
  const countryCode = parts.countryCode.trim() === '' ? '' : normaliseCountryCode(parts.countryCode);
  const phone = parts.phone.trim();
  const compact = phone.replace(SEPARATORS, '');
  if (/^(\+|00)\d{6,18}$/.test(compact)) {
    const parsed = parsePhoneNumberFromString(compact.startsWith('00') ? `+${compact.slice(2)}` : compact);
    if (!parsed) return { countryCode, phone };
    return { countryCode: `+${parsed.countryCallingCode}`, phone: String(parsed.nationalNumber) };
  }
  if (!/^\d+$/.test(compact)) return { countryCode, phone };
  if (compact.startsWith('0') && COUNTRY_CODE.test(countryCode)) {
    // Only for a leading 0: given a default code, the library would also strip a leading
    // "91" from a national number that happens to start with it.
    const parsed = parsePhoneNumberFromString(compact, { defaultCallingCode: countryCode.slice(1) });
    if (parsed && parsed.isPossible() && `+${parsed.countryCallingCode}` === countryCode) {
      return { countryCode, phone: String(parsed.nationalNumber) };
    }
  }
  return { countryCode, phone: compact };
}

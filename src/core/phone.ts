import { getCountries, getCountryCallingCode, parsePhoneNumberFromString } from 'libphonenumber-js/min';
import { UsageError } from './errors.js';
import { oneLine } from './text.js';

/** E.164 with the shop's calling code for numbers written without one ("0812-3456-7890"). */
export function normalisePhone(text: string, callingCode: string): string {
  oneLine(text, 'phone number');
  const parsed = /[0-9]/.test(text) ? parsePhoneNumberFromString(text, { defaultCallingCode: callingCode }) : undefined;
  if (!parsed || !parsed.isValid()) {
    throw new UsageError(`Invalid phone number "${text}": use a mobile number such as 0812-3456-7890 or +62 812 3456 7890.`);
  }
  return parsed.number;
}

/** Whether a customer reference is a numeric id (short) rather than a phone number. */
export function looksLikeId(text: string): boolean {
  return /^\d{1,7}$/.test(text.trim());
}

let callingCodes: Set<string> | undefined;

/** Whether a calling code belongs to a country (62, 1, 44; not 0 or 999). */
export function isCallingCode(code: string): boolean {
  callingCodes ??= new Set(getCountries().map((c) => getCountryCallingCode(c) as string));
  return callingCodes.has(code);
}

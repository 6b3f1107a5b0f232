/**
 * Rupiah as an Indonesian owner types it: "Rp 85.000", "Rp85.000,-", "85rb", "85 ribu",
 * "1,5jt", "1.5jt", "1,5 juta", "2jt". Only for IDR, where these words mean one thing.
 */
const PREFIX = /^rp\.?\s*/i;
/** The shop's own "no cents" mark: "Rp 85.000,-". */
const NO_CENTS = /,-$/;
const SHORTHAND = /^(\d{1,12})(?:[.,](\d{1,2}))?\s*(rb|ribu|k|jt|juta)$/i;
const MULTIPLIER: Record<string, number> = { rb: 1_000, ribu: 1_000, k: 1_000, jt: 1_000_000, juta: 1_000_000 };

export const IDR_FORMS = 'Rp 85.000, 85rb, 85 ribu, 1,5jt or 2 juta';

export type Shorthand =
  | { kind: 'plain'; text: string; rupiahStyle: boolean }
  | { kind: 'minor'; amount: number };

/**
 * Strips "Rp" and ",-" (leaving digits for the locale's number rules), or reads a "rb"/"jt"
 * amount in integers. One or two decimals only ("1,25jt"): "1.500rb" is refused as ambiguous
 * (1,5 thousand or 1.500 thousand?) rather than guessed.
 */
export function readRupiah(text: string): Shorthand {
  const trimmed = text.trim();
  const t = trimmed.replace(PREFIX, '').replace(NO_CENTS, '').trim();
  const m = SHORTHAND.exec(t);
  // "Rp 85.000" is written the Indonesian way, dots grouping, whatever the shop's locale.
  if (!m) return { kind: 'plain', text: t, rupiahStyle: t !== trimmed };
  const unit = MULTIPLIER[m[3]!.toLowerCase()]!;
  const digits = String(unit).length - 1;
  const frac = m[2] ?? '';
  // "1,5rb" is 1.500; "0,5" of a thousand is fine, of one rupiah it never happens (2 digits at most).
  const amount = BigInt(m[1]!) * BigInt(unit) + BigInt(frac.padEnd(digits, '0') || '0');
  return { kind: 'minor', amount: Number(amount) };
}

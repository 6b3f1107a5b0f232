import { randomUUID } from 'node:crypto';
import { toMajorString, type Currency } from '../core/money.js';

/**
 * A number printed from its exact decimal text: in JSON without quotes and without the
 * rounding of a JS number (a report sum can pass 2^53), in CSV as a plain cell.
 */
export class ExactNumber {
  constructor(readonly text: string) {}

  /** A CSV record joins its cells, so this is how the number is written there. */
  toString(): string {
    return this.text;
  }
}

/** A money figure in the major unit, exact at any size. */
export function exactMajor(minor: bigint, currency: Currency): ExactNumber {
  return new ExactNumber(toMajorString(minor, currency));
}

// Unguessable, so no stored text can pass for an exact number.
const MARK = `exact-number-${randomUUID()}:`;
const MARKED = new RegExp(`"${MARK}(-?[0-9]+(?:\\.[0-9]+)?)"`, 'g');

/** JSON.stringify that writes each ExactNumber's text as a bare JSON number. */
export function stringifyExact(value: unknown, indent: number): string {
  const json = JSON.stringify(value, (_k, v: unknown) => (v instanceof ExactNumber ? MARK + v.text : v), indent);
  return json.replace(MARKED, '$1');
}

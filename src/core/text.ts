import { UsageError } from './errors.js';

/**
 * A line break, NUL or an undecodable byte (which reading as UTF-8 turns into U+FFFD) has no
 * place in a name or phone number: it would split a table row or a CSV line, or hide what
 * the customer is called (SPEC 12).
 */
const NOT_ONE_LINE = /[\n\r\v\f\u0000\u0085\u2028\u2029\ufffd]/;

export function oneLine(text: string, what: string): string {
  if (NOT_ONE_LINE.test(text)) {
    throw new UsageError(`Invalid ${what} ${JSON.stringify(text)}: it may not contain a line break, NUL or invalid UTF-8; give it on one line.`);
  }
  return text;
}

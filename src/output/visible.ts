/**
 * Customer and owner text is stored as given but never reaches a terminal raw (SPEC 12):
 * C0 controls but newline and tab, DEL, C1 controls, line separators and bidirectional overrides are written
 * as \uXXXX. The notation is also a JSON escape, so a JSON document stays valid and reads
 * back the stored text. The only escape sequences let through are the few colour codes our
 * own chalk instance writes; anything else, a cursor move, a screen clear, an OSC title or
 * concealed text, is shown escaped.
 */
const HOSTILE = /\u001b\[(?:1|2|22|31|32|33|36|39)m|[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028-\u202e\u2066-\u2069]/g;

export function visible(text: string): string {
  return text.replace(HOSTILE, (m) => (m.length > 1 ? m : `\\u${m.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`));
}

/** The stream with every string written through visible(); everything else is the stream's own. */
export function visibleStream(out: NodeJS.WriteStream): NodeJS.WriteStream {
  return new Proxy(out, {
    get(target, prop) {
      if (prop === 'write') {
        return (chunk: unknown, ...rest: unknown[]) => (target.write as (...a: unknown[]) => boolean)(typeof chunk === 'string' ? visible(chunk) : chunk, ...rest);
      }
      const value = Reflect.get(target, prop, target) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

import type { Lang } from './format.js';

export type Salutation = 'pak' | 'bu' | 'kak' | 'none';
export const SALUTATIONS: readonly Salutation[] = ['pak', 'bu', 'kak', 'none'];

/** How a message opens ("Halo {{greeting}},") and how it says "you" in the sentences after. */
export interface Address {
  greeting: string;
  you: string;
}

/** A title the owner already typed into the name, with the word the message then uses for "you". */
const TITLES: Record<string, string> = {
  bapak: 'Bapak', pak: 'Bapak', bpk: 'Bapak', ibu: 'Ibu', bu: 'Ibu', kak: 'Kakak', kakak: 'Kakak', mas: 'Mas', mbak: 'Mbak',
};
const BUSINESSES = new Set(['pt', 'cv', 'ud', 'toko']);

function firstWord(name: string): string {
  return name.split(/\s+/)[0]!.replace(/\.$/, '').toLowerCase();
}

/**
 * The customer's salutation (their own, else the shop's `salutation` setting) applied to
 * their name, never doubling a title already typed ("Ibu Ratna" stays "Ibu Ratna"), greeting
 * a business through its people ("Bapak/Ibu di PT Sinar Abadi"), and using the first name
 * when the form is casual ("Kak Ratna").
 */
export function addressOf(name: string, own: Salutation | null, shop: 'formal' | 'casual', lang: Lang): Address {
  const trimmed = name.trim();
  const first = firstWord(trimmed);
  const given = trimmed.split(/\s+/)[0]!;
  const salutation: Salutation | 'formal' = own ?? (shop === 'casual' ? 'kak' : 'formal');
  if (lang === 'en') {
    if (BUSINESSES.has(first) || TITLES[first]) return { greeting: trimmed, you: 'you' };
    return { greeting: salutation === 'kak' ? given : trimmed, you: 'you' };
  }
  const titled = TITLES[first];
  if (titled) return { greeting: trimmed, you: titled };
  if (BUSINESSES.has(first)) return { greeting: `Bapak/Ibu di ${trimmed}`, you: 'Bapak/Ibu' };
  switch (salutation) {
    case 'pak': return { greeting: `Bapak ${trimmed}`, you: 'Bapak' };
    case 'bu': return { greeting: `Ibu ${trimmed}`, you: 'Ibu' };
    case 'kak': return { greeting: `Kak ${given}`, you: 'Kakak' };
    case 'none': return { greeting: trimmed, you: 'Anda' };
    case 'formal': return { greeting: `Bapak/Ibu ${trimmed}`, you: 'Bapak/Ibu' };
  }
}

export function isSalutation(text: string): text is Salutation {
  return (SALUTATIONS as readonly string[]).includes(text);
}

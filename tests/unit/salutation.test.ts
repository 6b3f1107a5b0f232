import { describe, expect, it } from 'vitest';
import { addressOf } from '../../src/messages/salutation.ts';

describe('how a message addresses the customer (id)', () => {
  it.each([
    // name, own salutation, shop setting, greeting, "you"
    ['Ratna Wijaya', null, 'formal', 'Bapak/Ibu Ratna Wijaya', 'Bapak/Ibu'],
    ['Ratna Wijaya', null, 'casual', 'Kak Ratna', 'Kakak'],
    ['Ratna Wijaya', 'bu', 'formal', 'Ibu Ratna Wijaya', 'Ibu'],
    ['Budi Santoso', 'pak', 'casual', 'Bapak Budi Santoso', 'Bapak'],
    ['Ratna Wijaya', 'kak', 'formal', 'Kak Ratna', 'Kakak'],
    ['Ratna Wijaya', 'none', 'formal', 'Ratna Wijaya', 'Anda'],
    // a title already typed is never doubled, whatever the salutation
    ['Ibu Ratna Wijaya', null, 'formal', 'Ibu Ratna Wijaya', 'Ibu'],
    ['Bu Ratna', 'pak', 'formal', 'Bu Ratna', 'Ibu'],
    ['Bapak Hendra', null, 'casual', 'Bapak Hendra', 'Bapak'],
    ['Pak Hendra', 'kak', 'formal', 'Pak Hendra', 'Bapak'],
    ['Bpk. Hendra', null, 'formal', 'Bpk. Hendra', 'Bapak'],
    ['Kak Dinda', null, 'formal', 'Kak Dinda', 'Kakak'],
    ['Mas Joko', null, 'formal', 'Mas Joko', 'Mas'],
    ['mbak Sari', 'bu', 'formal', 'mbak Sari', 'Mbak'],
    // businesses are greeted through their people
    ['PT Sinar Abadi', null, 'formal', 'Bapak/Ibu di PT Sinar Abadi', 'Bapak/Ibu'],
    ['PT. Sinar Abadi', 'kak', 'casual', 'Bapak/Ibu di PT. Sinar Abadi', 'Bapak/Ibu'],
    ['CV Maju Jaya', null, 'casual', 'Bapak/Ibu di CV Maju Jaya', 'Bapak/Ibu'],
    ['UD Sumber Rejeki', null, 'formal', 'Bapak/Ibu di UD Sumber Rejeki', 'Bapak/Ibu'],
    ['Toko Berkah', null, 'formal', 'Bapak/Ibu di Toko Berkah', 'Bapak/Ibu'],
    // names that only begin like a title are names
    ['Budiman', null, 'formal', 'Bapak/Ibu Budiman', 'Bapak/Ibu'],
    ['Putri Kakanda', null, 'casual', 'Kak Putri', 'Kakak'],
    ['Ptolemy', null, 'formal', 'Bapak/Ibu Ptolemy', 'Bapak/Ibu'],
  ] as const)('%s (%s, shop %s) -> "%s", "%s"', (name, own, shop, greeting, you) => {
    expect(addressOf(name, own, shop, 'id')).toEqual({ greeting, you });
  });
});

describe('in English', () => {
  it.each([
    ['Ann Lee', null, 'formal', 'Ann Lee'],
    ['Ann Lee', 'kak', 'formal', 'Ann'],
    ['Ann Lee', null, 'casual', 'Ann'],
    ['Ann Lee', 'bu', 'casual', 'Ann Lee'],
    ['Ibu Ratna', 'kak', 'formal', 'Ibu Ratna'],
    ['PT Sinar Abadi', 'kak', 'casual', 'PT Sinar Abadi'],
  ] as const)('%s (%s, shop %s) -> "%s"', (name, own, shop, greeting) => {
    expect(addressOf(name, own, shop, 'en')).toEqual({ greeting, you: 'you' });
  });
});

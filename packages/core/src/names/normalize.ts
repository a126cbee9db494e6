/** Text normalisation shared by every name function: NFKC, lower case, no diacritics, no punctuation. */

const SHORT_I = /([\u0438\u0418])\u0306/g; // и + breve = й: a letter of its own in Russian
const YI = /([\u0456\u0406])\u0308/g; // і + diaeresis = ї in Ukrainian
const MARKS = /[\u0300-\u036f\u064b-\u065f\u0670\u0640]/g; // Latin/Cyrillic accents, Arabic harakat and tatweel
const PLAIN_ASCII = /^[\x20-\x7e]*$/;
const INITIAL_RUN = /(?:^|(?<=\s))(?:\p{L}\.){2,}/gu; // P.L.C. / U.S.A.

/** Folds case, compatibility forms and accents; keeps letters, digits and single spaces. */
export function normalizeName(input: string): string {
  let s: string;
  if (PLAIN_ASCII.test(input)) {
    s = input.toLowerCase();
  } else {
    s = input.normalize('NFKC').toLowerCase();
    s = s.replace(/ß/g, 'ss').replace(/ø/g, 'o').replace(/æ/g, 'ae').replace(/œ/g, 'oe').replace(/ł/g, 'l');
    s = s.replace(/đ/g, 'd').replace(/ı/g, 'i');
    s = s
      .normalize('NFD')
      .replace(SHORT_I, '\u0439')
      .replace(YI, '\u0457')
      .replace(MARKS, '')
      .normalize('NFC');
  }
  s = s.replace(INITIAL_RUN, (run) => run.replace(/\./g, ''));
  // possessive 's and apostrophes inside words disappear; hyphens join the parts of one name
  s = s.replace(/['’ʼ`´]s\b/g, '').replace(/(?<=\p{L})['’ʼ`´‘](?=\p{L})/gu, '');
  s = s.replace(/(?<=[\p{L}\p{N}])[-‐‑–](?=[\p{L}\p{N}])/gu, '');
  s = s.replace(/[^\p{L}\p{N}\p{M}]+/gu, ' ');
  return s.trim();
}

export const HAN = /\p{Script=Han}/u;
export const HAN_ALL = /\p{Script=Han}/gu;

export type Script = 'latin' | 'han' | 'cyrillic' | 'arabic' | 'hangul' | 'kana' | 'greek' | 'other';

/** The script of one token, decided by its first letter (names rarely mix scripts inside a word). */
export function scriptOf(token: string): Script {
  const code = token.charCodeAt(0);
  if (code < 0x250) {
    return 'latin';
  }
  const ch = token.match(/\p{L}/u)?.[0] ?? '';
  if (/\p{Script=Latin}/u.test(ch) || ch === '') {
    return 'latin';
  }
  if (/\p{Script=Han}/u.test(ch)) {
    return 'han';
  }
  if (/\p{Script=Cyrillic}/u.test(ch)) {
    return 'cyrillic';
  }
  if (/\p{Script=Arabic}/u.test(ch)) {
    return 'arabic';
  }
  if (/\p{Script=Hangul}/u.test(ch)) {
    return 'hangul';
  }
  if (/[\p{Script=Hiragana}\p{Script=Katakana}]/u.test(ch)) {
    return 'kana';
  }
  if (/\p{Script=Greek}/u.test(ch)) {
    return 'greek';
  }
  return 'other';
}

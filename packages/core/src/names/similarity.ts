/** String similarities and phonetic keys over romanised, normalised tokens. */

/** Jaro–Winkler similarity, 0..1 (prefix scale 0.1, up to 4 characters). */
export function jaroWinkler(a: string, b: string): number {
  if (a === b) {
    return 1;
  }
  const la = a.length;
  const lb = b.length;
  if (la === 0 || lb === 0) {
    return 0;
  }
  const range = Math.max(0, Math.floor(Math.max(la, lb) / 2) - 1);
  const ma = new Uint8Array(la);
  const mb = new Uint8Array(lb);
  let matches = 0;
  for (let i = 0; i < la; i++) {
    const lo = Math.max(0, i - range);
    const hi = Math.min(lb - 1, i + range);
    for (let j = lo; j <= hi; j++) {
      if (!mb[j] && a.charCodeAt(i) === b.charCodeAt(j)) {
        ma[i] = 1;
        mb[j] = 1;
        matches++;
        break;
      }
    }
  }
  if (matches === 0) {
    return 0;
  }
  let t = 0;
  let k = 0;
  for (let i = 0; i < la; i++) {
    if (ma[i]) {
      while (!mb[k]) {
        k++;
      }
      if (a.charCodeAt(i) !== b.charCodeAt(k)) {
        t++;
      }
      k++;
    }
  }
  const jaro = (matches / la + matches / lb + (matches - t / 2) / matches) / 3;
  let prefix = 0;
  while (prefix < 4 && prefix < la && prefix < lb && a.charCodeAt(prefix) === b.charCodeAt(prefix)) {
    prefix++;
  }
  return jaro + prefix * 0.1 * (1 - jaro);
}

/** Levenshtein distance with two rows. */
export function levenshtein(a: string, b: string): number {
  if (a === b) {
    return 0;
  }
  if (a.length === 0) {
    return b.length;
  }
  if (b.length === 0) {
    return a.length;
  }
  let prev = new Array<number>(b.length + 1);
  let cur = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) {
    prev[j] = j;
  }
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const cost = ca === b.charCodeAt(j - 1) ? 0 : 1;
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[b.length]!;
}

/** 1 − distance / longer length. */
export function levenshteinSimilarity(a: string, b: string): number {
  const n = Math.max(a.length, b.length);
  return n === 0 ? 1 : 1 - levenshtein(a, b) / n;
}

const DIGRAPHS: Record<string, string> = {
  kh: 'h',
  gh: 'g',
  ch: 'c',
  sh: 's',
  th: 't',
  ph: 'f',
  dh: 'd',
  hs: 's',
};
const LOOSE_RULES: [RegExp, string | ((m: string) => string)][] = [
  [/[0-9]/g, ''],
  [/shch|sch/g, 's'],
  [/dzh|dj|zh|jh/g, 'j'],
  [/dz/g, 'z'],
  [/kh|gh|ch|sh|th|ph|dh|hs/g, (m) => DIGRAPHS[m] ?? m],
  [/ts|tz|cz|zz/g, 'c'],
  [/q/g, 'k'],
  [/x/g, 's'],
  [/w/g, 'v'],
  [/y/g, 'i'],
  [/ou|oo|eu/g, 'u'],
  [/eo/g, 'o'],
  [/ee|ie$/g, 'i'],
  [/ng\b/g, 'n'],
  [/(.)\1+/g, '$1'],
];

/**
 * Folds spelling variants that transliteration systems disagree on (kh/h, zh/j, y/i, w/v, ts/c,
 * doubled letters, -ng/-n), so Хрущёв → khrushchev, chruschtschow and hruscev meet.
 */
export function looseKey(token: string): string {
  let s = token;
  for (const [re, rep] of LOOSE_RULES) {
    s = typeof rep === 'string' ? s.replace(re, rep) : s.replace(re, rep);
  }
  return s;
}

/** A consonant skeleton: the loose key without vowels after the first letter (Arabic and Hebrew write few vowels). */
export function skeletonKey(token: string): string {
  const l = looseKey(token);
  return l.slice(0, 1) + l.slice(1).replace(/[aeiouh]/g, '');
}

/** A coarse phonetic key in the spirit of Metaphone: for blocking and the phonetic feature. */
export function phoneticKey(token: string): string {
  let s = looseKey(token.replace(/[^a-z]/g, ''));
  s = s
    .replace(/c(?=[ei])/g, 's')
    .replace(/c/g, 'k')
    .replace(/z/g, 's')
    .replace(/v/g, 'f')
    .replace(/[bp]/g, 'p')
    .replace(/[dt]/g, 't')
    .replace(/[gk]/g, 'k')
    .replace(/j/g, 'i')
    .replace(/r/g, 'l')
    .replace(/h/g, '');
  if (s.length === 0) {
    return '';
  }
  const head = /[aeiou]/.test(s[0]!) ? 'a' : s[0]!;
  return (head + s.slice(1).replace(/[aeiou]/g, '')).replace(/(.)\1+/g, '$1');
}

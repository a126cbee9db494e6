/** Turns one name into comparable tokens: romanised, typed (name / descriptor / qualifier), with variants. */
import { chineseNameReadings, pinyinSyllables } from './chinese.ts';
import { HAN_TERMS, lookupPhrase, ORG_PREFIXES, PERSON_PREFIXES, type LexKind } from './lexicon.ts';
import { normalizeName, scriptOf, type Script } from './normalize.ts';
import { romanizeArabic, romanizeCyrillic, romanizeHangul, romanizeOther } from './scripts.ts';
import { looseKey, phoneticKey } from './similarity.ts';
import { wadeGilesToPinyin } from './wadegiles.ts';

export type NameKind = 'person' | 'org' | 'any';

/** Schemas as in FollowTheMoney; anything else is compared as `any`. */
export function kindOfSchema(schema: string | undefined): NameKind {
  const s = (schema ?? '').toLowerCase();
  if (s === 'person') {
    return 'person';
  }
  if (['organization', 'organisation', 'company', 'publicbody', 'bank', 'vessel', 'airplane'].includes(s)) {
    return 'org';
  }
  return 'any';
}

export interface NameToken {
  /** Romanised text, or the canonical key for descriptors/qualifiers. */
  text: string;
  loose: string;
  phonetic: string;
  kind: 'name' | 'symbol' | 'admin';
}

export interface NameVariant {
  /** How the non-Latin parts were romanised (e.g. "pinyin", "wade-giles", "cyrillic"). */
  system: string;
  tokens: NameToken[];
}

export interface NameAnalysis {
  original: string;
  normalized: string;
  kind: NameKind;
  scripts: Script[];
  variants: NameVariant[];
  legalForms: string[];
  numbers: string[];
}

const LEET: Record<string, string> = {
  '0': 'o',
  '1': 'i',
  '3': 'e',
  '4': 'a',
  '5': 's',
  '7': 't',
  '8': 'b',
  '9': 'g',
};

const ROMAN = new Map(
  ['ii', 'iii', 'iv', 'vi', 'vii', 'viii', 'ix', 'xi', 'xii'].map((r, i) => [
    r,
    String([2, 3, 4, 6, 7, 8, 9, 11, 12][i]),
  ]),
);

const PLAIN_WORD = /^[a-z0-9]+$/;
const tokenCache = new Map<string, NameToken>();
/** Name words repeat across a batch: their keys are computed once (bounded cache). */
function nameToken(text: string): NameToken {
  let t = tokenCache.get(text);
  if (!t) {
    if (tokenCache.size > 100_000) {
      tokenCache.clear();
    }
    t = { text, loose: looseKey(text), phonetic: phoneticKey(text), kind: 'name' };
    tokenCache.set(text, t);
  }
  return t;
}
const keyToken = (key: string, kind: 'symbol' | 'admin'): NameToken => ({
  text: key,
  loose: key,
  phonetic: key,
  kind,
});

/** Cuts a Han organisation name into known terms and the pinyin of what lies between (福州市公安局 → fuzhou, city, psb). */
function segmentHanOrg(run: string): string[][] {
  const out: string[] = [];
  let rest = '';
  let i = 0;
  const chars = [...run];
  const flush = (): void => {
    if (rest) {
      out.push(pinyinSyllables(rest).join(''));
      rest = '';
    }
  };
  while (i < chars.length) {
    const tail = chars.slice(i).join('');
    const term = HAN_TERMS.find((t) => tail.startsWith(t));
    if (term) {
      flush();
      out.push(term);
      i += [...term].length;
    } else {
      rest += chars[i];
      i++;
    }
  }
  flush();
  return [out];
}

interface Part {
  /** Alternatives: index 0 is the primary romanisation; each alternative is a list of words. */
  alts: string[][];
  systems: string[];
}

function romanizeToken(token: string, kind: NameKind, index: number, wholeIsHan: boolean, nWords = 1): Part {
  const script = scriptOf(token);
  switch (script) {
    case 'latin': {
      // Wade–Giles is read only in names of two or more words (family + given), where it is likely
      const py = kind === 'org' || nWords < 2 ? undefined : wadeGilesToPinyin(token);
      return py
        ? { alts: [[token], [py]], systems: ['latin', 'wade-giles→pinyin'] }
        : { alts: [[token]], systems: ['latin'] };
    }
    case 'han':
      if (
        kind === 'org' ||
        (!wholeIsHan && kind !== 'person') ||
        (kind !== 'person' && [...token].length > 4)
      ) {
        return { alts: segmentHanOrg(token), systems: ['pinyin'] };
      }
      {
        const r = chineseNameReadings(token);
        return {
          alts: [r.pinyin, r.wadeGiles, r.cantonese, r.foreign],
          systems: ['pinyin', 'wade-giles', 'cantonese', 'foreign-name'],
        };
      }
    case 'cyrillic':
      return { alts: [[romanizeCyrillic(token)]], systems: ['cyrillic'] };
    case 'arabic': {
      const r = romanizeArabic(token);
      const noArticle = /^al./.test(r) && token.startsWith('ال') ? r.slice(2) : undefined;
      return noArticle
        ? { alts: [[r], [noArticle]], systems: ['arabic', 'arabic'] }
        : { alts: [[r]], systems: ['arabic'] };
    }
    case 'hangul': {
      const alts = romanizeHangul(token, index === 0).map((s) => s.split(' '));
      return { alts, systems: alts.map(() => 'revised-romanization') };
    }
    case 'kana':
    case 'greek':
    case 'other':
      return { alts: [[romanizeOther(token)]], systems: [script === 'kana' ? 'hepburn' : 'any-ascii'] };
  }
}

/** Replaces legal forms, descriptors and qualifiers by typed tokens (longest phrase first). */
function typeWords(words: string[], kind: NameKind, legalForms: string[]): NameToken[] {
  const kinds: LexKind[] = kind === 'person' ? [] : ['legal', 'admin', 'symbol'];
  const out: NameToken[] = [];
  let i = 0;
  while (i < words.length) {
    let hit: { kind: LexKind; key: string; n: number } | undefined;
    for (let n = Math.min(5, words.length - i); n >= 1 && kinds.length > 0; n--) {
      const found = lookupPhrase(words.slice(i, i + n).join(' '), kinds);
      if (found) {
        hit = { ...found, n };
        break;
      }
    }
    if (!hit) {
      out.push(nameToken(words[i]!));
      i++;
      continue;
    }
    if (hit.kind === 'legal') {
      legalForms.push(hit.key);
    } else {
      out.push(keyToken(hit.key, hit.kind));
    }
    i += hit.n;
  }
  if (!out.some((t) => t.kind === 'name') && legalForms.length > 0 && out.length === 0) {
    // a name that is only a legal form ("AG") keeps its words
    return words.map(nameToken);
  }
  return out;
}

/** Analyses one name; pure and cached by the caller. */
export function analyzeName(original: string, schema?: string): NameAnalysis {
  const kind = kindOfSchema(schema);
  const normalized = normalizeName(original);
  const numbers: string[] = [];
  let words = normalized.split(' ').filter(Boolean);
  const scripts = [...new Set(words.map(scriptOf))];
  words = words.flatMap((w) => {
    if (/^\p{N}+$/u.test(w) || (kind !== 'person' && ROMAN.has(w))) {
      numbers.push(ROMAN.get(w) ?? String(Number(w.replace(/\D/g, '')) || w));
      return [];
    }
    if (/\p{L}/u.test(w) && /\d/.test(w)) {
      const letters = w.replace(/\d/g, '').length;
      if (kind === 'person' || letters > w.length - letters + 1) {
        return [w.replace(/\d/g, (d) => LEET[d] ?? '')];
      }
      numbers.push(...(w.match(/\d+/g) ?? []));
    }
    return [w];
  });
  if (kind !== 'org' && words.length > 1) {
    const kept = words.filter((w) => !PERSON_PREFIXES.has(w));
    words = kept.length > 0 ? kept : words;
  }
  if (kind !== 'person' && words.length > 1 && ORG_PREFIXES.has(words[0]!)) {
    words = words.slice(1);
  }
  const wholeIsHan = words.length === 1 && scriptOf(words[0]!) === 'han';
  const parts = words.map((w, i) => romanizeToken(w, kind, i, wholeIsHan, words.length));
  const nVariants = Math.max(1, ...parts.map((p) => p.alts.length));
  const variants: NameVariant[] = [];
  const legalForms: string[] = [];
  for (let v = 0; v < nVariants; v++) {
    const chosen = parts.map((p) => p.alts[Math.min(v, p.alts.length - 1)]!);
    const systems = parts
      .map((p) => p.systems[Math.min(v, p.systems.length - 1)]!)
      .filter((s) => s !== 'latin');
    const lf: string[] = [];
    const flat = chosen
      .flat()
      .flatMap((w) => (PLAIN_WORD.test(w) ? [w] : normalizeName(w).split(' ').filter(Boolean)));
    const tokens = typeWords(flat, kind, lf);
    if (v === 0) {
      legalForms.push(...lf);
    }
    variants.push({ system: [...new Set(systems)].join('+') || 'latin', tokens });
  }
  return { original, normalized, kind, scripts, variants, legalForms, numbers };
}

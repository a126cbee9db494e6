/** Pairwise name comparison with an explanation: every feature that moved the score is returned. */
import { analyzeName, kindOfSchema, type NameAnalysis, type NameToken, type NameVariant } from './analyze.ts';
import { NICKNAMES } from './lexicon.ts';
import { jaroWinkler, levenshteinSimilarity } from './similarity.ts';
import { cyrillicLatinSimilarity, hanLatinSimilarity, type HanLatinMatch } from './transcription.ts';

export interface NameFeature {
  name: string;
  /** The feature's value, 0..1 for similarities, a multiplier for penalties. */
  value: number;
  /** Its share of the weighted sum, or 0 for multiplicative penalties. */
  weight: number;
  note: string;
}

export interface NameComparison {
  score: number;
  match: boolean;
  threshold: number;
  features: NameFeature[];
}

/** Tuned on the development half of nomenklatura name_bench only (see packages/core/eval/names.eval.ts). */
export const NAME_PARAMS = {
  threshold: 0.775,
  wDice: 0.5,
  wCover: 0.3,
  wJoined: 0.2,
  tokenFloor: 0.7,
  numberMismatch: 0.3,
  numberOneSided: 0.85,
  legalMismatch: 0.75,
  orderPenalty: 1,
  joinedAlone: 0.9,
  conflict: 0.85,
  wSound: 0.15,
  /** 1: a Latin name of several words may also be scored by its reading against Han characters. */
  hanMulti: 0,
  /** Scale on the Cyrillic letter-lattice similarity before it competes with the word alignment. */
  cyrScale: 1,
};

/** When one name is written only in Han characters and the other only in Latin letters. */
function hanLatin(na: NameAnalysis, nb: NameAnalysis): HanLatinMatch | undefined {
  const only = (x: NameAnalysis, s: string): boolean => x.scripts.length === 1 && x.scripts[0] === s;
  if (na.kind === 'org' || nb.kind === 'org') {
    return undefined;
  }
  const words = (x: NameAnalysis): string[] => x.normalized.split(' ').filter(Boolean);
  if (only(na, 'han') && only(nb, 'latin')) {
    return hanLatinSimilarity(words(na), words(nb));
  }
  if (only(nb, 'han') && only(na, 'latin')) {
    return hanLatinSimilarity(words(nb), words(na));
  }
  return undefined;
}

const CYR_PATRONYMIC = /(вич|вна|ична|ьич)$/;

/** When one name is written only in Cyrillic and the other only in Latin letters: the best word order. */
function cyrillicLatin(na: NameAnalysis, nb: NameAnalysis): number | undefined {
  const only = (x: NameAnalysis, s: string): boolean => x.scripts.length === 1 && x.scripts[0] === s;
  const words = (x: NameAnalysis): string[] => x.normalized.split(' ').filter(Boolean);
  const [cyr, lat] =
    only(na, 'cyrillic') && only(nb, 'latin')
      ? [na, nb]
      : only(nb, 'cyrillic') && only(na, 'latin')
        ? [nb, na]
        : [];
  if (!cyr || !lat || na.kind === 'org' || nb.kind === 'org') {
    return undefined;
  }
  const l = words(lat);
  let c = words(cyr);
  if (c.length === l.length + 1) {
    // a patronymic (Викторович, Петровна) is often left out of the Latin form
    c = c.filter((w, i) => i === 0 || !CYR_PATRONYMIC.test(w));
  }
  if (c.length !== l.length || c.length > 3) {
    return undefined;
  }
  const orders =
    c.length === 1
      ? [l]
      : c.length === 2
        ? [l, [l[1]!, l[0]!]]
        : [l, [l[2]!, l[0]!, l[1]!], [l[1]!, l[2]!, l[0]!]];
  return Math.max(...orders.map((o) => cyrillicLatinSimilarity(c, o)));
}

const cache = new Map<string, NameAnalysis>();
/** Cached analysis (names repeat a lot in batches); the cache is bounded. */
export function analyzeCached(name: string, schema?: string): NameAnalysis {
  const key = `${kindOfSchema(schema)}\u0000${name}`;
  let a = cache.get(key);
  if (!a) {
    if (cache.size > 50_000) {
      cache.clear();
    }
    a = analyzeName(name, schema);
    cache.set(key, a);
  }
  return a;
}

/** Patronymics (Viktorovich, Petrivna) are often left out: they weigh half a word. */
const PATRONYMIC = /(ovich|evich|ovna|evna|ovych|ivna)$/;
const weightOf = (t: NameToken): number =>
  t.kind === 'admin'
    ? 0.25
    : t.kind === 'symbol'
      ? 0.7
      : t.text.length <= 1 || PATRONYMIC.test(t.text)
        ? 0.5
        : 1;

interface TokenSim {
  sim: number;
  how: 'exact' | 'edit' | 'translit' | 'phonetic' | 'initial' | 'nickname' | 'key';
}

function tokenSim(a: NameToken, b: NameToken, floor: number): TokenSim {
  if (a.kind !== 'name' || b.kind !== 'name') {
    return { sim: a.kind === b.kind && a.text === b.text ? 1 : 0, how: 'key' };
  }
  if (a.text === b.text) {
    return { sim: 1, how: 'exact' };
  }
  if (a.text.length === 1 || b.text.length === 1) {
    return { sim: a.text[0] === b.text[0] ? 0.8 : 0, how: 'initial' };
  }
  const na = NICKNAMES.get(a.text) ?? a.text;
  const nb = NICKNAMES.get(b.text) ?? b.text;
  if (na === nb) {
    return { sim: 0.92, how: 'nickname' };
  }
  let best: TokenSim = { sim: jaroWinkler(a.text, b.text), how: 'edit' };
  if (a.loose === b.loose) {
    best = { sim: Math.max(best.sim, 0.98), how: 'translit' };
  } else {
    const l = jaroWinkler(a.loose, b.loose) * 0.97;
    if (l > best.sim) {
      best = { sim: l, how: 'translit' };
    }
  }
  if (best.sim < 0.9 && a.phonetic.length >= 2 && a.phonetic === b.phonetic) {
    best = { sim: 0.9, how: 'phonetic' };
  }
  // below the floor a pairing is noise: scale the rest of the range down to zero
  const s = best.sim <= floor ? 0 : (best.sim - floor) / (1 - floor);
  return { sim: s, how: best.how };
}

interface Alignment {
  dice: number;
  cover: number;
  joined: number;
  pairs: { a: string; b: string; sim: number; how: TokenSim['how'] }[];
  unmatchedA: string[];
  unmatchedB: string[];
  crossed: boolean;
  /** Pairs so unlike that they count half as a conflict. */
  weak: number;
  kindsA: Set<string>;
  kindsB: Set<string>;
}

function align(va: NameVariant, vb: NameVariant): Alignment {
  const ta = va.tokens;
  const tb = vb.tokens;
  const cand: { i: number; j: number; s: TokenSim }[] = [];
  for (let i = 0; i < ta.length; i++) {
    for (let j = 0; j < tb.length; j++) {
      const s = tokenSim(ta[i]!, tb[j]!, NAME_PARAMS.tokenFloor);
      if (s.sim > 0) {
        cand.push({ i, j, s });
      }
    }
  }
  cand.sort((x, y) => y.s.sim - x.s.sim);
  const usedA = new Set<number>();
  const usedB = new Set<number>();
  const pairs: Alignment['pairs'] = [];
  const order: [number, number][] = [];
  let m = 0;
  for (const c of cand) {
    if (usedA.has(c.i) || usedB.has(c.j)) {
      continue;
    }
    usedA.add(c.i);
    usedB.add(c.j);
    const x = ta[c.i]!;
    const y = tb[c.j]!;
    m += (c.s.sim * (weightOf(x) + weightOf(y))) / 2;
    pairs.push({ a: x.text, b: y.text, sim: c.s.sim, how: c.s.how });
    order.push([c.i, c.j]);
  }
  const wa = ta.reduce((s, t) => s + weightOf(t), 0);
  const wb = tb.reduce((s, t) => s + weightOf(t), 0);
  // words glued together or in another order: compare the whole names as written and with sorted words
  const words = (ts: NameToken[]): string[] => ts.filter((t) => t.kind !== 'admin').map((t) => t.loose);
  const xa = words(ta);
  const xb = words(tb);
  const joined =
    xa.length && xb.length
      ? Math.max(
          levenshteinSimilarity(xa.join(''), xb.join('')),
          levenshteinSimilarity([...xa].sort().join(''), [...xb].sort().join('')),
        )
      : 0;
  order.sort((x, y) => x[0] - y[0]);
  const crossed = order.some((p, k) => k > 0 && p[1] < order[k - 1]![1]);
  return {
    dice: wa + wb > 0 ? (2 * m) / (wa + wb) : 0,
    cover: Math.min(wa, wb) > 0 ? m / Math.min(wa, wb) : 0,
    joined,
    pairs,
    unmatchedA: ta.filter((t, i) => !usedA.has(i) && t.kind !== 'admin').map((t) => t.text),
    unmatchedB: tb.filter((t, j) => !usedB.has(j) && t.kind !== 'admin').map((t) => t.text),
    weak: pairs.filter((p) => p.sim < 0.5).length,
    crossed,
    kindsA: new Set(ta.filter((t) => t.kind === 'symbol').map((t) => t.text)),
    kindsB: new Set(tb.filter((t) => t.kind === 'symbol').map((t) => t.text)),
  };
}

const HAN_SYSTEMS = /pinyin|wade|cantonese|foreign/;

/** Across scripts: similarity of the whole names' phonetic skeletons (r/l, voicing and vowels folded). */
function soundSimilarity(va: NameVariant, vb: NameVariant): number {
  const key = (v: NameVariant): string =>
    v.tokens
      .filter((t) => t.kind === 'name')
      .map((t) => t.phonetic)
      .join('');
  const a = key(va);
  const b = key(vb);
  return a.length >= 2 && b.length >= 2 ? jaroWinkler(a, b) : -1;
}

const round = (x: number): number => Math.round(x * 1000) / 1000;

/**
 * Compares two names of the same thing; `schema` is a FollowTheMoney schema (Person, Organization,
 * Company, PublicBody, LegalEntity …). Pure and synchronous.
 */
export function compareNames(a: string, b: string, schema?: string): NameComparison {
  const P = NAME_PARAMS;
  const na = analyzeCached(a, schema);
  const nb = analyzeCached(b, schema);
  let best: { al: Alignment; base: number; va: NameVariant; vb: NameVariant } | undefined;
  for (const va of na.variants) {
    for (const vb of nb.variants) {
      const al = align(va, vb);
      const cross = HAN_SYSTEMS.test(va.system) || HAN_SYSTEMS.test(vb.system);
      const sound = cross ? soundSimilarity(va, vb) : 0;
      const plain = Math.max(
        P.wDice * al.dice + P.wCover * al.cover + P.wJoined * al.joined,
        al.joined * P.joinedAlone,
      );
      const base = cross && sound >= 0 ? plain * (1 - P.wSound) + sound * P.wSound : plain;
      if (!best || base > best.base) {
        best = { al, base, va, vb };
      }
    }
  }
  const features: NameFeature[] = [];
  if (!best || (na.variants[0]?.tokens.length ?? 0) === 0 || (nb.variants[0]?.tokens.length ?? 0) === 0) {
    return {
      score: 0,
      match: false,
      threshold: P.threshold,
      features: [{ name: 'empty', value: 0, weight: 0, note: 'one name has no comparable words' }],
    };
  }
  const { al, va, vb } = best;
  const pairNote = al.pairs.map((p) => `${p.a}~${p.b} ${round(p.sim)} (${p.how})`).join(', ');
  features.push({
    name: 'token_alignment',
    value: round(al.dice),
    weight: P.wDice,
    note: `paired: ${pairNote || 'none'}; unpaired: ${[...al.unmatchedA, ...al.unmatchedB].join(' ') || 'none'}`,
  });
  features.push({
    name: 'coverage',
    value: round(al.cover),
    weight: P.wCover,
    note: 'share of the shorter name accounted for',
  });
  features.push({
    name: 'joined_similarity',
    value: round(al.joined),
    weight: P.wJoined,
    note: 'edit similarity of the names written without spaces (loose spelling)',
  });
  const hows = new Set(al.pairs.map((p) => p.how));
  if (hows.has('phonetic')) {
    features.push({
      name: 'phonetic',
      value: 1,
      weight: 0,
      note: 'some words differ in spelling but sound alike',
    });
  }
  if (hows.has('initial')) {
    features.push({ name: 'initials', value: 1, weight: 0, note: 'an initial was paired with a full word' });
  }
  if (va.system !== 'latin' || vb.system !== 'latin') {
    features.push({
      name: 'script',
      value: 1,
      weight: 0,
      note: `compared romanised forms: ${va.system} / ${vb.system}`,
    });
  }
  let score = best.base;
  const conflicts = Math.min(al.unmatchedA.length, al.unmatchedB.length) + al.weak / 2;
  if (conflicts > 0 && P.conflict < 1) {
    const f = P.conflict ** conflicts;
    score *= f;
    features.push({
      name: 'conflict',
      value: round(f),
      weight: 0,
      note: `${conflicts} word(s) on each side have no counterpart`,
    });
  }
  const cl = cyrillicLatin(na, nb);
  if (cl !== undefined && cl * P.cyrScale > score) {
    features.push({
      name: 'cyrillic_reading',
      value: round(cl),
      weight: 0,
      note: `Latin spelling read against the Cyrillic letters' usual transliterations (score ${round(score)} → ${round(cl * P.cyrScale)})`,
    });
    score = cl * P.cyrScale;
  }
  const hl = hanLatin(na, nb);
  if (hl) {
    const before = score;
    // a one-word Latin name is read against the characters alone (the word alignment overrates short
    // candidates); with several words a Western given name may have no counterpart, so the word
    // alignment decides unless hanMulti lets the reading raise it (it lowered CEDICT retrieval)
    score = hl.latinWords === 1 ? hl.similarity : P.hanMulti ? Math.max(score, hl.similarity) : score;
    features.push({
      name: 'han_reading',
      value: round(hl.similarity),
      weight: 0,
      note: `Latin spelling read against the characters' Mandarin, Wade–Giles, Cantonese and transcription sounds${hl.surnameLast ? ', family name last' : ''} (score ${round(before)} → ${round(score)})`,
    });
  }
  const numsA = [...new Set(na.numbers)].sort().join(',');
  const numsB = [...new Set(nb.numbers)].sort().join(',');
  if (numsA && numsB && numsA !== numsB) {
    score *= P.numberMismatch;
    features.push({
      name: 'numbers',
      value: P.numberMismatch,
      weight: 0,
      note: `numbers disagree: ${numsA} vs ${numsB}`,
    });
  } else if (numsA !== numsB) {
    score *= P.numberOneSided;
    features.push({
      name: 'numbers',
      value: P.numberOneSided,
      weight: 0,
      note: `only one name has a number: ${numsA || numsB}`,
    });
  } else if (numsA) {
    features.push({ name: 'numbers', value: 1, weight: 0, note: `numbers agree: ${numsA}` });
  }
  const lfA = [...new Set(na.legalForms)];
  const lfB = [...new Set(nb.legalForms)];
  if (lfA.length && lfB.length) {
    const agree = lfA.some((x) => lfB.includes(x));
    if (!agree) {
      score *= P.legalMismatch;
    }
    features.push({
      name: 'legal_form',
      value: agree ? 1 : P.legalMismatch,
      weight: 0,
      note: `${lfA.join('/')} vs ${lfB.join('/')}`,
    });
  } else if (lfA.length || lfB.length) {
    features.push({
      name: 'legal_form',
      value: 1,
      weight: 0,
      note: `legal form on one side only (${[...lfA, ...lfB].join('/')}), ignored`,
    });
  }
  if (al.kindsA.size && al.kindsB.size) {
    const shared = [...al.kindsA].filter((k) => al.kindsB.has(k));
    features.push({
      name: 'org_type',
      value: shared.length ? 1 : 0,
      weight: 0,
      note: shared.length
        ? `same kind of body: ${shared.join(', ')}`
        : `different kinds: ${[...al.kindsA].join(',')} vs ${[...al.kindsB].join(',')}`,
    });
  }
  if (al.crossed && P.orderPenalty < 1 && na.kind === 'person') {
    score *= P.orderPenalty;
    features.push({
      name: 'order',
      value: P.orderPenalty,
      weight: 0,
      note: 'the words pair up in a different order',
    });
  }
  score = Math.max(0, Math.min(1, score));
  return { score: round(score), match: score >= P.threshold, threshold: P.threshold, features };
}

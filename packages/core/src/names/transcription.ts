/**
 * Latin spelling read directly against Han characters. Every character stands for a small set of
 * possible Latin spellings: its Mandarin readings (all of pinyin-pro's heteronyms) split into initial
 * and final with the spellings each part takes in Wade–Giles, Cantonese and Hokkien romanisations and in
 * the way Chinese writes foreign names (斯 for a lone s, 尔 for r or l, 德 for d), its Cantonese readings
 * (to-jyutping) in Hong Kong spelling, and for a leading surname the dialect spellings of our own table
 * (surnames.ts). A weighted edit distance then runs over that lattice of spellings, so the Latin word
 * chooses, character by character, the reading that fits it best ("heines" ~ 海 hai|hei + 因 in + 斯 s).
 */
import { pinyin } from 'pinyin-pro';
import ToJyutping from 'to-jyutping';
import { jyutpingToHongKong, pinyinToWadeGiles, splitHanName } from './chinese.ts';
import { SURNAME_SPELLINGS } from './surnames.ts';

/** Alternatives for one part of a syllable, each with an extra cost (0 = the usual spelling). */
export type Alts = readonly (readonly [string, number])[];
/** One way of reading a character: a sequence of parts (initial, final) or a whole spelling. */
export type Path = readonly Alts[];

const PY_INITIALS = [
  'zh',
  'ch',
  'sh',
  'b',
  'p',
  'm',
  'f',
  'd',
  't',
  'n',
  'l',
  'g',
  'k',
  'h',
  'j',
  'q',
  'x',
  'r',
  'z',
  'c',
  's',
  'y',
  'w',
];

// Spellings a pinyin initial takes across Wade–Giles, Cantonese/Hokkien forms and foreign-name transcription.
const INITIAL_ALTS: Record<string, Alts> = {
  b: [
    ['b', 0],
    ['p', 0.1],
  ],
  p: [
    ['p', 0],
    ['b', 0.2],
    ['ph', 0.2],
  ],
  m: [['m', 0]],
  f: [
    ['f', 0],
    ['v', 0.1],
    ['ph', 0.1],
    ['w', 0.4],
  ],
  d: [
    ['d', 0],
    ['t', 0.1],
  ],
  t: [
    ['t', 0],
    ['th', 0.1],
    ['d', 0.2],
  ],
  n: [['n', 0]],
  l: [
    ['l', 0],
    ['r', 0.1],
  ],
  g: [
    ['g', 0],
    ['k', 0.1],
    ['gu', 0.3],
    ['c', 0.3],
  ],
  k: [
    ['k', 0],
    ['c', 0.1],
    ['ck', 0.1],
    ['q', 0.2],
    ['kh', 0.2],
    ['ch', 0.3],
    ['g', 0.3],
  ],
  h: [
    ['h', 0],
    ['kh', 0.2],
    ['ch', 0.3],
    ['x', 0.4],
    ['j', 0.4],
    ['', 0.4],
    ['f', 0.4],
  ],
  j: [
    ['j', 0],
    ['ch', 0.1],
    ['g', 0.1],
    ['dj', 0.2],
    ['dzh', 0.3],
    ['z', 0.3],
    ['k', 0.3],
    ['ts', 0.3],
  ],
  q: [
    ['q', 0],
    ['ch', 0.1],
    ['k', 0.2],
    ['tch', 0.2],
    ['c', 0.3],
    ['ts', 0.3],
  ],
  x: [
    ['x', 0],
    ['hs', 0.1],
    ['s', 0.1],
    ['sh', 0.2],
    ['sch', 0.3],
    ['h', 0.3],
    ['ch', 0.3],
  ],
  zh: [
    ['zh', 0],
    ['ch', 0.1],
    ['j', 0.1],
    ['g', 0.3],
    ['dj', 0.3],
    ['z', 0.3],
    ['ts', 0.3],
  ],
  ch: [
    ['ch', 0],
    ['tch', 0.1],
    ['tsch', 0.2],
    ['c', 0.2],
    ['sh', 0.3],
    ['ts', 0.3],
  ],
  sh: [
    ['sh', 0],
    ['s', 0.1],
    ['sch', 0.1],
    ['ch', 0.2],
    ['sz', 0.3],
  ],
  r: [
    ['r', 0],
    ['j', 0.1],
    ['zh', 0.3],
    ['y', 0.3],
    ['l', 0.3],
  ],
  z: [
    ['z', 0],
    ['ts', 0.1],
    ['tz', 0.1],
    ['dz', 0.2],
    ['s', 0.2],
    ['ch', 0.3],
  ],
  c: [
    ['c', 0],
    ['ts', 0.1],
    ['tz', 0.1],
    ['tsz', 0.2],
    ['z', 0.2],
    ['ch', 0.3],
  ],
  s: [
    ['s', 0],
    ['ss', 0.1],
    ['z', 0.2],
    ['c', 0.2],
    ['sz', 0.3],
  ],
  y: [
    ['y', 0],
    ['i', 0.1],
    ['j', 0.2],
    ['', 0.2],
  ],
  w: [
    ['w', 0],
    ['v', 0.1],
    ['u', 0.1],
    ['', 0.2],
  ],
  '': [['', 0]],
};

// Spellings of pinyin finals; '' marks finals that foreign-name transcription often leaves silent (斯 si = s).
const FINAL_ALTS: Record<string, Alts> = {
  a: [
    ['a', 0],
    ['ah', 0.1],
    ['ar', 0.2],
    ['e', 0.3],
  ],
  o: [
    ['o', 0],
    ['au', 0.2],
    ['aw', 0.2],
    ['', 0.3],
  ],
  e: [
    ['e', 0],
    ['', 0.2],
    ['a', 0.2],
    ['o', 0.2],
    ['er', 0.3],
    ['u', 0.3],
    ['i', 0.3],
  ],
  i: [
    ['i', 0],
    ['', 0.2],
    ['e', 0.2],
    ['y', 0.1],
    ['ee', 0.1],
    ['ih', 0.1],
    ['u', 0.3],
    ['zu', 0.3],
    ['su', 0.3],
  ],
  u: [
    ['u', 0],
    ['', 0.2],
    ['oo', 0.1],
    ['ou', 0.1],
    ['o', 0.2],
    ['w', 0.3],
  ],
  v: [
    ['u', 0],
    ['ue', 0.1],
    ['yu', 0.1],
    ['ü', 0.1],
    ['i', 0.3],
  ],
  ai: [
    ['ai', 0],
    ['e', 0.1],
    ['ay', 0.1],
    ['ei', 0.1],
    ['a', 0.2],
    ['i', 0.3],
  ],
  ei: [
    ['ei', 0],
    ['e', 0.1],
    ['ay', 0.1],
    ['ey', 0.1],
    ['a', 0.2],
    ['i', 0.2],
  ],
  ao: [
    ['ao', 0],
    ['o', 0.1],
    ['au', 0.1],
    ['ow', 0.1],
    ['oh', 0.2],
  ],
  ou: [
    ['ou', 0],
    ['o', 0.1],
    ['ow', 0.1],
    ['u', 0.2],
    ['au', 0.2],
  ],
  an: [
    ['an', 0],
    ['en', 0.2],
    ['on', 0.2],
    ['un', 0.3],
    ['ann', 0.1],
    ['am', 0.3],
  ],
  en: [
    ['en', 0],
    ['an', 0.2],
    ['in', 0.2],
    ['on', 0.2],
    ['un', 0.2],
    ['n', 0.2],
    ['em', 0.3],
  ],
  ang: [
    ['ang', 0],
    ['an', 0.1],
    ['ong', 0.2],
    ['on', 0.3],
  ],
  eng: [
    ['eng', 0],
    ['en', 0.1],
    ['ung', 0.2],
    ['ing', 0.2],
    ['un', 0.3],
    ['an', 0.3],
  ],
  ong: [
    ['ong', 0],
    ['ung', 0.1],
    ['on', 0.1],
    ['un', 0.2],
  ],
  er: [
    ['er', 0],
    ['erh', 0.1],
    ['r', 0.1],
    ['l', 0.2],
    ['ar', 0.2],
    ['ir', 0.2],
    ['or', 0.2],
    ['ur', 0.2],
  ],
  ia: [
    ['ia', 0],
    ['ya', 0.1],
    ['a', 0.2],
    ['ja', 0.2],
  ],
  ie: [
    ['ie', 0],
    ['ieh', 0.1],
    ['ye', 0.1],
    ['e', 0.2],
    ['je', 0.2],
  ],
  iao: [
    ['iao', 0],
    ['io', 0.1],
    ['yo', 0.1],
    ['eo', 0.2],
    ['iu', 0.2],
  ],
  iu: [
    ['iu', 0],
    ['iou', 0.1],
    ['yu', 0.1],
    ['u', 0.2],
    ['ew', 0.2],
  ],
  ian: [
    ['ian', 0],
    ['ien', 0.1],
    ['yan', 0.1],
    ['en', 0.2],
    ['an', 0.2],
    ['in', 0.3],
  ],
  in: [
    ['in', 0],
    ['yn', 0.1],
    ['en', 0.2],
    ['ine', 0.2],
    ['im', 0.3],
  ],
  iang: [
    ['iang', 0],
    ['yang', 0.1],
    ['ian', 0.2],
    ['yan', 0.2],
    ['ang', 0.3],
  ],
  ing: [
    ['ing', 0],
    ['in', 0.1],
    ['en', 0.3],
    ['eng', 0.3],
  ],
  iong: [
    ['iong', 0],
    ['iung', 0.1],
    ['yong', 0.1],
    ['ung', 0.3],
  ],
  ua: [
    ['ua', 0],
    ['wa', 0.1],
    ['oi', 0.3],
  ],
  uo: [
    ['uo', 0],
    ['o', 0.1],
    ['wo', 0.1],
  ],
  uai: [
    ['uai', 0],
    ['wai', 0.1],
    ['wy', 0.3],
  ],
  ui: [
    ['ui', 0],
    ['uei', 0.1],
    ['wei', 0.1],
    ['wi', 0.2],
    ['ue', 0.3],
  ],
  uan: [
    ['uan', 0],
    ['wan', 0.1],
    ['uen', 0.2],
    ['on', 0.3],
  ],
  un: [
    ['un', 0],
    ['uen', 0.1],
    ['wen', 0.2],
    ['on', 0.2],
    ['in', 0.3],
  ],
  uang: [
    ['uang', 0],
    ['wang', 0.1],
    ['wan', 0.2],
  ],
  ue: [
    ['ue', 0],
    ['ueh', 0.1],
    ['ye', 0.2],
    ['e', 0.3],
  ],
  ve: [
    ['ue', 0],
    ['ueh', 0.1],
    ['ye', 0.2],
  ],
  van: [
    ['uan', 0],
    ['yuan', 0.1],
    ['uen', 0.2],
  ],
  vn: [
    ['un', 0],
    ['yun', 0.1],
    ['in', 0.3],
  ],
  '': [['', 0]],
};

/** Splits a tone-less pinyin syllable into initial and final (ü written v). */
export function splitPinyin(syl: string): [string, string] {
  const s = syl.replace(/ü/g, 'v');
  const initial = PY_INITIALS.find((i) => s.startsWith(i) && s.length > i.length) ?? '';
  let final = s.slice(initial.length);
  // after j/q/x/y the written u is ü
  if (/^[jqxy]$/.test(initial) && final.startsWith('u')) {
    final = `v${final.slice(1)}`;
  }
  if (initial === 'y' && final.startsWith('v')) {
    return [initial, final];
  }
  return [initial, final];
}

const whole = (s: string, cost = 0): Path => [[[s, cost]]];
const charCache = new Map<string, Path[]>();

/** Every spelling path of one Han character (memoised). */
function charPaths(ch: string, surname: boolean): Path[] {
  const key = surname ? `${ch}S` : ch;
  const hit = charCache.get(key);
  if (hit) {
    return hit;
  }
  const paths: Path[] = [];
  const readings = new Set<string>(
    pinyin(ch, { toneType: 'none', type: 'array', multiple: true }).map((s) =>
      s.toLowerCase().replace(/ü/g, 'v'),
    ),
  );
  if (surname) {
    readings.add(
      pinyin(ch, { toneType: 'none', type: 'array', surname: 'head' })[0]?.toLowerCase().replace(/ü/g, 'v') ??
        '',
    );
  }
  const seen = new Set<string>();
  for (const r of readings) {
    if (!/^[a-z]+$/.test(r)) {
      continue;
    }
    const [ini, fin] = splitPinyin(r);
    const finAlts = FINAL_ALTS[fin];
    paths.push(finAlts ? [INITIAL_ALTS[ini] ?? [[ini, 0]], finAlts] : whole(r));
    const wg = pinyinToWadeGiles(r.replace(/v/g, 'u'));
    if (!seen.has(wg)) {
      seen.add(wg);
      paths.push(whole(wg, 0.05));
    }
  }
  const cands = ToJyutping.getJyutpingCandidates(ch)[0]?.[1] ?? [];
  for (const jp of cands) {
    const hk = jyutpingToHongKong(jp);
    for (const s of [hk, hk.replace(/^ch/, 'ts'), hk.replace(/^ch/, 'tz')]) {
      if (!seen.has(s)) {
        seen.add(s);
        paths.push(whole(s, 0.1));
      }
    }
  }
  if (surname) {
    for (const s of SURNAME_SPELLINGS.get(ch) ?? []) {
      if (!seen.has(s)) {
        seen.add(s);
        paths.push(whole(s, 0.05));
      }
    }
  }
  if (charCache.size > 20_000) {
    charCache.clear();
  }
  charCache.set(key, paths);
  return paths;
}

const VOWELS = 'aeiouy';
const NEAR_PAIRS = [
  'bp',
  'dt',
  'gk',
  'lr',
  'fv',
  'sz',
  'ck',
  'cs',
  'gj',
  'vw',
  'iy',
  'jy',
  'kq',
  'ch',
  'hk',
  'jz',
  'cz',
];
/** Substitution costs between ASCII letters (index a * 128 + b). */
const SUB = new Float64Array(128 * 128).fill(1);
for (let a = 0; a < 128; a++) {
  SUB[a * 128 + a] = 0;
}
for (const x of VOWELS) {
  for (const y of VOWELS) {
    if (x !== y) {
      SUB[x.charCodeAt(0) * 128 + y.charCodeAt(0)] = 0.45;
    }
  }
}
for (const [x, y] of NEAR_PAIRS.map((p) => [p.charCodeAt(0), p.charCodeAt(1)] as const)) {
  SUB[x * 128 + y] = 0.45;
  SUB[y * 128 + x] = 0.45;
}
/** Cost of a reading letter with nothing in the Latin spelling. */
const INS = new Float64Array(128).fill(1);
for (const v of VOWELS) {
  INS[v.charCodeAt(0)] = 0.6;
}
INS[104] = 0.4; // h

/** Cost of each Latin letter that no reading accounts for: doubled letters and h/e are cheap. */
function deletionCosts(lat: string): Float64Array {
  const out = new Float64Array(lat.length);
  for (let j = 0; j < lat.length; j++) {
    const c = lat[j]!;
    out[j] = j > 0 && lat[j - 1] === c ? 0.15 : c === 'h' || c === 'e' ? 0.4 : VOWELS.includes(c) ? 0.6 : 0.9;
  }
  return out;
}

/** Scratch rows, grown on demand (the module is synchronous, so one set is enough). */
let bufA: Float64Array = new Float64Array(64);
let bufB: Float64Array = new Float64Array(64);
let stage: Float64Array[] = [new Float64Array(64), new Float64Array(64), new Float64Array(64)];
let rowA: Float64Array = new Float64Array(64);
let rowB: Float64Array = new Float64Array(64);

/** Extends a DP row (cost of having read lat[0..j]) by the letters of one spelling into `out` (min). */
function runSpelling(
  row: Float64Array,
  lat: Uint8Array,
  del: Float64Array,
  s: string,
  extra: number,
  out: Float64Array,
): void {
  const n = lat.length;
  if (s.length === 0) {
    for (let j = 0; j <= n; j++) {
      const v = row[j]! + extra;
      if (v < out[j]!) {
        out[j] = v;
      }
    }
    return;
  }
  let prev = row;
  let cur = bufA;
  for (let k = 0; k < s.length; k++) {
    const c = s.charCodeAt(k) & 127;
    const ins = INS[c]!;
    const subRow = c * 128;
    cur[0] = prev[0]! + ins;
    for (let j = 1; j <= n; j++) {
      let v = prev[j]! + ins;
      const d = cur[j - 1]! + del[j - 1]!;
      if (d < v) {
        v = d;
      }
      const sb = prev[j - 1]! + SUB[subRow + lat[j - 1]!]!;
      if (sb < v) {
        v = sb;
      }
      cur[j] = v;
    }
    prev = cur;
    cur = cur === bufA ? bufB : bufA;
  }
  for (let j = 0; j <= n; j++) {
    const v = prev[j]! + extra;
    if (v < out[j]!) {
      out[j] = v;
    }
  }
}

function runAlts(
  row: Float64Array,
  lat: Uint8Array,
  del: Float64Array,
  alts: Alts,
  out: Float64Array,
): Float64Array {
  out.fill(Infinity, 0, lat.length + 1);
  for (const [s, extra] of alts) {
    runSpelling(row, lat, del, s, extra, out);
  }
  return out;
}

/** Folds Latin spellings that carry no extra sound for this comparison. */
export function foldLatinForHan(latin: string): string {
  return latin
    .toLowerCase()
    .replace(/[^a-z]/g, '')
    .replace(/ph/g, 'f')
    .replace(/ck/g, 'k')
    .replace(/x(?![iu])/g, 'ks')
    .replace(/w(?=[^aeiouy]|$)/g, 'u');
}

/** Cost of reading the Latin letters as a sequence of units, each with its spelling paths (lower is better). */
export function latticeCost(units: readonly (readonly Path[])[], latin: string): number {
  const n = latin.length;
  if (bufA.length < n + 1) {
    const grow = (): Float64Array => new Float64Array(2 * n + 2);
    [bufA, bufB, rowA, rowB] = [grow(), grow(), grow(), grow()];
    stage = [grow(), grow(), grow()];
  }
  const lat = new Uint8Array(n);
  for (let j = 0; j < n; j++) {
    lat[j] = latin.charCodeAt(j) & 127;
  }
  const del = deletionCosts(latin);
  let row = rowA;
  row[0] = 0;
  for (let j = 1; j <= n; j++) {
    row[j] = row[j - 1]! + del[j - 1]!;
  }
  for (const paths of units) {
    const next = row === rowA ? rowB : rowA;
    next.fill(Infinity, 0, n + 1);
    for (const path of paths) {
      let r = row;
      path.forEach((alts, k) => {
        r = runAlts(r, lat, del, alts, stage[k % stage.length]!);
      });
      for (let j = 0; j <= n; j++) {
        if (r[j]! < next[j]!) {
          next[j] = r[j]!;
        }
      }
    }
    for (let j = 1; j <= n; j++) {
      const d = next[j - 1]! + del[j - 1]!;
      if (d < next[j]!) {
        next[j] = d;
      }
    }
    row = next;
  }
  return row[n]!;
}

const hanUnits = (chars: readonly string[], surnameIndex: number): Path[][] =>
  chars.map((ch, i) => charPaths(ch, i === surnameIndex));

export interface HanLatinMatch {
  /** 0..1: 1 − reading cost per Latin letter. */
  similarity: number;
  /** Whether the best reading put the family name last ("Jianhua Xiao"). */
  surnameLast: boolean;
  /** How many Latin words were read. */
  latinWords: number;
}

/**
 * How well Latin words spell a Han name: `hanWords` are the Han words of one name, `latinWords` the
 * Latin words of the other. Tries the characters as written and, for a person's name of two or more
 * characters, with the family name moved to the end.
 */
export function hanLatinSimilarity(
  hanWords: readonly string[],
  latinWords: readonly string[],
): HanLatinMatch {
  const lat = foldLatinForHan(latinWords.join(''));
  const chars = [...hanWords.join('')].filter((c) => /\p{Script=Han}/u.test(c));
  if (lat.length === 0 || chars.length === 0) {
    return { similarity: 0, surnameLast: false, latinWords: latinWords.length };
  }
  const norm = (cost: number): number => Math.max(0, 1 - cost / lat.length);
  const asWritten = norm(latticeCost(hanUnits(chars, 0), lat));
  let best: HanLatinMatch = { similarity: asWritten, surnameLast: false, latinWords: latinWords.length };
  if (hanWords.length === 1 && latinWords.length >= 2 && chars.length >= 2) {
    const [family, given] = splitHanName(chars.join(''));
    const reordered = [...given, ...family];
    const swapped = norm(latticeCost(hanUnits(reordered, reordered.length - [...family].length), lat));
    if (swapped > best.similarity) {
      best = { similarity: swapped, surnameLast: true, latinWords: latinWords.length };
    }
  }
  return best;
}

/**
 * Latin spellings of Cyrillic letters and letter pairs across romanisation systems (BGN/PCGN, ISO 9 and
 * scholarly, German, French, Polish, Czech usage) and the Russian conventions for Japanese (Polivanov:
 * си = shi, ти = chi, дз = z/j) and Chinese (Palladius: цз = z/j, чж = zh, сянь = xian) names. Written by
 * us from the published descriptions of those systems; costs grow as a spelling gets rarer.
 */
const CYR: Record<string, string> = {
  а: 'a a0 ah2 e3 o3',
  б: 'b p2',
  в: 'v w1 f2 ff2 u3',
  г: 'g h1 gh2 gu3 k3',
  д: 'd t2',
  е: 'e ye1 je1 ie1 ai3 ay3 a3 i3 ei3',
  ё: 'yo e1 o1 io1 jo1 eu2 oe2 yeo2',
  ж: 'zh j1 zs2 sh2 s2 g2 z2 ge3 dj3',
  з: 'z s1 ds3 tz3',
  и: 'i y1 ee2 e3 ih2 ie3',
  й: 'y i1 j1 _2',
  к: 'k c1 ck1 q2 qu2 ch3 kh3 g3',
  л: 'l ll1 r3',
  м: 'm',
  н: 'n ng3',
  о: 'o a2 au3 ou3 oh3 eau3',
  п: 'p b3',
  р: 'r rr1 l3',
  с: 's ss1 c1 z2 sh3 x3',
  т: 't th1 d2',
  у: 'u ou1 oo1 w2 o3 ue3 uh3',
  ф: 'f ph1 v2 ff1',
  х: 'kh h0 ch1 x2 j3 g3 k3',
  ц: 'ts c1 z1 tz1 tc2 cz2 s3 q3 tsu2',
  ч: 'ch tch1 tsch1 c2 cz2 tj3 q3 j3 k3',
  ш: 'sh sch1 ch1 s2 sz2 x2 ss3',
  щ: 'shch sch1 sc2 szcz2 stsch2 shsh2 sh2',
  ъ: '',
  ы: 'y i1 ui3 e3',
  ь: ' i2 y2 j3',
  э: 'e a2 ae2 ai3 ei3',
  ю: 'yu iu1 ju1 u1 ou2 you2 eu2 ew3',
  я: 'ya ia1 ja1 a2 ie3 ya0',
  і: 'i y2',
  ї: 'yi i1 ji1',
  є: 'ye ie1 je1 e1',
  ґ: 'g',
  ў: 'u w1',
  дж: 'dzh j0 dj1 g1 dg2 gi2 dz2 zh2',
  дз: 'dz z1 j2 ds2 dzi3',
  кс: 'ks x0 cs1 ks0 kss2',
  тч: 'tch ch1',
  ий: 'iy y0 i1 ij1 ii1 ie3 yi3',
  ый: 'yy y0 i1 yj1',
  ия: 'iya ia0 ija1 ya1 ie3',
  ье: 'ye ie0 je1 e2 ier3',
  ьё: 'yo io1 jo1 eu2',
  ью: 'yu iu1 ju1 u2',
  ья: 'ya ia1 ja1',
  ьи: 'yi ii1 i1',
  цз: 'tsz z0 j1 ts1 dz2',
  чж: 'chzh zh0 j1 ch1',
  уа: 'ua wa1 oi2 oua2 oy3',
  си: 'si shi1 ssi2 ci2',
  ти: 'ti chi1 thi2',
  ся: 'sya sha1 xia1 sia1',
  сю: 'syu shu1 xiu1 siu1',
  сё: 'syo sho1 seo2',
  тё: 'tyo cho1 teo2',
  ця: 'tsya qia1 cia2',
  цю: 'tsyu qiu1 ciu2',
};

const cyrCache = new Map<string, Path[]>();
function cyrPaths(unit: string): Path[] {
  let p = cyrCache.get(unit);
  if (!p) {
    const spec = CYR[unit] ?? '';
    const alts: [string, number][] = spec.split(' ').map((tok, i) => {
      const m = /^(\D*)(\d?)$/.exec(tok);
      const text = m?.[1] ?? tok;
      return [text === '_' ? '' : text, i === 0 ? 0 : Number(m?.[2] || 0) / 10];
    });
    p = [[alts]];
    cyrCache.set(unit, p);
  }
  return p;
}

/** Cuts a Cyrillic word into units (letter pairs with a spelling of their own first). */
export function cyrillicUnits(word: string): Path[][] {
  const chars = [...word];
  const out: Path[][] = [];
  for (let i = 0; i < chars.length; i++) {
    const pair = chars[i]! + (chars[i + 1] ?? '');
    if (pair.length === 2 && pair in CYR) {
      out.push(cyrPaths(pair));
      i++;
    } else if (chars[i]! in CYR) {
      out.push(cyrPaths(chars[i]!));
    }
  }
  return out;
}

/** How well Latin words spell Cyrillic ones, word order kept (0..1). */
export function cyrillicLatinSimilarity(cyrWords: readonly string[], latinWords: readonly string[]): number {
  const lat = latinWords
    .join('')
    .toLowerCase()
    .replace(/[^a-z]/g, '');
  if (lat.length === 0 || cyrWords.length === 0) {
    return 0;
  }
  const units = cyrWords.flatMap(cyrillicUnits);
  return Math.max(0, 1 - latticeCost(units, lat) / lat.length);
}

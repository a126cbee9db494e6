/** Chinese names: pinyin (pinyin-pro), Wade–Giles (our rules) and Hong Kong-style Cantonese (to-jyutping). */
import { pinyin } from 'pinyin-pro';
import ToJyutping from 'to-jyutping';

const DOUBLE_SURNAMES = new Set(
  '欧阳 歐陽 司马 司馬 诸葛 諸葛 上官 皇甫 东方 東方 令狐 夏侯 慕容 尉迟 尉遲 公孙 公孫 长孙 長孫 宇文 司徒 端木 轩辕 軒轅 西门 西門 南宫 南宮 独孤 獨孤 申屠 澹台 澹臺 呼延 万俟 萬俟'.split(
    ' ',
  ),
);

/** Splits a Han person name into family and given parts (a known two-character surname, else the first character). */
export function splitHanName(name: string): [string, string] {
  const chars = [...name.replace(/[·・\s]/g, '')];
  if (chars.length >= 3 && DOUBLE_SURNAMES.has(chars[0]! + chars[1]!)) {
    return [chars.slice(0, 2).join(''), chars.slice(2).join('')];
  }
  return [chars[0] ?? '', chars.slice(1).join('')];
}

/** Tone-less pinyin syllables, surname readings for the first part when asked (单 as shan). */
export function pinyinSyllables(han: string, asSurname = false): string[] {
  if (!han) {
    return [];
  }
  const out = pinyin(han, { toneType: 'none', type: 'array', surname: asSurname ? 'head' : 'off', v: true });
  return out.map((s) => s.toLowerCase().replace(/ü|v/g, 'u'));
}

const WG_WHOLE: Record<string, string> = {
  zi: 'tzu',
  ci: 'tzu',
  si: 'ssu',
  zhi: 'chih',
  chi: 'chih',
  shi: 'shih',
  ri: 'jih',
  er: 'erh',
  you: 'yu',
  yan: 'yen',
  ye: 'yeh',
  yue: 'yueh',
  yong: 'yung',
  yi: 'i',
  guo: 'kuo',
  kuo: 'kuo',
  huo: 'huo',
  shuo: 'shuo',
  gui: 'kuei',
  kui: 'kuei',
  ge: 'ko',
  ke: 'ko',
  he: 'ho',
  e: 'o',
};
const WG_INITIALS: [string, string][] = [
  ['zh', 'ch'],
  ['ch', 'ch'],
  ['sh', 'sh'],
  ['b', 'p'],
  ['p', 'p'],
  ['d', 't'],
  ['t', 't'],
  ['g', 'k'],
  ['k', 'k'],
  ['j', 'ch'],
  ['q', 'ch'],
  ['x', 'hs'],
  ['z', 'ts'],
  ['c', 'ts'],
  ['r', 'j'],
];

/** One pinyin syllable in Wade–Giles without aspiration marks (xiao → hsiao, jian → chien). */
export function pinyinToWadeGiles(syl: string): string {
  const whole = WG_WHOLE[syl];
  if (whole) {
    return whole;
  }
  let initial = '';
  let rest = syl;
  for (const [py, wg] of WG_INITIALS) {
    if (syl.startsWith(py)) {
      initial = wg;
      rest = syl.slice(py.length);
      break;
    }
  }
  if (!initial) {
    const m = /^[mnlfhswy]/.exec(syl);
    initial = m ? m[0] : '';
    rest = syl.slice(initial.length);
  }
  rest = rest
    .replace(/^ian$/, 'ien')
    .replace(/^ie$/, 'ieh')
    .replace(/^ue$/, 'ueh')
    .replace(/^iong$/, 'iung')
    .replace(/^ong$/, 'ung')
    .replace(/^ui$/, 'uei')
    .replace(/^uo$/, 'o');
  if (rest === 'e' && initial !== 'y') {
    rest = initial === 'k' || initial === 'h' ? 'o' : 'e';
  }
  return initial + rest;
}

const JP_INITIALS: [string, string][] = [
  ['gw', 'kw'],
  ['kw', 'kw'],
  ['ng', 'ng'],
  ['b', 'p'],
  ['d', 't'],
  ['g', 'k'],
  ['z', 'ch'],
  ['c', 'ch'],
  ['j', 'y'],
];
const JP_FINALS: [RegExp, string][] = [
  [/^aa/, 'a'],
  [/^oeng$/, 'eung'],
  [/^oek$/, 'euk'],
  [/^oe$/, 'oh'],
  [/^eoi$/, 'ui'],
  [/^eon$/, 'un'],
  [/^eot$/, 'ut'],
  [/^ou$/, 'o'],
  [/^yu/, 'yu'],
  [/^ei$/, 'ei'],
  [/^u$/, 'u'],
];

/** One Jyutping syllable (tone digit allowed) in Hong Kong government style (can4 → chan, koeng4 → keung). */
export function jyutpingToHongKong(jp: string): string {
  const syl = jp.replace(/[0-9]/g, '');
  let initial = '';
  let rest = syl;
  for (const [j, hk] of JP_INITIALS) {
    if (syl.startsWith(j) && syl.length > j.length) {
      initial = hk;
      rest = syl.slice(j.length);
      break;
    }
  }
  if (!initial) {
    const m = /^[ptkmnlfhsw]/.exec(syl);
    initial = m && syl.length > 1 ? m[0] : '';
    rest = syl.slice(initial.length);
  }
  for (const [re, rep] of JP_FINALS) {
    if (re.test(rest)) {
      rest = rest.replace(re, rep);
      break;
    }
  }
  if (initial === 'l' && rest === 'ei') {
    rest = 'ee'; // 李 lei5 → Lee
  }
  if (initial === 's' && /^(i|e|yu)/.test(rest)) {
    initial = 'sh'; // 成 sing → Shing, 石 sek → Shek in Hong Kong spelling
  }
  if (initial === 'y' && rest.startsWith('y')) {
    rest = rest.slice(1);
  }
  return initial + rest;
}

/** Cantonese syllables of a Han string, null for characters without a reading. */
export function cantoneseSyllables(han: string): string[] {
  return ToJyutping.getJyutpingList(han).map(([ch, jp]) => (jp ? jyutpingToHongKong(jp.split(' ')[0]!) : ch));
}

const FOREIGN_WHOLE: Record<string, string> = {
  fu: 'f',
  si: 's',
  ke: 'k',
  de: 'd',
  te: 't',
  er: 'r',
  mu: 'm',
  bu: 'b',
  pu: 'p',
  ci: 'z',
  zi: 'z',
  ge: 'g',
  he: 'h',
  le: 'l',
  shi: 'sh',
  yi: 'i',
  ya: 'ia',
  ye: 'ie',
  you: 'iu',
  ao: 'o',
  ai: 'e',
  ou: 'o',
  wei: 'vi',
  wo: 'vo',
  wa: 'va',
  ci1: 'c',
  ji: 'gi',
  qi: 'ki',
  xi: 'si',
  en: 'en',
  sai: 'se',
  lai: 'le',
  tai: 'te',
  dai: 'de',
};

/**
 * How Chinese writes foreign names: syllables such as 斯 si, 克 ke, 德 de, 尔 er stand for lone consonants
 * (弗朗西斯 fu lang xi si → flangsis ≈ francis). Used as one more variant for cross-script matching.
 */
export function pinyinToForeign(syllables: string[]): string {
  return syllables
    .map(
      (syl) =>
        FOREIGN_WHOLE[syl] ??
        syl
          .replace(/^x/, 's')
          .replace(/^q/, 'ch')
          .replace(/^zh/, 'j')
          .replace(/uo$/, 'o')
          .replace(/ei$/, 'e')
          .replace(/ng$/, 'n'),
    )
    .join('');
}

export interface ChineseReadings {
  /** Each reading as tokens: family first, given name joined (xiao, jianhua). */
  pinyin: string[];
  wadeGiles: string[];
  cantonese: string[];
  /** The whole name as one word read the way foreign names are transcribed. */
  foreign: string[];
}

/** The three romanisations of a Han person name. */
export function chineseNameReadings(han: string): ChineseReadings {
  const [family, given] = splitHanName(han);
  const fam = pinyinSyllables(family, true);
  const giv = pinyinSyllables(given);
  const join = (parts: string[][]): string[] => parts.map((p) => p.join('')).filter(Boolean);
  return {
    pinyin: join([fam, giv]),
    wadeGiles: join([fam.map(pinyinToWadeGiles), giv.map(pinyinToWadeGiles)]),
    cantonese: join([cantoneseSyllables(family), cantoneseSyllables(given)]),
    foreign: [pinyinToForeign(pinyinSyllables(han.replace(/[·・]/g, '')))],
  };
}

import { seededRandom } from '../packages/core/test/random.ts';
/**
 * Generates entity records with known duplicate groups for the dedupe benchmark: invented people
 * (Central Asian/Turkic Latin, Russian Cyrillic, Chinese Han, Arabic) and organisations, each
 * identity written 1–4 times with variants a real corpus shows — another script, another
 * romanisation, typos, swapped word order, initials, a dropped patronymic. Deterministic per seed.
 * Names are assembled from syllables and short tables we wrote; they are not real people.
 */

export interface GeneratedEntity {
  group: number;
  type: 'person' | 'organization';
  names: string[];
}

const rng = seededRandom;

type Rand = () => number;
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
/** Skewed pick: early entries are much more frequent, as with real names. */
const zipf = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(xs.length * r() ** 2.2)]!;

// --- Latin (Central Asian / Turkic) -------------------------------------------------------------
const L_START = [
  'ka',
  'di',
  'fa',
  'gu',
  'ru',
  'ba',
  'nu',
  'sha',
  'ai',
  'zu',
  'te',
  'ma',
  'sa',
  'ja',
  'o',
  'i',
  'ti',
  'ye',
  'bo',
  'la',
];
const L_MID = [
  'ri',
  'l',
  'rr',
  'n',
  'ya',
  'bek',
  'r',
  'mu',
  'sh',
  'ta',
  'ho',
  'ly',
  'zi',
  'ki',
  'da',
  'me',
  'go',
];
const L_END = ['m', 'za', 'ra', 'n', 'dir', 'ukh', 'ar', 'a', 'bek', 'jon', 'gul', 'at', 'ur', 'ina', 'am'];
const L_SUFFIX_M = ['ov', 'ev', 'oglu', 'zade', 'uly', 'bekov', 'iyev'];
const latinFirst: string[] = [];
for (const a of L_START) {
  for (const b of L_MID) {
    for (const c of L_END) {
      latinFirst.push(a + b + c);
    }
  }
}
const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

// --- Cyrillic, with our own romanisation and its variants ---------------------------------------
const C_ROOTS = [
  'Кар',
  'Юсуп',
  'Тургун',
  'Наз',
  'Султ',
  'Бахт',
  'Ахмед',
  'Хаким',
  'Раш',
  'Жук',
  'Щерб',
  'Мир',
  'Зайц',
  'Ильин',
  'Гаф',
  'Вол',
  'Ерм',
  'Тих',
  'Фёдор',
  'Яков',
  'Чер',
  'Шев',
  'Кузн',
  'Орл',
  'Бел',
];
const C_LINK = ['', 'им', 'ан', 'ен', 'ур', 'ал', 'ич', 'ух', 'ар', 'ол', 'ьян', 'ид'];
const C_FIRST = [
  'Александр',
  'Дмитрий',
  'Сергей',
  'Андрей',
  'Алексей',
  'Юрий',
  'Евгений',
  'Игорь',
  'Олег',
  'Виктор',
  'Михаил',
  'Николай',
  'Владимир',
  'Фёдор',
  'Ярослав',
  'Тимур',
  'Рустам',
  'Зарина',
  'Юлия',
  'Наталья',
  'Ксения',
  'Татьяна',
  'Ольга',
  'Евгения',
  'Дарья',
  'Анастасия',
  'Людмила',
  'Гульнара',
  'Жанна',
  'Элина',
];
const FEMALE = /[ая]$/;
const CYR: Record<string, string[]> = {
  а: ['a'],
  б: ['b'],
  в: ['v', 'w'],
  г: ['g'],
  д: ['d'],
  е: ['e', 'ye'],
  ё: ['yo', 'e', 'io'],
  ж: ['zh', 'j'],
  з: ['z'],
  и: ['i'],
  й: ['y', 'i', 'j'],
  к: ['k'],
  л: ['l'],
  м: ['m'],
  н: ['n'],
  о: ['o'],
  п: ['p'],
  р: ['r'],
  с: ['s'],
  т: ['t'],
  у: ['u', 'ou'],
  ф: ['f'],
  х: ['kh', 'h', 'x'],
  ц: ['ts', 'c'],
  ч: ['ch'],
  ш: ['sh'],
  щ: ['shch', 'sch'],
  ъ: [''],
  ы: ['y'],
  ь: ['', "'"],
  э: ['e'],
  ю: ['yu', 'iu', 'ju'],
  я: ['ya', 'ia', 'ja'],
};
/** One romanisation of a Cyrillic name; `variant` picks among common spellings letter by letter. */
function romaniseCyr(r: Rand, s: string, variant: boolean): string {
  let out = '';
  for (const ch of s) {
    const lower = ch.toLowerCase();
    const opts = CYR[lower];
    const v = opts ? (variant ? pick(r, opts) : opts[0]!) : ch;
    out += ch === lower ? v : cap(v);
  }
  return out.replace(/iy\b/g, variant && r() < 0.5 ? 'y' : 'iy');
}

// --- Chinese: Han characters with their pinyin ---------------------------------------------------
const HAN_SURNAMES: [string, string][] = [
  ['王', 'Wang'],
  ['李', 'Li'],
  ['张', 'Zhang'],
  ['刘', 'Liu'],
  ['陈', 'Chen'],
  ['杨', 'Yang'],
  ['黄', 'Huang'],
  ['赵', 'Zhao'],
  ['吴', 'Wu'],
  ['周', 'Zhou'],
  ['徐', 'Xu'],
  ['孙', 'Sun'],
  ['马', 'Ma'],
  ['朱', 'Zhu'],
  ['胡', 'Hu'],
  ['郭', 'Guo'],
  ['何', 'He'],
  ['高', 'Gao'],
  ['林', 'Lin'],
  ['罗', 'Luo'],
  ['郑', 'Zheng'],
  ['梁', 'Liang'],
  ['谢', 'Xie'],
  ['宋', 'Song'],
  ['唐', 'Tang'],
  ['许', 'Xu'],
  ['韩', 'Han'],
  ['冯', 'Feng'],
  ['邓', 'Deng'],
  ['曹', 'Cao'],
  ['彭', 'Peng'],
  ['曾', 'Zeng'],
  ['肖', 'Xiao'],
  ['田', 'Tian'],
  ['董', 'Dong'],
];
const HAN_GIVEN: [string, string][] = [
  ['伟', 'wei'],
  ['芳', 'fang'],
  ['娜', 'na'],
  ['敏', 'min'],
  ['静', 'jing'],
  ['丽', 'li'],
  ['强', 'qiang'],
  ['磊', 'lei'],
  ['军', 'jun'],
  ['洋', 'yang'],
  ['勇', 'yong'],
  ['艳', 'yan'],
  ['杰', 'jie'],
  ['涛', 'tao'],
  ['明', 'ming'],
  ['超', 'chao'],
  ['秀', 'xiu'],
  ['霞', 'xia'],
  ['平', 'ping'],
  ['刚', 'gang'],
  ['桂', 'gui'],
  ['英', 'ying'],
  ['华', 'hua'],
  ['建', 'jian'],
  ['国', 'guo'],
  ['文', 'wen'],
  ['海', 'hai'],
  ['龙', 'long'],
  ['春', 'chun'],
  ['晓', 'xiao'],
  ['志', 'zhi'],
  ['红', 'hong'],
  ['玉', 'yu'],
  ['辉', 'hui'],
  ['鹏', 'peng'],
  ['宇', 'yu'],
  ['慧', 'hui'],
  ['云', 'yun'],
  ['峰', 'feng'],
  ['琳', 'lin'],
  ['斌', 'bin'],
  ['凯', 'kai'],
];

// --- Arabic: script and Latin renderings ---------------------------------------------------------
const ARABIC: [string, string[]][] = [
  ['محمد', ['Mohammed', 'Muhammad', 'Mohamed', 'Mohammad']],
  ['أحمد', ['Ahmed', 'Ahmad']],
  ['علي', ['Ali']],
  ['حسن', ['Hassan', 'Hasan']],
  ['حسين', ['Hussein', 'Husain', 'Hussain']],
  ['عمر', ['Omar', 'Umar']],
  ['يوسف', ['Youssef', 'Yusuf', 'Yousef']],
  ['خالد', ['Khaled', 'Khalid']],
  ['إبراهيم', ['Ibrahim', 'Ebrahim']],
  ['عبدالله', ['Abdullah', 'Abdallah']],
  ['سعيد', ['Said', 'Saeed']],
  ['كريم', ['Karim', 'Kareem']],
  ['مصطفى', ['Mustafa', 'Moustafa']],
  ['طارق', ['Tariq', 'Tarek']],
  ['جمال', ['Jamal', 'Gamal']],
  ['فاطمة', ['Fatima', 'Fatma']],
  ['عائشة', ['Aisha', 'Aicha']],
  ['مريم', ['Maryam', 'Mariam']],
  ['زينب', ['Zainab', 'Zeinab']],
  ['نور', ['Nour', 'Noor']],
  ['سلمان', ['Salman']],
  ['رشيد', ['Rashid', 'Rachid']],
  ['ناصر', ['Nasser', 'Nasir']],
  ['منصور', ['Mansour', 'Mansur']],
  ['عثمان', ['Osman', 'Uthman']],
  ['صالح', ['Saleh', 'Salih']],
  ['حمزة', ['Hamza']],
  ['بلال', ['Bilal']],
];

// --- Organisations --------------------------------------------------------------------------------
const ORG_WORDS = [
  'Silk',
  'Road',
  'Harmony',
  'Golden',
  'Bridge',
  'Pacific',
  'Overseas',
  'Friendship',
  'Unity',
  'Eastern',
  'Star',
  'Horizon',
  'Lotus',
  'Phoenix',
  'Jade',
  'Heritage',
  'Compass',
  'Summit',
  'Delta',
  'River',
  'Crescent',
  'Northern',
  'Meridian',
  'Oasis',
];
const ORG_KINDS = [
  'Trading',
  'Cultural Association',
  'Students Association',
  'Logistics',
  'Media Group',
  'Chamber of Commerce',
  'Friendship Society',
  'Holdings',
  'Consulting',
  'Community Centre',
];
const LEGAL = [
  ['LLC', 'Limited Liability Company'],
  ['Ltd', 'Limited'],
  ['GmbH'],
  ['Inc', 'Incorporated'],
  [''],
];

/** One typo: a letter dropped, doubled, swapped with the next, or replaced by a keyboard neighbour. */
function typo(r: Rand, s: string): string {
  const letters = [...s];
  const idx = letters.map((c, i) => (/\p{L}/u.test(c) && i > 0 ? i : -1)).filter((i) => i >= 0);
  if (idx.length < 3) {
    return s;
  }
  const i = pick(r, idx);
  const near: Record<string, string> = {
    a: 's',
    e: 'r',
    i: 'o',
    o: 'p',
    u: 'y',
    n: 'm',
    m: 'n',
    r: 't',
    s: 'd',
    l: 'k',
    k: 'l',
    t: 'r',
    d: 's',
    h: 'j',
    v: 'b',
    b: 'v',
    z: 'x',
    y: 'u',
  };
  switch (Math.floor(r() * 4)) {
    case 0:
      letters.splice(i, 1);
      break;
    case 1:
      letters.splice(i, 0, letters[i]!);
      break;
    case 2:
      if (i + 1 < letters.length && /\p{L}/u.test(letters[i + 1]!)) {
        [letters[i], letters[i + 1]] = [letters[i + 1]!, letters[i]!];
      } else {
        letters.splice(i, 1);
      }
      break;
    default:
      letters[i] = near[letters[i]!.toLowerCase()] ?? letters[i]!;
  }
  return letters.join('');
}

interface Identity {
  type: 'person' | 'organization';
  /** Renders one record of this identity (names of one entity). */
  render(r: Rand): string[];
}

function latinPerson(r: Rand): Identity {
  const first = cap(zipf(r, latinFirst));
  const root = cap(zipf(r, latinFirst));
  const female = r() < 0.5;
  const suffix = zipf(r, L_SUFFIX_M);
  const last = root + suffix + (female && /(ov|ev|bekov|iyev)$/.test(suffix) ? 'a' : '');
  const middle = r() < 0.3 ? cap(pick(r, latinFirst)) : undefined;
  return {
    type: 'person',
    render: (q) => {
      const parts = [first, ...(middle && q() < 0.6 ? [middle] : []), last];
      const v = q();
      if (v < 0.3) {
        return [parts.join(' ')];
      }
      if (v < 0.55) {
        return [parts.map((p) => (q() < 0.5 ? typo(q, p) : p)).join(' ')];
      }
      if (v < 0.7) {
        return [[last, ...parts.slice(0, -1)].join(' ')];
      }
      if (v < 0.8) {
        return [`${first[0]!}. ${last}`];
      }
      if (v < 0.9) {
        return [parts.join(' ').replace(/kh/g, 'h').replace(/j/g, 'dj').replace(/y/g, 'i')];
      }
      return [parts.join(' ').toUpperCase()];
    },
  };
}

function russianPerson(r: Rand): Identity {
  const first = zipf(r, C_FIRST);
  const female = FEMALE.test(first);
  const root = zipf(r, C_ROOTS) + zipf(r, C_LINK);
  const last = `${root}ов${female ? 'а' : ''}`;
  const father = pick(
    r,
    C_FIRST.filter((n) => !FEMALE.test(n)),
  );
  const patronymic = father.replace(/[йь]$/, '') + (female ? 'овна' : 'ович');
  const withPatronymic = r() < 0.5;
  return {
    type: 'person',
    render: (q) => {
      const cyr = [first, ...(withPatronymic && q() < 0.7 ? [patronymic] : []), last];
      const v = q();
      if (v < 0.3) {
        return q() < 0.5 ? [cyr.join(' ')] : [cyr.join(' '), romaniseCyr(q, cyr.join(' '), false)];
      }
      if (v < 0.6) {
        return [romaniseCyr(q, cyr.join(' '), true)];
      }
      if (v < 0.75) {
        return [typo(q, romaniseCyr(q, [last, first].join(' '), q() < 0.5))];
      }
      if (v < 0.87) {
        return [[last, ...cyr.slice(0, -1)].join(' ')];
      }
      return [`${romaniseCyr(q, last, false)} ${romaniseCyr(q, first, false)[0]!}.`];
    },
  };
}

function chinesePerson(r: Rand): Identity {
  const [sh, sp] = zipf(r, HAN_SURNAMES);
  const given = r() < 0.75 ? [zipf(r, HAN_GIVEN), zipf(r, HAN_GIVEN)] : [zipf(r, HAN_GIVEN)];
  const han = sh + given.map((g) => g[0]).join('');
  const givenPinyin = given.map((g) => g[1]).join('');
  return {
    type: 'person',
    render: (q) => {
      const v = q();
      if (v < 0.3) {
        return q() < 0.5 ? [han] : [han, `${sp} ${cap(givenPinyin)}`];
      }
      if (v < 0.55) {
        return [`${sp} ${cap(givenPinyin)}`];
      }
      if (v < 0.7) {
        return [`${cap(givenPinyin)} ${sp}`];
      }
      if (v < 0.8) {
        return [`${sp.toUpperCase()} ${given.map((g) => cap(g[1])).join('-')}`];
      }
      if (v < 0.9) {
        return [typo(q, `${sp} ${cap(givenPinyin)}`)];
      }
      return [`${sp}${givenPinyin}`];
    },
  };
}

function arabicPerson(r: Rand): Identity {
  const parts = [zipf(r, ARABIC), pick(r, ARABIC), pick(r, ARABIC)];
  const withThird = r() < 0.6;
  return {
    type: 'person',
    render: (q) => {
      const used = withThird ? parts : parts.slice(0, 2);
      const v = q();
      if (v < 0.3) {
        return [used.map((p) => p[0]).join(' ')];
      }
      const latin = used.map((p) => pick(q, p[1])).join(' ');
      if (v < 0.75) {
        return [latin];
      }
      if (v < 0.9) {
        return [typo(q, latin)];
      }
      return [latin.replace(/^(\S+) /, '$1 al-')];
    },
  };
}

function organisation(r: Rand): Identity {
  const words = [zipf(r, ORG_WORDS), pick(r, ORG_WORDS)];
  const kind = zipf(r, ORG_KINDS);
  const legal = pick(r, LEGAL);
  const city = pick(r, [
    'Toronto',
    'Rotterdam',
    'Milan',
    'Prague',
    'Almaty',
    'Istanbul',
    'Madrid',
    'Dublin',
    'Seoul',
    'Sydney',
  ]);
  return {
    type: 'organization',
    render: (q) => {
      const base = `${words.join(' ')} ${kind}`;
      const form = legal.length > 1 && q() < 0.4 ? legal[1]! : legal[0]!;
      const v = q();
      if (v < 0.35) {
        return [`${base} ${form}`.trim()];
      }
      if (v < 0.55) {
        return [`${base} ${city}`];
      }
      if (v < 0.75) {
        return [typo(q, `${base} ${form}`.trim())];
      }
      if (v < 0.9) {
        return [`${words.join('')} ${kind}`];
      }
      return [`${base} (${city})`.toUpperCase()];
    },
  };
}

/** About `total` records (exactly `total`), grouped by identity: 1–4 records per identity. */
export function generateEntities(total: number, seed = 7): GeneratedEntity[] {
  const r = rng(seed);
  const out: GeneratedEntity[] = [];
  let group = 0;
  while (out.length < total) {
    const v = r();
    const identity =
      v < 0.3
        ? latinPerson(r)
        : v < 0.55
          ? russianPerson(r)
          : v < 0.8
            ? chinesePerson(r)
            : v < 0.9
              ? arabicPerson(r)
              : organisation(r);
    const c = r();
    const copies = c < 0.45 ? 1 : c < 0.75 ? 2 : c < 0.9 ? 3 : 4;
    for (let i = 0; i < copies && out.length < total; i++) {
      out.push({ group, type: identity.type, names: [...new Set(identity.render(r))] });
    }
    group += 1;
  }
  return out;
}

/**
 * Wade–Giles back to pinyin, and syllable segmentation of romanised Chinese written without spaces
 * ("chienhua" → chien|hua → jian|hua). The reverse table is derived from our forward rules
 * (`pinyinToWadeGiles`) over the full pinyin syllable inventory, so the two directions always agree;
 * aspiration marks are not written in passports and the press, so one Wade–Giles syllable can stand
 * for several pinyin ones (chien = jian or qian): the unaspirated reading comes first.
 */
import { pinyinToWadeGiles } from './chinese.ts';

/** The tone-less pinyin syllables (ü written u), as pinyin-pro reads the common CJK block. */
const PINYIN_SYLLABLES = [
  'a ai an ang ao ba bai ban bang bao bei ben beng bi bian biao bie bin bing bo bu ca cai can cang cao',
  'ce cen ceng cha chai chan chang chao che chen cheng chi chong chou chu chua chuai chuan chuang chui',
  'chun chuo ci cong cou cu cuan cui cun cuo da dai dan dang dao de den deng di dia dian diao die ding',
  'diu dong dou du duan dui dun duo e ei en eng er fa fan fang fei fen feng fo fou fu ga gai gan gang',
  'gao ge gei gen geng gong gou gu gua guai guan guang gui gun guo ha hai han hang hao he hei hen heng',
  'hong hou hu hua huai huan huang hui hun huo ji jia jian jiang jiao jie jin jing jiong jiu ju juan',
  'jue jun ka kai kan kang kao ke kei ken keng kong kou ku kua kuai kuan kuang kui kun kuo la lai lan',
  'lang lao le lei leng li lia lian liang liao lie lin ling liu long lou lu luan lue lun luo ma mai man',
  'mang mao me mei men meng mi mian miao mie min ming miu mo mou mu na nai nan nang nao ne nei nen neng',
  'ni nian niang niao nie nin ning niu nong nou nu nuan nue nuo o ou pa pai pan pang pao pei pen peng',
  'pi pian piao pie pin ping po pou pu qi qia qian qiang qiao qie qin qing qiong qiu qu quan que qun',
  'ran rang rao re ren reng ri rong rou ru ruan rui run ruo sa sai san sang sao se sen seng sha shai',
  'shan shang shao she shen sheng shi shou shu shua shuai shuan shuang shui shun shuo si song sou su',
  'suan sui sun suo ta tai tan tang tao te teng ti tian tiao tie ting tong tou tu tuan tui tun tuo wa',
  'wai wan wang wei wen weng wo wu xi xia xian xiang xiao xie xin xing xiong xiu xu xuan xue xun ya yan',
  'yang yao ye yi yin ying yo yong you yu yuan yue yun za zai zan zang zao ze zei zen zeng zha zhai',
  'zhan zhang zhao zhe zhen zheng zhi zhong zhou zhu zhua zhuai zhuan zhuang zhui zhun zhuo zi zong zou',
  'zu zuan zui zun zuo',
].join(' ');
const inventory: ReadonlySet<string> = new Set(PINYIN_SYLLABLES.split(' '));
let reverse: Map<string, string[]> | undefined;
let wgSyllables: Set<string> | undefined;

/** Every tone-less pinyin syllable. */
export function pinyinInventory(): ReadonlySet<string> {
  return inventory;
}

/** Wade–Giles syllable (no aspiration marks) → pinyin syllables, unaspirated reading first. */
export function wadeGilesReverseTable(): ReadonlyMap<string, readonly string[]> {
  if (!reverse) {
    reverse = new Map();
    const rank = (py: string): number => (/^(p|t|k|q|ch|c)/.test(py) ? 1 : 0);
    for (const py of [...pinyinInventory()].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))) {
      const wg = pinyinToWadeGiles(py);
      const list = reverse.get(wg) ?? [];
      list.push(py);
      reverse.set(wg, list);
    }
  }
  return reverse;
}

/**
 * Cuts a word into syllables of `syllables` (fewest syllables, longest first on ties); undefined when
 * the word cannot be covered. "xiaojianhua" → xiao|jian|hua.
 */
export function segmentSyllables(
  word: string,
  syllables: ReadonlySet<string>,
  maxLen = 6,
): string[] | undefined {
  const n = word.length;
  const best: (string[] | undefined)[] = new Array<string[] | undefined>(n + 1);
  best[0] = [];
  for (let i = 0; i < n; i++) {
    const here = best[i];
    if (!here) {
      continue;
    }
    for (let l = Math.min(maxLen, n - i); l >= 1; l--) {
      const syl = word.slice(i, i + l);
      if (syllables.has(syl)) {
        const prev = best[i + l];
        if (!prev || prev.length > here.length + 1) {
          best[i + l] = [...here, syl];
        }
      }
    }
  }
  return best[n];
}

// Spellings that only Wade–Giles (or its postal cousins) uses: a name holding one is read as Wade–Giles.
const WG_MARK = /hs|tz|ts|ih$|ieh|ueh|erh|^kuo|kuei|^ch[iu]|ung$|^j[aeiou]/;

/**
 * A Latin word read as Wade–Giles and rewritten in pinyin ("hsiao" → xiao, "chienhua" → jianhua), or
 * undefined when it is not a Wade–Giles spelling at all or already reads as pinyin.
 */
export function wadeGilesToPinyin(word: string): string | undefined {
  if (!WG_MARK.test(word)) {
    return undefined;
  }
  const table = wadeGilesReverseTable();
  wgSyllables ??= new Set(table.keys());
  const parts = segmentSyllables(word, wgSyllables);
  const unmistakable = /hs|tz|ih$|ieh|ueh|erh/.test(word);
  const asPinyin = segmentSyllables(word, inventory);
  // a word that reads as pinyin in as few syllables stays pinyin (chen, chou); chi|en|hua loses to chien|hua
  if (!parts || (!unmistakable && asPinyin && asPinyin.length <= parts.length)) {
    return undefined;
  }
  return parts.map((p) => table.get(p)?.[0] ?? p).join('');
}

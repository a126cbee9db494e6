/** Romanisation of Cyrillic, Arabic/Persian, Hangul and kana tokens; any-ascii for everything else. */
import anyAscii from 'any-ascii';

const RU: Record<string, string> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  д: 'd',
  е: 'e',
  ё: 'e',
  ж: 'zh',
  з: 'z',
  и: 'i',
  й: 'y',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'kh',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'shch',
  ъ: '',
  ы: 'y',
  ь: '',
  э: 'e',
  ю: 'yu',
  я: 'ya',
  і: 'i',
  ї: 'yi',
  є: 'ye',
  ґ: 'g',
  ў: 'u',
  ј: 'j',
  љ: 'lj',
  њ: 'nj',
  ћ: 'c',
  ђ: 'dj',
  џ: 'dz',
  ѓ: 'gj',
  ќ: 'kj',
  ѕ: 'dz',
};
const UK_OVERRIDES: Record<string, string> = { г: 'h', и: 'y', е: 'e' };

/** Cyrillic → Latin, Ukrainian rules when the word has і/ї/є/ґ; ye- for initial е in Russian. */
export function romanizeCyrillic(token: string): string {
  const ukrainian = /[іїєґ]/.test(token);
  let out = '';
  const chars = [...token];
  chars.forEach((ch, i) => {
    const prev = chars[i - 1];
    if (!ukrainian && ch === 'е' && (i === 0 || (prev !== undefined && /[аеёиоуыэюяъь]/.test(prev)))) {
      out += 'ye';
      return;
    }
    const t = (ukrainian ? UK_OVERRIDES[ch] : undefined) ?? RU[ch];
    out += t ?? anyAscii(ch).toLowerCase();
  });
  return out;
}

const AR: Record<string, string> = {
  ا: 'a',
  أ: 'a',
  إ: 'i',
  آ: 'a',
  ٱ: 'a',
  ب: 'b',
  ت: 't',
  ث: 'th',
  ج: 'j',
  ح: 'h',
  خ: 'kh',
  د: 'd',
  ذ: 'dh',
  ر: 'r',
  ز: 'z',
  س: 's',
  ش: 'sh',
  ص: 's',
  ض: 'd',
  ط: 't',
  ظ: 'z',
  ع: '',
  غ: 'gh',
  ف: 'f',
  ق: 'q',
  ك: 'k',
  ل: 'l',
  م: 'm',
  ن: 'n',
  ه: 'h',
  ة: 'a',
  ى: 'a',
  ء: '',
  ئ: '',
  ؤ: 'u',
  پ: 'p',
  چ: 'ch',
  ژ: 'zh',
  گ: 'g',
  ک: 'k',
  ڤ: 'v',
  ٹ: 't',
  ڈ: 'd',
  ڑ: 'r',
  ں: 'n',
  ے: 'e',
  ھ: 'h',
};

/** Arabic/Persian/Urdu → Latin: consonants as written, و/ي as w/y at the start and u/i inside. */
export function romanizeArabic(token: string): string {
  const chars = [...token];
  let out = '';
  chars.forEach((ch, i) => {
    if (ch === 'و') {
      out += i === 0 ? 'w' : chars[i - 1] === 'ا' ? 'w' : 'u';
    } else if (ch === 'ي' || ch === 'ی') {
      out += i === 0 ? 'y' : i === chars.length - 1 ? 'i' : 'i';
    } else {
      out += AR[ch] ?? anyAscii(ch).toLowerCase();
    }
  });
  return out;
}

const KOREAN_SURNAMES: Record<string, string[]> = {
  김: ['kim'],
  이: ['lee', 'yi', 'rhee'],
  박: ['park', 'pak'],
  최: ['choi', 'choe'],
  정: ['jung', 'chung', 'jeong'],
  강: ['kang'],
  조: ['cho', 'jo'],
  윤: ['yoon', 'yun'],
  장: ['jang', 'chang'],
  임: ['lim', 'im'],
  한: ['han'],
  오: ['oh', 'o'],
  서: ['seo', 'suh'],
  신: ['shin', 'sin'],
  권: ['kwon'],
  황: ['hwang'],
  안: ['ahn', 'an'],
  송: ['song'],
  류: ['ryu', 'yoo'],
  유: ['yoo', 'yu'],
  홍: ['hong'],
  문: ['moon', 'mun'],
  노: ['roh', 'noh'],
};

/** Revised Romanisation of a Hangul word (any-ascii), plus common spellings of a leading surname. */
export function romanizeHangul(token: string, surnameFirst: boolean): string[] {
  const rr = anyAscii(token).toLowerCase();
  const chars = [...token];
  const alts = surnameFirst && chars.length >= 2 ? KOREAN_SURNAMES[chars[0]!] : undefined;
  if (!alts) {
    return [rr];
  }
  const given = anyAscii(chars.slice(1).join('')).toLowerCase();
  return [rr, ...alts.map((s) => `${s} ${given}`)];
}

/** Hepburn-style kana (any-ascii) and any other script. */
export function romanizeOther(token: string): string {
  return anyAscii(token)
    .toLowerCase()
    .replace(/[^a-z0-9 ]/g, '');
}

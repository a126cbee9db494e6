import { overlaps, sentenceOf } from './text.ts';
import type { ExtractedDate, ExtractedEntity, ExtractedFigure, Span } from './types.ts';

const ZH_DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  兩: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const ZH_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** Value of a Chinese numeral such as 一万, 三十, 两千五百 (no 亿/万 nesting beyond one level). */
export function chineseNumber(s: string): number | undefined {
  let total = 0;
  let section = 0;
  let digit = -1;
  for (const ch of s) {
    if (ch in ZH_DIGITS) {
      digit = ZH_DIGITS[ch]!;
    } else if (ch in ZH_UNITS) {
      section += (digit < 0 ? 1 : digit) * ZH_UNITS[ch]!;
      digit = -1;
    } else if (ch === '万' || ch === '萬' || ch === '亿' || ch === '億') {
      const mult = ch === '万' || ch === '萬' ? 1e4 : 1e8;
      total += (section + Math.max(digit, 0)) * mult;
      section = 0;
      digit = -1;
    } else {
      return undefined;
    }
  }
  return total + section + Math.max(digit, 0);
}

const MULTIPLIER: [RegExp, number][] = [
  [/^(?:million|millions|miljoner|miljon|miljoen|millionen|millones|milioni|milhões|mln)\b/iu, 1e6],
  [/^(?:миллион\p{L}*|мільйон\p{L}*|milione|milhão|millón|milyon|juta|میلیون|مليون)(?!\p{L})/iu, 1e6],
  [
    /^(?:billion|billions|miljarder|miljard|miljarden|milliard|milliards|milliarden|mil millones|miliardi)\b/iu,
    1e9,
  ],
  [/^(?:thousand|tusen|mille|duizend|tausend|mil)\b/iu, 1e3],
  [/^万|^萬/u, 1e4],
  [/^亿|^億/u, 1e8],
  [/^千/u, 1e3],
];

const CURRENCY: [RegExp, string][] = [
  [/^(?:US)?\$|^(?:dollars?|dollar|dólares|dollari|美元)/iu, 'USD'],
  [/^€|^(?:euros?|euro|欧元)/iu, 'EUR'],
  [/^£|^(?:pounds?|英镑)/iu, 'GBP'],
  [/^(?:yuan|renminbi|RMB|CNY|元|人民币)|^¥/iu, 'CNY'],
  [/^(?:kronor|kr|SEK)\b/iu, 'SEK'],
  [/^(?:HK\$|港元|港币)/iu, 'HKD'],
];

const PEOPLE =
  /^(?:people|persons?|individuals|citizens|nationals|fugitives|suspects|targets|dissidents|students|personer|människor|kineser|personnes|Chinois|ressortissants|mensen|personen|Chinezen|Menschen|Personen|personas|persone|pessoas|человек|人|名|orang|warga|kişi|людей|осіб|نفر|شخص|أشخاص|명)/u;
/** Languages whose small bare numbers stay out unless they carry a unit (tuned on the first eval sets). */
const SMALL_NUMBER_LANGS = new Set(['en', 'zh', 'sv', 'fr', 'nl']);

const PERCENT =
  /^(?:%|％|percent|per cent|procent|pour cent|pourcent|Prozent|por ciento|per cento|por cento)/iu;

/** A number written with digits (thousands with , . space or thin space) or a Chinese numeral. */
const NUMBER =
  /(?<![\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Arabic}\d.,])(?:\d{1,3}(?:(?:,\d{3})+|(?:[ \u00a0\u202f\u2009]\d{3})+|(?:\.\d{3})+(?!\d))|\d+)(?:[.,]\d+)?(?![\d])|[零〇一二两兩三四五六七八九十百千]+(?:[万萬亿億][零〇一二两兩三四五六七八九十百千]*)?(?=[万萬亿億]?(?:人|个|個|名|件|起|家|座|国|國|个国家|次|年))/gu;

const REPORT =
  /\b(?:says?|said|according to|reports?|reported|estimates?|estimated|found|counted|claims?|claimed|enligt|uppger|uppgav|skriver|rapporterar|selon|d'après|affirme|estime|volgens|aldus|meldt|schat|laut|zufolge|berichtet|según|informa|secondo|segundo|по данным)\b|据|称|表示|报告|報告|指出|统计/iu;

const STOP_WHAT =
  /^(?:from|in|since|between|during|by|to|for|and|or|of the|från|i|sedan|mellan|under|och|de|dans|depuis|entre|en|et|van|uit|sinds|tussen|tot|und|aus|seit|zwischen|desde|entre|y|da|dal|tra|fino|e)$/iu;

export interface FigureDeps {
  dates: ExtractedDate[];
  entities: ExtractedEntity[];
  sentences: Span[];
}

function parseDigits(raw: string, lang: string): number {
  let s = raw.replace(/[ \u00a0\u202f\u2009]/g, '');
  const groupsDot = /^\d{1,3}(?:\.\d{3})+$/.test(s);
  const groupsComma = /^\d{1,3}(?:,\d{3})+$/.test(s);
  if (groupsComma) {
    s = s.replace(/,/g, '');
  } else if (groupsDot && lang !== 'en' && lang !== 'zh' && lang !== 'ja') {
    s = s.replace(/\./g, '');
  } else if (/,\d+$/.test(s) && !groupsComma) {
    s = s.replace(/\.(?=\d{3})/g, '').replace(',', '.');
  } else {
    s = s.replace(/,/g, '');
  }
  return Number(s);
}

/** Counted noun phrase after the number: up to three words, or up to six Han characters. */
function whatAfter(text: string, from: number, limit: number): string | undefined {
  const rest = text.slice(from, limit);
  const han = /^[个個名件起家座次]?([\p{Script=Han}]{1,6})/u.exec(rest);
  if (han && /\p{Script=Han}/u.test(rest[0] ?? '')) {
    return han[1]?.replace(/[的了在]$/u, '') || undefined;
  }
  const words: string[] = [];
  for (const m of rest.matchAll(/\s*([\p{L}'’-]+)|\s*([^\s\p{L}])/gu)) {
    if (m[2] !== undefined) {
      break;
    }
    const w = m[1] ?? '';
    if (STOP_WHAT.test(w) && words.length > 0) {
      break;
    }
    words.push(w);
    if (words.length >= 3) {
      break;
    }
  }
  return words.length > 0 ? words.join(' ') : undefined;
}

/** Stated figures: numbers not part of dates or names, with unit, counted thing and who says so. */
export function extractFigures(text: string, lang: string, deps: FigureDeps): ExtractedFigure[] {
  const out: ExtractedFigure[] = [];
  for (const m of text.matchAll(NUMBER)) {
    const raw = m[0].replace(/[ \u00a0\u202f\u2009]+$/u, '');
    const start = m.index;
    let end = start + raw.length;
    if (deps.dates.some((d) => overlaps(d, { start, end }))) {
      continue;
    }
    if (/^(?:19|20)\d{2}$/.test(raw)) {
      continue;
    } // a year chrono did not keep
    let value = /\d/.test(raw) ? parseDigits(raw, lang) : (chineseNumber(raw) ?? NaN);
    if (!Number.isFinite(value)) {
      continue;
    }
    const before = text.slice(Math.max(0, start - 4), start);
    let after = text.slice(end, end + 40);
    const gapAfter = /^[ \u00a0]?/u.exec(after)?.[0].length ?? 0;
    for (const [re, mult] of MULTIPLIER) {
      const mm = re.exec(after.slice(gapAfter));
      if (mm) {
        value *= mult;
        end += gapAfter + mm[0].length;
        after = text.slice(end, end + 40);
        break;
      }
    }
    let unit: string | undefined;
    for (const [re, code] of CURRENCY) {
      if (re.test(after.replace(/^\s+/u, '')) || re.test(before.replace(/^.*?(?=(?:US|HK)?[$€£¥]$)/u, ''))) {
        unit = code;
      }
    }
    if (!unit && PERCENT.test(after.replace(/^\s+/u, ''))) {
      unit = 'percent';
    }
    // Range: "10–20", "10 to 20", "10至20"
    let upper: number | undefined;
    const range = /^\s*(?:-|–|—|to|till|à|tot|bis|a|至|到)\s*(\d[\d,. ]*\d|\d)/u.exec(after);
    if (range?.[1]) {
      const u = parseDigits(range[1].trim(), lang);
      if (Number.isFinite(u) && u > value) {
        upper = u;
        end += range[0].length;
      }
    }
    const sentence = sentenceOf(deps.sentences, start) ?? { start: 0, end: text.length };
    let what = whatAfter(text, end, sentence.end);
    if (what && CURRENCY.some(([re]) => re.test(what ?? ''))) {
      what = undefined;
    }
    if (!unit && what && PEOPLE.test(what)) {
      unit = 'people';
    }
    // Addresses, unit numbers and small bare numbers are not stated figures.
    if (!unit && /^\p{Lu}/u.test(what ?? '') && lang !== 'de' && lang !== 'tr') {
      continue;
    }
    // Outside the first five languages a small number counts when a lowercase noun follows it.
    const counted =
      !SMALL_NUMBER_LANGS.has(lang) &&
      /^\p{L}{3,}/u.test(what ?? '') &&
      (lang === 'tr' || !/^\p{Lu}/u.test(what ?? ''));
    if (!unit && value < 10 && /\d/.test(raw) && !counted) {
      continue;
    }
    if (
      /(?:units?|no\.?|nr\.?|number|nummer|numéro|#|page|sida|article|artikel|art\.)\s*$/iu.test(
        text.slice(Math.max(0, start - 10), start),
      )
    ) {
      continue;
    }
    const fig: ExtractedFigure = { text: text.slice(start, end), value, start, end };
    if (unit) {
      fig.unit = unit;
    }
    if (what) {
      fig.what = what;
    }
    if (upper !== undefined) {
      fig.upper = upper;
    }
    const who = attribution(text, sentence, deps.entities);
    if (who) {
      fig.attributed_to = who;
    }
    out.push(fig);
  }
  return out;
}

/** The organisation a sentence with a reporting verb names, nearest to the verb. */
function attribution(text: string, sentence: Span, entities: ExtractedEntity[]): string | undefined {
  const s = text.slice(sentence.start, sentence.end);
  const verb = REPORT.exec(s);
  if (!verb) {
    return undefined;
  }
  const at = sentence.start + verb.index;
  const candidates = entities.filter(
    (e) =>
      e.start >= sentence.start &&
      e.end <= sentence.end &&
      ['organization', 'public_body', 'person'].includes(e.type),
  );
  candidates.sort((a, b) => Math.abs(a.start - at) - Math.abs(b.start - at));
  return candidates[0]?.canonical;
}

import * as chrono from 'chrono-node';
import { overlaps } from './text.ts';
import type { ExtractedDate } from './types.ts';

type Parser = { parse: (text: string, ref?: Date) => chrono.ParsedResult[] };

const CHRONO: Record<string, Parser> = {
  en: chrono.en,
  de: chrono.de,
  fr: chrono.fr,
  ja: chrono.ja,
  pt: chrono.pt,
  nl: chrono.nl,
  ru: chrono.ru,
  es: chrono.es,
  uk: chrono.uk,
  it: chrono.it,
  sv: chrono.sv,
  fi: chrono.fi,
  id: chrono.id,
  zh: chrono.zh,
};

/** Month names by language, January first (lower case; matched case-insensitively). */
const MONTHS: Record<string, string[][]> = {
  en: [
    ['january', 'jan'],
    ['february', 'feb'],
    ['march', 'mar'],
    ['april', 'apr'],
    ['may'],
    ['june', 'jun'],
    ['july', 'jul'],
    ['august', 'aug'],
    ['september', 'sept', 'sep'],
    ['october', 'oct'],
    ['november', 'nov'],
    ['december', 'dec'],
  ],
  sv: [
    ['januari'],
    ['februari'],
    ['mars'],
    ['april'],
    ['maj'],
    ['juni'],
    ['juli'],
    ['augusti'],
    ['september'],
    ['oktober'],
    ['november'],
    ['december'],
  ],
  nl: [
    ['januari'],
    ['februari'],
    ['maart'],
    ['april'],
    ['mei'],
    ['juni'],
    ['juli'],
    ['augustus'],
    ['september'],
    ['oktober'],
    ['november'],
    ['december'],
  ],
  de: [
    ['januar', 'jänner'],
    ['februar'],
    ['märz'],
    ['april'],
    ['mai'],
    ['juni'],
    ['juli'],
    ['august'],
    ['september'],
    ['oktober'],
    ['november'],
    ['dezember'],
  ],
  fr: [
    ['janvier'],
    ['février'],
    ['mars'],
    ['avril'],
    ['mai'],
    ['juin'],
    ['juillet'],
    ['août'],
    ['septembre'],
    ['octobre'],
    ['novembre'],
    ['décembre'],
  ],
  es: [
    ['enero'],
    ['febrero'],
    ['marzo'],
    ['abril'],
    ['mayo'],
    ['junio'],
    ['julio'],
    ['agosto'],
    ['septiembre', 'setiembre'],
    ['octubre'],
    ['noviembre'],
    ['diciembre'],
  ],
  it: [
    ['gennaio'],
    ['febbraio'],
    ['marzo'],
    ['aprile'],
    ['maggio'],
    ['giugno'],
    ['luglio'],
    ['agosto'],
    ['settembre'],
    ['ottobre'],
    ['novembre'],
    ['dicembre'],
  ],
  pt: [
    ['janeiro'],
    ['fevereiro'],
    ['março'],
    ['abril'],
    ['maio'],
    ['junho'],
    ['julho'],
    ['agosto'],
    ['setembro'],
    ['outubro'],
    ['novembro'],
    ['dezembro'],
  ],
  id: [
    ['januari'],
    ['februari'],
    ['maret'],
    ['april'],
    ['mei'],
    ['juni'],
    ['juli'],
    ['agustus'],
    ['september'],
    ['oktober'],
    ['november'],
    ['desember'],
  ],
  tr: [
    ['ocak'],
    ['şubat'],
    ['mart'],
    ['nisan'],
    ['mayıs'],
    ['haziran'],
    ['temmuz'],
    ['ağustos'],
    ['eylül'],
    ['ekim'],
    ['kasım'],
    ['aralık'],
  ],
};

const pad = (n: number): string => String(n).padStart(2, '0');

function monthRegex(lang: string): { re: RegExp; month: (w: string) => number } | undefined {
  const table = MONTHS[lang];
  if (!table) {
    return undefined;
  }
  const index = new Map<string, number>();
  table.forEach((names, i) => names.forEach((n) => index.set(n, i + 1)));
  const alt = [...index.keys()].sort((a, b) => b.length - a.length).join('|');
  // [day[.]] [de] month [de|del] [year]; the month word must stand alone.
  const re = new RegExp(
    `(?<![\\p{L}\\d])(?:(\\d{1,2})(?:\\.|er|e)?\\s+(?:de\\s+)?)?(${alt})(?![\\p{L}])(?:\\s+(\\d{1,2})(?:st|nd|rd|th)?(?![\\d.,]\\d|\\d))?(?:\\.?,?\\s+(?:de\\s+|del\\s+)?((?:19|20)\\d{2})(?!\\d))?`,
    'giu',
  );
  return { re, month: (w) => index.get(w.toLowerCase()) ?? 0 };
}

/** Own rules: Chinese/Japanese y年m月d日, month-name dates in many languages, bare years. */
function ruleDates(text: string, lang: string, ref: Date | undefined): ExtractedDate[] {
  const out: ExtractedDate[] = [];
  for (const m of text.matchAll(
    /((?:19|20)\d{2})\s*年(?:\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*[日号])?)?|(?<![年\d])(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]/gu,
  )) {
    const [all, y, mo, d, mo2, d2] = m;
    const value = y
      ? [y, mo && pad(+mo), d && pad(+d)].filter(Boolean).join('-')
      : `${ref ? ref.getFullYear() : '-'}-${pad(+(mo2 ?? 0))}-${pad(+(d2 ?? 0))}`;
    out.push({ text: all, value, start: m.index, end: m.index + all.length });
  }
  const langs = [...new Set([lang, 'en'])];
  for (const l of langs) {
    const mr = monthRegex(l);
    if (!mr) {
      continue;
    }
    for (const m of text.matchAll(mr.re)) {
      const [all, day1, word = '', day2, year] = m;
      const day = day1 ?? day2;
      // "May"/"mars"/"mei" alone are too ambiguous without a day or a year.
      if (!day && !year && word.length <= 4) {
        continue;
      }
      if (l === 'en' && !/^\p{Lu}/u.test(word)) {
        continue;
      }
      const month = mr.month(word);
      const y = year ?? (ref ? String(ref.getFullYear()) : '-');
      const value = day ? `${y}-${pad(month)}-${pad(+day)}` : `${y}-${pad(month)}`;
      out.push({ text: all, value, start: m.index, end: m.index + all.length });
    }
  }
  for (const m of text.matchAll(
    /(?<![\p{L}\d.,$€£¥#/-])((?:19|20)\d{2})(?![\d.,%]?\d|年|\s*(?:%|procent|pour|per))/gu,
  )) {
    out.push({ text: m[0], value: m[0], start: m.index, end: m.index + m[0].length });
  }
  return out;
}

function chronoDates(text: string, lang: string, ref: Date | undefined): ExtractedDate[] {
  const parser = CHRONO[lang] ?? (lang === 'zh-hant' ? chrono.zh : undefined);
  if (!parser) {
    return [];
  }
  const out: ExtractedDate[] = [];
  for (const r of parser.parse(text, ref ?? new Date(2000, 0, 1))) {
    const c = r.start;
    if (!ref && !c.isCertain('month') && !c.isCertain('year')) {
      continue;
    } // weekdays, times of day
    if (!ref && !/\d/.test(r.text)) {
      continue;
    } // "last month" means nothing without a reference date
    const raw = r.text.replace(/[\s,.;:]+$/u, '');
    const y = c.isCertain('year') || ref ? String(c.get('year')) : '-';
    const month = c.get('month') ?? 1;
    // Precision: a year alone, a month, or a day (relative dates resolve to a day against `ref`).
    const value =
      c.isCertain('year') && !c.isCertain('month')
        ? y
        : c.isCertain('month') && !c.isCertain('day')
          ? `${y}-${pad(month)}`
          : `${y}-${pad(month)}-${pad(c.get('day') ?? 1)}`;
    out.push({ text: raw, value, start: r.index, end: r.index + raw.length });
  }
  return out;
}

/**
 * Dates with precision: chrono-node for the languages it knows, our rules for the forms it misses
 * (Chinese 年月日, "i februari 2020", "en novembre 2022", bare years). Overlaps keep the longest.
 */
export function extractDates(text: string, lang: string, ref?: Date): ExtractedDate[] {
  const all = [...chronoDates(text, lang, ref), ...ruleDates(text, lang, ref)];
  all.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: ExtractedDate[] = [];
  for (const d of all) {
    if (!kept.some((k) => overlaps(k, d))) {
      kept.push(d);
    }
  }
  return kept.sort((a, b) => a.start - b.start);
}

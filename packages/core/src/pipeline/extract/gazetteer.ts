import countries from 'i18n-iso-countries';
import { createRequire } from 'node:module';
import actorsData from './data/actors.json' with { type: 'json' };
import cityNamesI18n from './data/city-names-i18n.json' with { type: 'json' };
import citiesData from './data/cities.json' with { type: 'json' };
import placesExtraData from './data/places-extra.json' with { type: 'json' };
import stateBodiesData from './data/state-bodies.json' with { type: 'json' };
import { fold, isHan } from './text.ts';
import type { EntityType, Span } from './types.ts';

/** One thing a name can refer to: an actor (body, organisation, campaign…) or a place. */
export type GazEntry =
  | { kind: 'actor'; id: string; type: EntityType; canonical: string; country: string; origin: boolean }
  | {
      kind: 'place';
      name: string;
      country: string;
      lat: number;
      lon: number;
      population: number;
      isCountry: boolean;
    };

export interface GazMatch extends Span {
  text: string;
  /** Every entry the name may stand for, best first. */
  entries: GazEntry[];
}

interface Pattern {
  tokens: string[];
  gaps: string[];
  exact: boolean;
  entries: GazEntry[];
}

/** Languages whose country names we load; the issue's list plus near neighbours. */
const COUNTRY_LANGS = [
  'en',
  'zh',
  'sv',
  'nl',
  'fr',
  'de',
  'es',
  'it',
  'pt',
  'id',
  'ja',
  'ko',
  'ru',
  'uk',
  'fa',
  'ar',
  'tr',
  'ug',
  'da',
  'nb',
  'fi',
  'pl',
  'cs',
];

/** Single words that are city names in GeoNames but far more often something else in our languages. */
const CITY_STOPWORDS = new Set(
  'Of Mobile Nice Reading Bath Split Bar Police Mercedes Concordia Progreso Independence Surprise Deal Hope Marina Colon Sale Male Man Van Most Gap Kota Ede Lens Orange Enterprise Union Liberty Temple Lincoln Jackson Florida Mandi Bus Said Ashburn Anderson Chester Cambridge Oxford Sterling Mission Salem Federal Nord Sud Centro Monte Bergen Marine Arena Plaza Uni Best Nola Tema Kassel Gorgan Bern Embassy Wang Li Lu Chen Wu Zhang Liu Hu Ma Jin Island Carolina Metro Delta David Norman Columbus Hollywood Mishima Georgetown Plano'.split(
    ' ',
  ),
);

const TOKEN = /(?:\p{Lu}\.){2,}|[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu;

interface Tok extends Span {
  raw: string;
  folded: string;
}

function tokenize(s: string): Tok[] {
  return [...s.matchAll(TOKEN)].map((m) => ({
    start: m.index,
    end: m.index + m[0].length,
    raw: m[0],
    folded: fold(m[0]),
  }));
}

const CYRILLIC_WORD = /^\p{Lu}[\p{Script=Cyrillic}]+$/u;
/** A Cyrillic name without its final vowel or soft sign: the part case endings attach to. */
const cyrillicStem = (w: string): string => w.replace(/[аяоеьйыиуюё]$/u, '');

/** An Arabic-script word that may carry a one-letter proclitic (و ف ب ل ك). */
const ARABIC_PROCLITIC = /^[وفبلك][\p{Script=Arabic}]{3,}$/u;

/** Without accents, case kept: exact names match across accent variants (Dubai, Dubái). */
const bare = (s: string): string => s.normalize('NFKD').replace(/\p{M}/gu, '').normalize('NFC');

const gapOf = (s: string): string => s.replace(/\s+/g, '');

const hasCjk = (s: string): boolean =>
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u.test(s);

export class Gazetteer {
  private readonly latin = new Map<string, Pattern[]>();
  private readonly cjk = new Map<string, { name: string; entries: GazEntry[] }[]>();
  private readonly byName = new Map<string, GazEntry[]>();
  /** Cyrillic one-word names by stem, so that case endings match (Москва → в Москве). */
  private readonly cyrillic = new Map<string, GazEntry[]>();

  add(name: string, entry: GazEntry): void {
    const trimmed = name.trim();
    if (trimmed.length < 2) {
      return;
    }
    const key = hasCjk(trimmed) ? trimmed : fold(trimmed);
    const list = this.byName.get(key);
    if (list) {
      if (!list.includes(entry)) {
        list.push(entry);
      }
      return;
    }
    const entries = [entry];
    this.byName.set(key, entries);
    if (hasCjk(trimmed)) {
      const first = trimmed[0] ?? '';
      const bucket = this.cjk.get(first) ?? [];
      bucket.push({ name: trimmed, entries });
      this.cjk.set(first, bucket);
      return;
    }
    const toks = tokenize(trimmed);
    if (toks.length === 0) {
      return;
    }
    if (toks.length === 1 && CYRILLIC_WORD.test(trimmed)) {
      const key = cyrillicStem(trimmed);
      const list = this.cyrillic.get(key) ?? [];
      if (!list.includes(entry)) {
        list.push(entry);
      }
      this.cyrillic.set(key, list);
    }
    const gaps = toks.slice(1).map((t, i) => gapOf(trimmed.slice(toks[i]?.end ?? 0, t.start)));
    // One word, or an acronym: compare exactly (case matters: "Nice" the city, not "nice").
    const exact = toks.length === 1 || /^[\p{Lu}\d]{2,6}$/u.test(trimmed);
    const pattern: Pattern = {
      tokens: exact ? toks.map((t) => bare(t.raw)) : toks.map((t) => t.folded),
      gaps,
      exact,
      entries,
    };
    const head = toks[0]?.folded ?? '';
    const bucket = this.latin.get(head) ?? [];
    bucket.push(pattern);
    this.latin.set(head, bucket);
  }

  /** Longest non-overlapping matches, left to right. */
  find(text: string): GazMatch[] {
    const found: GazMatch[] = [];
    const toks = tokenize(text);
    for (let i = 0; i < toks.length; i++) {
      const t = toks[i]!;
      const head =
        this.latin.get(t.folded) ??
        this.latin.get(t.folded.replace(/(?:'s|s)$/u, '')) ??
        this.latin.get(t.folded.replace(/['’]\p{Ll}{1,6}$/u, ''));
      for (const p of head ?? []) {
        const end = matchAt(text, toks, i, p);
        if (end !== undefined) {
          found.push({ start: t.start, end, text: text.slice(t.start, end), entries: p.entries });
        }
      }
      // Arabic proclitics written onto the name: بإسطنبول, وبرلين, للأمم.
      if (!head && ARABIC_PROCLITIC.test(t.raw)) {
        // لل + noun is ل + ال: the article's alif is dropped, so the span starts after the clitic.
        const tries: [string, number][] = [
          [t.raw.slice(1), 1],
          [t.raw.slice(2), 2],
          ...(t.raw.startsWith('لل') ? ([[`ا${t.raw.slice(1)}`, 1]] as [string, number][]) : []),
        ];
        const hit = tries.find(([bare]) => this.byName.has(fold(bare)));
        const entries = hit ? this.byName.get(fold(hit[0])) : undefined;
        if (hit && entries) {
          const start = t.start + hit[1];
          found.push({ start, end: t.end, text: text.slice(start, t.end), entries });
        }
      }
    }
    for (const t of toks) {
      if (!CYRILLIC_WORD.test(t.raw)) {
        continue;
      }
      for (const cut of [0, 1, 2]) {
        const stem = t.raw.slice(0, t.raw.length - cut);
        const entries = stem.length >= 3 ? this.cyrillic.get(cyrillicStem(stem)) : undefined;
        if (entries && cyrillicStem(stem) === stem.replace(/[аяоеьйыиуюё]$/u, '')) {
          found.push({ start: t.start, end: t.end, text: t.raw, entries });
          break;
        }
      }
    }
    for (let i = 0; i < text.length; i++) {
      const ch = text[i] ?? '';
      if (!hasCjk(ch)) {
        continue;
      }
      for (const c of this.cjk.get(ch) ?? []) {
        if (text.startsWith(c.name, i)) {
          found.push({ start: i, end: i + c.name.length, text: c.name, entries: c.entries });
        }
      }
    }
    found.sort((a, b) => a.start - b.start || b.end - a.end);
    const out: GazMatch[] = [];
    for (const m of found) {
      const last = out[out.length - 1];
      if (last && m.start < last.end) {
        if (m.end - m.start > last.end - last.start) {
          out[out.length - 1] = m;
        }
        continue;
      }
      out.push(m);
    }
    return out;
  }
}

/** End offset when pattern `p` matches the tokens from `i`, allowing a possessive/genitive on the last word. */
function matchAt(text: string, toks: Tok[], i: number, p: Pattern): number | undefined {
  let end = 0;
  for (let k = 0; k < p.tokens.length; k++) {
    const t = toks[i + k];
    const want = p.tokens[k] ?? '';
    if (!t) {
      return undefined;
    }
    if (k > 0) {
      const prev = toks[i + k - 1]!;
      const gap = text.slice(prev.end, t.start);
      if (gap.length > 3 || gapOf(gap) !== p.gaps[k - 1]) {
        return undefined;
      }
    }
    const have = p.exact ? bare(t.raw) : t.folded;
    const last = k === p.tokens.length - 1;
    if (have === want) {
      end = t.end;
    } else if (
      last &&
      /^(?:['’]s|s)$/u.test(have.slice(want.length)) &&
      have.startsWith(want) &&
      !want.endsWith('s')
    ) {
      end = t.start + want.length;
    } else if (last && have.startsWith(want) && /^['’]\p{Ll}{1,6}$/u.test(have.slice(want.length))) {
      // Turkish case suffixes after an apostrophe: Kenya'da, Nairobi'de, Türkiye'ye.
      end = t.start + want.length;
    } else {
      return undefined;
    }
  }
  return end;
}

let cached: Gazetteer | undefined;

/** The gazetteer built from our data files and i18n-iso-countries, built once per process. */
export function gazetteer(): Gazetteer {
  if (cached) {
    return cached;
  }
  const g = new Gazetteer();
  for (const a of [...stateBodiesData, ...actorsData]) {
    const entry: GazEntry = {
      kind: 'actor',
      id: a.id,
      type: a.type as EntityType,
      canonical: a.canonical,
      country: a.country,
      origin: a.origin,
    };
    for (const n of a.names) {
      g.add(n, entry);
    }
  }
  const cityRows = citiesData as [string, string, string, number, number, number][];
  const centre = countryCentres(cityRows);
  const require = createRequire(import.meta.url);
  for (const lang of COUNTRY_LANGS) {
    countries.registerLocale(require(`i18n-iso-countries/langs/${lang}.json`) as countries.LocaleData);
  }
  for (const code of Object.keys(countries.getAlpha2Codes())) {
    const c = centre.get(code);
    const entry: GazEntry = {
      kind: 'place',
      name: countries.getName(code, 'en') ?? code,
      country: code,
      lat: c?.lat ?? 0,
      lon: c?.lon ?? 0,
      population: Number.MAX_SAFE_INTEGER,
      isCountry: true,
    };
    for (const lang of COUNTRY_LANGS) {
      for (const n of countries.getName(code, lang, { select: 'all' }) ?? []) {
        g.add(n, entry);
      }
    }
  }
  for (const p of placesExtraData) {
    const entry: GazEntry = {
      kind: 'place',
      name: p.name,
      country: p.country,
      lat: p.lat,
      lon: p.lon,
      population: 1e9,
      isCountry: false,
    };
    g.add(p.name, entry);
    for (const n of p.names) {
      g.add(n, entry);
    }
  }
  const i18n = cityNamesI18n.cities as Record<string, string[]>;
  for (const [name, alt, country, lat, lon, population] of cityRows) {
    if (CITY_STOPWORDS.has(name) || (name.length <= 3 && population < 1_000_000)) {
      continue;
    }
    const entry: GazEntry = { kind: 'place', name, country, lat, lon, population, isCountry: false };
    g.add(name, entry);
    for (const n of i18n[name] ?? []) {
      g.add(n, entry);
    }
    for (const n of alt.split(',')) {
      if (n && !CITY_STOPWORDS.has(n)) {
        g.add(n, entry);
      }
    }
  }
  cached = g;
  return g;
}

/** A representative point per country: the population-weighted mean of its listed cities (approximate). */
function countryCentres(
  rows: [string, string, string, number, number, number][],
): Map<string, { lat: number; lon: number }> {
  const acc = new Map<string, { lat: number; lon: number; w: number }>();
  for (const [, , country, lat, lon, pop] of rows) {
    const a = acc.get(country) ?? { lat: 0, lon: 0, w: 0 };
    a.lat += lat * pop;
    a.lon += lon * pop;
    a.w += pop;
    acc.set(country, a);
  }
  const out = new Map<string, { lat: number; lon: number }>();
  for (const [k, a] of acc) {
    out.set(k, { lat: Math.round((a.lat / a.w) * 100) / 100, lon: Math.round((a.lon / a.w) * 100) / 100 });
  }
  return out;
}

export { isHan };

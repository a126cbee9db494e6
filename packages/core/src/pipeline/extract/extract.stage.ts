import { RESPONSE_CUES, TACTIC_CUES } from './cues.ts';
import {
  BODY_PATTERNS,
  I18N_ACTORS,
  personNames,
  I18N_CUES,
  I18N_ORIGIN_CUES,
  I18N_RESPONSE_CUES,
} from './multilingual.ts';
import { extractDates } from './dates.ts';
import { extractFigures } from './figures.ts';
import { gazetteer, type GazEntry } from './gazetteer.ts';
import { extractPii } from './pii.ts';
import { overlaps, sentenceOf, sentences } from './text.ts';
import type {
  CodedFinding,
  EntityType,
  ExtractDeps,
  ExtractedEntity,
  ExtractedPlace,
  Extraction,
  ResponseFinding,
  Span,
} from './types.ts';

export type * from './types.ts';

/** Titles that announce a person's name (Latin-script languages). */
const PERSON_TITLE =
  /\b(?:[Mm]ayor|[Mm]inister|[Pp]resident|[Ss]pokes(?:person|man|woman)|[Aa]mbassador|[Dd]irector|[Ss]ecretary|[Pp]rofessor|[Cc]hief [Ss]uperintendent|[Dd]eputy|Mr\.?|Ms\.?|Mrs\.?|Dr\.?|[Bb]orgmästare|[Mm]inistern?|[Mm]aire|[Mm]inistre|[Bb]urgemeester|[Bb]ürgermeister(?:in)?|[Mm]inistro|[Ss]indaco|[Aa]lcalde(?:sa)?|[Jj]ournalist(?:en|e)?|[Aa]ctivist(?:en|e)?|dissident)\s+((?:\p{Lu}[\p{Ll}'’-]+)(?:\s+(?:\p{Lu}[\p{Ll}'’-]+|van|de|der|von)){1,3})/gu;

/** Capitalised names ending in (or built on) a word that makes them an organisation. */
const ORG_HEAD =
  'Ministry|Ministerie|Ministère|Ministerium|Ministerio|Ministero|Bureau|Police|Polis|Polizei|Politie|Policía|Polizia|Department|Office|Commission|Agency|Authority|Embassy|Consulate|Parliament|Council|Association|Federation|Foundation|Institute|University|Committee|Party|Times|Post|News|Nieuws|Group|Centre|Center|Society|League|Union';
const ORG = new RegExp(
  `\\b(?:(?:\\p{Lu}[\\p{L}'’-]+|of|for|and|the|on|de|du|des|van|voor|für|der|del|della|di)\\s){0,5}?(?:\\p{Lu}[\\p{L}'’-]+\\s)(?:${ORG_HEAD})\\b(?:\\s(?:of|for|on)\\s(?:the\\s)?\\p{Lu}[\\p{L}-]+(?:\\s\\p{Lu}[\\p{L}-]+){0,3})?|\\b(?:${ORG_HEAD})\\s(?:of|for)\\s(?:the\\s)?\\p{Lu}[\\p{L}-]+(?:\\s(?:and\\s)?\\p{Lu}[\\p{L}-]+){0,3}`,
  'gu',
);
const PUBLIC_HEAD =
  /Ministry|Ministerie|Ministère|Ministerium|Ministerio|Ministero|Bureau|Police|Polis|Polizei|Politie|Policía|Polizia|Department|Office|Commission|Agency|Authority|Embassy|Consulate|Parliament/u;

/** "Chinese police", "Kinas regim", "中国警方": the state named as the one acting. */
export const ORIGIN_CUES: [string, RegExp][] = [
  [
    'CN',
    /(?:Chinese|China's|Beijing's|Beijing|Kinas|kinesisk[ae]?|chinois[es]?|chinoise|Chinese|chinesisch\w*|chin[oa]s?|cines[ei]|китайск\w*|中国|中共|中國)\s*(?:\p{L}+\s+){0,2}?(?:police|authorities|government|regime|state|officials|agents|security|embassy|consulate|Communist|myndighet\w*|regim\w*|polis\w*|autorités|gouvernement|régime|autoriteiten|regering|overheid|politie|Behörden|Regierung|Polizei|autoridades|gobierno|policía|autorità|governo|polizia|власт\w*|警方|政府|当局|当局|公安|警察)/iu,
  ],
  ['CN', /(?:中国|中國|中共)[\p{Script=Han}]{0,4}?(?:警方|政府|当局|當局|公安|警察|官方|机关)/u],
  [
    'CN',
    /(?:police|polizia|policía|agenti|agents|autorités|autorità|autoridades|comisarías|postes de police|stazioni di polizia|gouvernement|governo|gobierno)\s+(?:\p{L}+\s+)?(?:chinois\w*|chinoise|cines[ei]|chin[oa]s)\b/iu,
  ],
  [
    'RU',
    /(?:Russian|Kremlin|Moscow's|ryska|russe|Russische|russisch\w*|ruso|russo|российск\w*)\s+(?:\p{L}+\s+)?(?:authorities|government|regime|security services|intelligence|agents|FSB|GRU|myndigheter|autorités|autoriteiten|Behörden|власт\w*)/iu,
  ],
  [
    'IR',
    /(?:Iranian|Islamic Republic|iranska|iranien\w*|Iraanse|iranisch\w*)\s+(?:\p{L}+\s+)?(?:authorities|government|regime|intelligence|agents|IRGC|myndigheter|régime|regime|Behörden)/iu,
  ],
  [
    'TR',
    /(?:Turkish|Ankara's|turkiska|turc|turque|Turkse|türkisch\w*)\s+(?:\p{L}+\s+)?(?:authorities|government|intelligence|MIT|agents|myndigheter|autorités|Behörden)/iu,
  ],
  ['RW', /Rwandan\s+(?:authorities|government|agents|intelligence)/iu],
  ['SA', /Saudi\s+(?:authorities|government|agents|intelligence|officials)/iu],
  ['ER', /Eritrean\s+(?:authorities|government|embassy|agents)/iu],
  ['BY', /Belarusian\s+(?:authorities|government|KGB|agents)/iu],
  ...I18N_ORIGIN_CUES,
];

const POLICE_BEFORE =
  /(?:(?:local )?police|politie|polisen|Polismyndigheten|Polizei|policía|polizia|police municipale|(?:municipal )?public security bureau|bureau de la sécurité publique|Büro für öffentliche Sicherheit|oficina de seguridad pública)\s+(?:of|van|de|du|des|i|del|della|di|des Kreises|in)\s+(?:the\s+)?$/iu;
const POLICE_AFTER = /^(?:\s+(?:police|PSB|Public Security Bureau|politie|polis)\b|市?(?:公安局|警方|公安))/u;

/** A cue table with the multilingual stems of the same code added as further alternatives. */
function withI18n<C extends string>(base: [C, RegExp][], extra: Record<string, string[]>): [C, RegExp][] {
  return base.map(([code, re]): [C, RegExp] => {
    const more = extra[code] ?? [];
    // A stem that starts with a Latin letter must start a word ("accusat" is not inside "accusation"… but is its start).
    const alts = more.map((m) => (/^\p{Script=Latin}/u.test(m) ? `(?<!\\p{L})(?:${m})` : m));
    return alts.length === 0 ? [code, re] : [code, new RegExp(`${re.source}|${alts.join('|')}`, re.flags)];
  });
}
const TUNED_LANGS = new Set(['en', 'zh', 'sv', 'fr', 'nl']);
const ALL_TACTIC_CUES = withI18n(TACTIC_CUES, I18N_CUES);
const ALL_RESPONSE_CUES = withI18n(RESPONSE_CUES, I18N_RESPONSE_CUES);

const SPECIAL_REGIONS: Record<string, string[]> = { CN: ['HK', 'MO'] };

const entityOf = (e: GazEntry & { kind: 'actor' }, text: string, span: Span): ExtractedEntity => ({
  text,
  type: e.type,
  canonical: e.canonical,
  start: span.start,
  end: span.end,
});

/**
 * Everything a researcher would copy from an article into a spreadsheet, each anchored to its
 * span: entities, places, dates, figures, tactic and response codes, origin/host states, PII.
 * `language` is an ISO 639-1 code (detectLanguage); offsets are UTF-16 indices into `text`.
 */
export function extractAll(text: string, language: string, deps: ExtractDeps = {}): Extraction {
  const lang = language.toLowerCase().split(/[-_]/)[0] ?? 'und';
  const sents = sentences(text);
  const matches = gazetteer().find(text);

  const entities: ExtractedEntity[] = [];
  const places: ExtractedPlace[] = [];
  const mentionedCountries = new Set<string>();
  for (const m of matches) {
    const actor = m.entries.find((e) => e.kind === 'actor');
    if (actor?.kind === 'actor') {
      entities.push(entityOf(actor, m.text, m));
      continue;
    }
    for (const e of m.entries) {
      if (e.kind === 'place' && e.isCountry) {
        mentionedCountries.add(e.country);
      }
    }
  }
  for (const m of matches) {
    const candidates = m.entries.filter((e): e is GazEntry & { kind: 'place' } => e.kind === 'place');
    if (candidates.length === 0 || m.entries.some((e) => e.kind === 'actor')) {
      continue;
    }
    // Prefer a reading in a country the text names, then the most populous one.
    candidates.sort(
      (a, b) =>
        Number(mentionedCountries.has(b.country)) - Number(mentionedCountries.has(a.country)) ||
        b.population - a.population,
    );
    const p = candidates[0]!;
    places.push({
      text: m.text,
      name: p.name,
      country: p.country,
      lat: p.lat,
      lon: p.lon,
      start: m.start,
      end: m.end,
    });
  }

  const taken = (s: Span) => entities.some((e) => overlaps(e, s)) || places.some((p) => overlaps(p, s));
  for (const m of text.matchAll(PERSON_TITLE)) {
    const name = m[1] ?? '';
    const start = m.index + m[0].length - name.length;
    const span = { start, end: start + name.length };
    if (!taken(span)) {
      entities.push({ text: name, type: 'person', canonical: name, ...span });
    }
  }
  for (const m of text.matchAll(ORG)) {
    const raw = m[0].replace(/^(?:(?:the|of|for|and|on|de|du|des|van|voor|für|der|del|della|di)\s+)+/iu, '');
    const start = m.index + m[0].length - raw.length;
    const span = { start, end: start + raw.length };
    if (raw.split(/\s+/).length < 2 || taken(span)) {
      continue;
    }
    const type: EntityType = PUBLIC_HEAD.test(raw) ? 'public_body' : 'organization';
    entities.push({ text: raw, type, canonical: raw, ...span });
  }
  // The first five languages have their own tuned lexicons and heuristics; multilingual.ts is for the rest.
  const tuned = TUNED_LANGS.has(lang);
  // Bodies and organisations in further scripts and languages (multilingual.ts).
  for (const [canonical, type, , re] of tuned ? [] : I18N_ACTORS) {
    for (const m of text.matchAll(new RegExp(re.source, `${re.flags}g`))) {
      const span = { start: m.index, end: m.index + m[0].length };
      if (!entities.some((e) => overlaps(e, span))) {
        entities.push({ text: m[0], type, canonical, ...span });
      }
    }
  }
  for (const re of tuned ? [] : BODY_PATTERNS) {
    for (const m of text.matchAll(new RegExp(re.source, `${re.flags}g`))) {
      const raw = m[0].trimEnd();
      const span = { start: m.index, end: m.index + raw.length };
      // A body may contain a place ("Procura di Milano", "Полиция Швеции"), not another entity.
      if (raw.length >= 2 && !entities.some((e) => overlaps(e, span))) {
        entities.push({ text: raw, type: 'public_body', canonical: raw, ...span });
      }
    }
  }
  for (const span of personNames(text, lang, taken)) {
    const name = text.slice(span.start, span.end);
    entities.push({ text: name, type: 'person', canonical: name, ...span });
  }
  // Police of a place: "politie van Lishui", "bureau de la sécurité publique de Fuzhou", "Wenzhou police", "福州警方".
  for (const p of places) {
    const before = POLICE_BEFORE.exec(text.slice(Math.max(0, p.start - 50), p.start));
    const after = POLICE_AFTER.exec(text.slice(p.end, p.end + 30));
    const start = before ? p.start - before[0].length : p.start;
    const end = after ? p.end + after[0].length : p.end;
    const span = { start, end };
    // A longer police-of-place name replaces what it contains ("Polismyndigheten" in "Polismyndigheten i Fuzhou").
    const inside = (e: Span) => e.start >= start && e.end <= end;
    if ((!before && !after) || entities.some((e) => overlaps(e, span) && !inside(e))) {
      continue;
    }
    for (let i = entities.length - 1; i >= 0; i--) {
      if (inside(entities[i]!)) {
        entities.splice(i, 1);
      }
    }
    const known = gazetteer()
      .find(`${p.name} police`)
      .flatMap((m) => m.entries)
      .find((e) => e.kind === 'actor');
    const raw = text.slice(start, end);
    entities.push({
      text: raw,
      type: 'public_body',
      canonical: known?.kind === 'actor' ? known.canonical : raw,
      start,
      end,
    });
  }
  entities.sort((a, b) => a.start - b.start);

  const dates = extractDates(text, lang, deps.referenceDate);
  const figures = extractFigures(text, lang, { dates, entities, sentences: sents }).filter(
    (f) => !entities.some((e) => overlaps(e, f)) && !places.some((p) => overlaps(p, f)),
  );
  const tactics = coded(text, sents, tuned ? TACTIC_CUES : ALL_TACTIC_CUES);
  const responses: ResponseFinding[] = coded(text, sents, tuned ? RESPONSE_CUES : ALL_RESPONSE_CUES).map(
    (r) => {
      const by = actorNear(r.evidence[0], entities, places);
      return by ? { ...r, by } : r;
    },
  );

  const origin = new Set<string>();
  for (const m of matches) {
    for (const e of m.entries) {
      if (e.kind === 'actor' && e.origin && e.country) {
        origin.add(e.country);
      }
    }
  }
  for (const [code, re] of ORIGIN_CUES) {
    if (re.test(text)) {
      origin.add(code);
    }
  }
  // "the public security bureau of Fuzhou", "politie van Lishui", "福州警方": police of a place in the origin state.
  for (const p of places) {
    const before = text.slice(Math.max(0, p.start - 40), p.start);
    const after = text.slice(p.end, p.end + 24);
    if (
      /(?:public security|sécurité publique|openbare veiligheid|seguridad pública|pubblica sicurezza)[^.]{0,20}$/iu.test(
        before,
      ) ||
      /(?:police|politie|polis(?:en)?|Polizei|policía|polizia|Polismyndigheten)\s+(?:of|van|de|des|du|di|della|del|des Kreises|i)\s+(?:the\s+)?$/iu.test(
        before,
      ) ||
      /^\s*(?:public security|PSB|市?公安|警方)/u.test(after)
    ) {
      if (p.country === 'CN' || p.country === 'HK') {
        origin.add('CN');
      }
    }
  }
  const excluded = new Set([...origin, ...[...origin].flatMap((o) => SPECIAL_REGIONS[o] ?? [])]);
  const host = new Set<string>();
  for (const p of places) {
    const after = text.slice(p.end, p.end + 8);
    if (/^[-\s]?based/iu.test(after)) {
      continue;
    } // "a Spain-based NGO": the NGO's seat, not a scene
    if (p.country && !excluded.has(p.country)) {
      host.add(p.country);
    }
  }

  return {
    entities,
    places,
    dates,
    figures,
    tactics,
    responses,
    states: { origin: [...origin].sort(), host: [...host].sort() },
    pii: extractPii(text, dates),
  };
}

function coded(text: string, sents: Span[], cues: [string, RegExp][]): CodedFinding[] {
  const out: CodedFinding[] = [];
  for (const [code, re] of cues) {
    const evidence: Span[] = [];
    for (const s of sents) {
      if (re.test(text.slice(s.start, s.end))) {
        evidence.push({ start: s.start, end: s.end });
      }
    }
    if (evidence.length > 0) {
      out.push({ code, evidence });
    }
  }
  return out;
}

/** The body or country acting in an evidence sentence: the first named actor, else the first place. */
function actorNear(
  span: Span | undefined,
  entities: ExtractedEntity[],
  places: ExtractedPlace[],
): string | undefined {
  if (!span) {
    return undefined;
  }
  const actor = entities.find((e) => e.start >= span.start && e.end <= span.end && e.type !== 'person');
  if (actor) {
    return actor.canonical;
  }
  return places.find((p) => p.start >= span.start && p.end <= span.end)?.name;
}

export { sentenceOf };

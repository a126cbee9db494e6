import { anyAscii } from '../../domain/romanise.ts';
import { normalizeName } from '../../names/normalize.ts';
import { isoScriptOf } from '../../names/blocking.ts';
import { ORIGIN_CUES } from './extract.stage.ts';
import { gazetteer } from './gazetteer.ts';
import { overlaps, sentenceOf, sentences } from './text.ts';
import type { EntityType, Extraction, Span } from './types.ts';

/** The name stored with every machine suggestion; bump it when the extractor changes meaningfully. */
export const EXTRACTOR = 'longarm-extract/1';

/** The entity a mention points at, found again by (type, normalised name). */
export interface EntityRef {
  type: EntityType;
  canonical: string;
  /** `type:normalised canonical name` — the same thing named twice gets the same key. */
  key: string;
  /** Spellings to record: the canonical name and, when it differs, the text as written. */
  names: { value: string; script: string; romanised: string; kind: 'canonical' | 'alias' }[];
  details: Record<string, unknown>;
}

export interface MentionSuggestion extends Span {
  /** An entity type, or `date` (no entity). */
  type: EntityType | 'date';
  text: string;
  entity: EntityRef | null;
  details: Record<string, unknown>;
  /** Identifies the suggestion within its document across re-runs. */
  key: string;
}

export type ClaimProperty = 'figure' | 'tactic' | 'response' | 'origin_state' | 'host_state';

export interface ClaimSuggestion extends Span {
  property: ClaimProperty;
  value: Record<string, unknown>;
  assertedBy: string | null;
  /** `text.slice(start, end)`: the evidence as quoted. */
  quote: string;
  key: string;
}

export interface Suggestions {
  mentions: MentionSuggestion[];
  claims: ClaimSuggestion[];
}

export const entityKey = (type: string, name: string): string => `${type}:${normalizeName(name)}`;

function entityRef(
  type: EntityType,
  canonical: string,
  written: string,
  details: Record<string, unknown>,
): EntityRef | null {
  if (normalizeName(canonical) === '') {
    return null;
  }
  const name = (value: string, kind: 'canonical' | 'alias') => ({
    value,
    script: isoScriptOf(value),
    romanised: anyAscii(normalizeName(value)).toLowerCase(),
    kind,
  });
  const names = [name(canonical, 'canonical')];
  if (written !== canonical) {
    names.push(name(written, 'alias'));
  }
  return { type, canonical, key: entityKey(type, canonical), names, details };
}

const spanKey = (s: Span): string => `${s.start}-${s.end}`;

/** The dates inside a figure's sentence: one is the time of the figure, two or more bound a period. */
function periodOf(
  figure: Span,
  sents: Span[],
  dates: Extraction['dates'],
): Record<string, string> | undefined {
  const sentence = sentenceOf(sents, figure.start);
  if (!sentence) {
    return undefined;
  }
  const inside = dates.filter((d) => d.start >= sentence.start && d.end <= sentence.end);
  const first = inside[0];
  const last = inside.at(-1);
  if (!first || !last) {
    return undefined;
  }
  return inside.length === 1 ? { at: first.value } : { from: first.value, to: last.value };
}

/** Where the text shows that a state is the one reaching: its bodies, cue phrases, or places in it. */
function originEvidence(text: string, code: string, sents: Span[], places: Extraction['places']): Span[] {
  const found: Span[] = [];
  for (const m of gazetteer().find(text)) {
    if (m.entries.some((e) => e.kind === 'actor' && e.origin && e.country === code)) {
      found.push({ start: m.start, end: m.end });
    }
  }
  for (const [cc, re] of ORIGIN_CUES) {
    if (cc !== code) {
      continue;
    }
    for (const s of sents) {
      const m = re.exec(text.slice(s.start, s.end));
      if (m) {
        found.push({ start: s.start + m.index, end: s.start + m.index + m[0].length });
      }
    }
  }
  if (found.length === 0) {
    for (const p of places) {
      if (p.country === code || (code === 'CN' && (p.country === 'HK' || p.country === 'MO'))) {
        found.push({ start: p.start, end: p.end });
      }
    }
  }
  return found.sort((a, b) => a.start - b.start || b.end - a.end);
}

/**
 * Turns one extraction into what is stored and reviewed: mentions (entities, places, dates) and
 * claims (figures, tactic and response codes, origin and host states), each with a span into
 * `text` whose slice is its text. Spans that do not match the text are dropped, never stored.
 * PII spans are not turned into suggestions.
 */
export function suggestionsFrom(text: string, language: string, x: Extraction): Suggestions {
  const sents = sentences(text);
  const valid = (s: Span): boolean =>
    Number.isInteger(s.start) &&
    Number.isInteger(s.end) &&
    s.start >= 0 &&
    s.end > s.start &&
    s.end <= text.length;
  const mentions: MentionSuggestion[] = [];
  const push = (m: MentionSuggestion): void => {
    if (valid(m) && text.slice(m.start, m.end) === m.text) {
      mentions.push(m);
    }
  };
  for (const e of x.entities) {
    push({
      type: e.type,
      text: e.text,
      start: e.start,
      end: e.end,
      entity: entityRef(e.type, e.canonical, e.text, { lang: language }),
      details: { canonical: e.canonical },
      key: `${e.type}:${spanKey(e)}`,
    });
  }
  for (const p of x.places) {
    const details = { country: p.country, lat: p.lat, lon: p.lon };
    push({
      type: 'place',
      text: p.text,
      start: p.start,
      end: p.end,
      entity: entityRef('place', p.name, p.text, { ...details, lang: language }),
      details: { canonical: p.name, ...details },
      key: `place:${spanKey(p)}`,
    });
  }
  for (const d of x.dates) {
    push({
      type: 'date',
      text: d.text,
      start: d.start,
      end: d.end,
      entity: null,
      details: { value: d.value },
      key: `date:${spanKey(d)}`,
    });
  }

  const claims: ClaimSuggestion[] = [];
  const claim = (c: Omit<ClaimSuggestion, 'quote'>): void => {
    if (valid(c)) {
      claims.push({ ...c, quote: text.slice(c.start, c.end) });
    }
  };
  for (const f of x.figures) {
    if (text.slice(f.start, f.end) !== f.text) {
      continue;
    }
    const period = periodOf(f, sents, x.dates);
    claim({
      property: 'figure',
      value: {
        value: f.value,
        ...(f.upper === undefined ? {} : { upper: f.upper }),
        unit: f.unit ?? null,
        counted: f.what ?? null,
        period: period ?? null,
      },
      assertedBy: f.attributed_to ?? null,
      start: f.start,
      end: f.end,
      key: `figure:${spanKey(f)}`,
    });
  }
  const evidenceValue = (spans: Span[]) => spans.filter(valid).map((s) => ({ start: s.start, end: s.end }));
  for (const t of x.tactics) {
    const first = t.evidence.find(valid);
    if (first) {
      claim({
        property: 'tactic',
        value: { code: t.code, evidence: evidenceValue(t.evidence) },
        assertedBy: null,
        ...first,
        key: `tactic:${t.code}`,
      });
    }
  }
  for (const r of x.responses) {
    const first = r.evidence.find(valid);
    if (first) {
      claim({
        property: 'response',
        value: { code: r.code, by: r.by ?? null, evidence: evidenceValue(r.evidence) },
        assertedBy: null,
        ...first,
        key: `response:${r.code}`,
      });
    }
  }
  for (const code of x.states.origin) {
    const evidence = originEvidence(text, code, sents, x.places);
    const first = evidence[0];
    if (first) {
      claim({
        property: 'origin_state',
        value: { country: code, evidence },
        assertedBy: null,
        ...first,
        key: `origin_state:${code}`,
      });
    }
  }
  for (const code of x.states.host) {
    const evidence = x.places
      .filter((p) => p.country === code)
      .map((p) => ({ start: p.start, end: p.end }))
      .filter((s) => !x.entities.some((e) => overlaps(e, s)));
    const first = evidence[0];
    if (first) {
      claim({
        property: 'host_state',
        value: { country: code, evidence },
        assertedBy: null,
        ...first,
        key: `host_state:${code}`,
      });
    }
  }
  return { mentions, claims };
}

/**
 * Story keys: what an article says about an event, reduced to strings that do not depend on the
 * language it is written in — gazetteer places and actors (canonical names), romanised skeletons of
 * person names, months, figures with their units, tactic codes. Two articles about the same event
 * in Chinese and Swedish share keys without any translation. Pure: no I/O.
 */

import { nameKeys } from '../../names/index.ts';
import type { Extraction } from '../extract/types.ts';

/** `actor` = gazetteer body or organisation; weak kinds (country, year, tactic) never count alone. */
export type StoryKeyKind =
  'place' | 'actor' | 'organization' | 'person' | 'date' | 'figure' | 'tactic' | 'country' | 'year';

export interface StoryKey {
  key: string;
  kind: StoryKeyKind;
  /** What a person reads in the evidence: "Fuzhou (CN)", "2023-03", "37 people". */
  label: string;
}

/** Kinds that count as separate evidence when two documents share them (persons and actors count as one). */
const EVIDENCE_KIND: Partial<Record<StoryKeyKind, string>> = {
  place: 'place',
  actor: 'actor',
  person: 'actor',
  date: 'date',
  figure: 'figure',
};

export const STORY_PARAMS = {
  /** Least weighted overlap for two documents to tell the same story. */
  threshold: 0.25,
  /**
   * Least number of distinct evidence kinds (place, actor, date, figure) they must share: with 2,
   * different reports about one city's police in the same month ran together on the demo records.
   */
  minKinds: 3,
};

const lower = (s: string): string => s.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();

/** The language-independent keys of one extraction, deduplicated. */
export function storyKeys(x: Extraction): StoryKey[] {
  const keys = new Map<string, StoryKey>();
  const add = (key: string, kind: StoryKeyKind, label: string): void => {
    if (!keys.has(key)) {
      keys.set(key, { key, kind, label });
    }
  };
  for (const p of x.places) {
    add(`place:${lower(p.name)}|${p.country}`, 'place', `${p.name} (${p.country})`);
    if (p.country) {
      add(`country:${p.country}`, 'country', p.country);
    }
  }
  for (const e of x.entities) {
    if (e.type === 'place') {
      continue;
    }
    if (e.type === 'person') {
      // Skeletons of the whole name in each romanisation: 梁美瑞 and "Liang Meirui" meet here.
      for (const k of nameKeys(e.canonical, 'Person').filter((k) => k.startsWith('n:'))) {
        add(`person:${k.slice(2)}`, 'person', e.canonical);
      }
      continue;
    }
    // Outlets and NGOs that report many stories are organisations: scored, but no evidence by themselves.
    add(`actor:${lower(e.canonical)}`, e.type === 'organization' ? 'organization' : 'actor', e.canonical);
  }
  for (const d of x.dates) {
    const month = /^(\d{4})-(\d{2})/.exec(d.value);
    if (month) {
      add(`date:${month[1]}-${month[2]}`, 'date', `${month[1]}-${month[2]}`);
    } else if (/^\d{4}$/.test(d.value)) {
      add(`year:${d.value}`, 'year', d.value);
    }
  }
  for (const f of x.figures) {
    // Small bare counts ("two", "3") are everywhere; a unit makes them specific enough.
    if (!Number.isFinite(f.value) || (f.value < 5 && !f.unit)) {
      continue;
    }
    const value = Number(f.value.toPrecision(6));
    const unit = f.unit ?? '';
    add(`figure:${value}${unit ? ` ${unit}` : ''}`, 'figure', `${value}${unit ? ` ${unit}` : ''}`);
  }
  for (const t of x.tactics) {
    add(`tactic:${t.code}`, 'tactic', t.code);
  }
  for (const c of x.states.origin) {
    add(`country:${c}`, 'country', c);
  }
  return [...keys.values()];
}

/** Keys that may find candidates in an inverted index: all but the weak kinds. */
export const isBlockingKey = (k: StoryKey): boolean => EVIDENCE_KIND[k.kind] !== undefined;

export interface SharedKey extends StoryKey {
  weight: number;
}

export interface StoryMatch {
  /** IDF-weighted overlap, 0–1: shared weight over the smaller document's weight. */
  score: number;
  /** Distinct evidence kinds among the shared keys. */
  kinds: string[];
  shared: SharedKey[];
  /** score ≥ threshold and at least minKinds kinds of evidence. */
  same: boolean;
}

/**
 * How strongly two documents tell the same story: the IDF-weighted overlap of their keys (a key
 * every document has weighs little, a rare one much), with the shared keys as the explanation.
 * The overlap is normalised by the smaller side (a short note and a long report of one event match).
 */
export function compareStories(
  a: readonly StoryKey[],
  b: readonly StoryKey[],
  idf: (key: string) => number,
  params: typeof STORY_PARAMS = STORY_PARAMS,
): StoryMatch {
  const inB = new Set(b.map((k) => k.key));
  const weightOf = (keys: readonly StoryKey[]) => keys.reduce((s, k) => s + idf(k.key), 0);
  const shared: SharedKey[] = a
    .filter((k) => inB.has(k.key))
    .map((k) => ({ ...k, weight: idf(k.key) }))
    .sort((x, y) => y.weight - x.weight || x.key.localeCompare(y.key));
  const sharedWeight = shared.reduce((s, k) => s + k.weight, 0);
  const smaller = Math.min(weightOf(a), weightOf(b));
  const score = smaller > 0 ? sharedWeight / smaller : 0;
  const kinds = [...new Set(shared.map((k) => EVIDENCE_KIND[k.kind]).filter((k) => k !== undefined))].sort();
  return { score, kinds, shared, same: score >= params.threshold && kinds.length >= params.minKinds };
}

/** Inverse document frequency with add-one smoothing: ln(1 + N / df). */
export const idfOf = (documents: number, df: number): number =>
  Math.log(1 + Math.max(1, documents) / Math.max(1, df));

import type { DocumentSummary } from '../domain/source.ts';
import type { Db } from './db.ts';
import { STEMMING_CONFIGS, SUMMARY_COLUMNS, toDocumentSummary } from './documents.store.ts';

export interface SearchQuery {
  /** Already folded, CJK as bigram phrases: toQueryText. */
  searchText: string;
  languages?: string[];
  from?: string;
  to?: string;
  limit: number;
  offset: number;
  /** Sensitivity levels the reader may see; everything else is as if it did not exist. */
  visible: readonly string[];
}

export interface SearchRow {
  summary: DocumentSummary;
  text: string;
  score: number;
}

export interface FacetCount {
  value: string;
  count: number;
}

/**
 * The query as one tsquery: the words as typed (`simple`) OR their stems in every language we
 * stem, so "stations" finds "station" in English and "stationerna" in Swedish.
 */
function tsqueryExpression(param: string): string {
  return [
    `websearch_to_tsquery('simple', ${param})`,
    ...STEMMING_CONFIGS.map((c) => `websearch_to_tsquery('${c}', ${param})`),
  ].join(' || ');
}

interface Where {
  sql: string;
  params: unknown[];
}

function buildWhere(q: SearchQuery, skip?: 'language' | 'year'): Where {
  const params: unknown[] = [[...q.visible]];
  const parts: string[] = ['d.sensitivity = any($1::text[])'];
  if (q.searchText) {
    params.push(q.searchText);
    parts.push(`d.tsv @@ (${tsqueryExpression(`$${params.length}`)})`);
  }
  if (q.languages?.length && skip !== 'language') {
    params.push(q.languages);
    parts.push(`d.language = any($${params.length}::text[])`);
  }
  if (q.from && skip !== 'year') {
    params.push(q.from);
    parts.push(`d.published_at >= $${params.length}`);
  }
  if (q.to && skip !== 'year') {
    // "2022" as an upper bound includes all of 2022.
    params.push(`${q.to}\uffff`);
    parts.push(`d.published_at <= $${params.length}`);
  }
  return { sql: `where ${parts.join(' and ')}`, params };
}

export async function searchDocuments(db: Db, q: SearchQuery): Promise<{ total: number; rows: SearchRow[] }> {
  const where = buildWhere(q);
  const rank = q.searchText ? `ts_rank_cd(d.tsv, ${tsqueryExpression(`$${where.params.length + 1}`)})` : '0';
  const params = q.searchText ? [...where.params, q.searchText] : [...where.params];
  params.push(q.limit, q.offset);
  const rows = await db.query<
    Record<string, unknown> & { score: number; text: string; total: number | string }
  >(
    `select ${SUMMARY_COLUMNS}, d.text, ${rank} as score, count(*) over () as total
       from documents d ${where.sql}
      order by score desc, d.published_at desc nulls last, d.id
      limit $${params.length - 1} offset $${params.length}`,
    params,
  );
  const total = rows[0] ? Number(rows[0].total) : q.offset > 0 ? await countMatches(db, q) : 0;
  return {
    total,
    rows: rows.map((r) => ({
      summary: toDocumentSummary(r as unknown as Parameters<typeof toDocumentSummary>[0]),
      text: r.text,
      score: Number(r.score),
    })),
  };
}

async function countMatches(db: Db, q: SearchQuery): Promise<number> {
  const where = buildWhere(q);
  const rows = await db.query<{ n: number | string }>(
    `select count(*) as n from documents d ${where.sql}`,
    where.params,
  );
  return Number(rows[0]?.n ?? 0);
}

/** Facet counts over the matches, each facet ignoring its own filter (so other values stay selectable). */
export async function countFacets(
  db: Db,
  q: SearchQuery,
): Promise<{ language: FacetCount[]; year: FacetCount[] }> {
  const byLang = buildWhere(q, 'language');
  const byYear = buildWhere(q, 'year');
  const [language, year] = await Promise.all([
    db.query<{ value: string; count: number | string }>(
      `select d.language as value, count(*) as count from documents d ${byLang.sql} group by 1 order by 2 desc, 1`,
      byLang.params,
    ),
    db.query<{ value: string; count: number | string }>(
      `select substr(d.published_at, 1, 4) as value, count(*) as count from documents d ${byYear.sql}
        and d.published_at is not null group by 1 order by 1 desc`,
      byYear.params,
    ),
  ]);
  const norm = (rows: { value: string; count: number | string }[]): FacetCount[] =>
    rows.map((r) => ({ value: r.value, count: Number(r.count) }));
  return { language: norm(language), year: norm(year) };
}

/** Which of these words occur in the corpus vocabulary. */
export async function listKnownTerms(db: Db, words: string[]): Promise<Set<string>> {
  if (words.length === 0) {
    return new Set();
  }
  const rows = await db.query<{ term: string }>(
    'select term from search_terms where term = any($1::text[])',
    [words],
  );
  return new Set(rows.map((r) => r.term));
}

/** The indexed word closest to a romanised word by trigram similarity, if any is close enough. */
/** Indexed words closest to a romanised word by trigram similarity, best first. */
export async function findSimilarTerms(
  db: Db,
  romanised: string,
  limit = 5,
  minSimilarity = 0.35,
): Promise<{ term: string; similarity: number }[]> {
  const rows = await db.query<{ term: string; sim: number }>(
    `select term, similarity(romanised, $1) as sim from search_terms
      where romanised % $1 and similarity(romanised, $1) >= $2
      order by sim desc, doc_count desc, term limit $3`,
    [romanised, minSimilarity, limit],
  );
  return rows.map((row) => ({ term: row.term, similarity: Number(row.sim) }));
}

/** Ids of every document the filter matches, in the order search shows them (exports use this). */
export async function listMatchingDocumentIds(
  db: Db,
  q: Omit<SearchQuery, 'limit' | 'offset'>,
): Promise<string[]> {
  const where = buildWhere({ ...q, limit: 0, offset: 0 });
  // A bare `0` in ORDER BY would name a column position; the cast makes it a constant.
  const rank = q.searchText
    ? `ts_rank_cd(d.tsv, ${tsqueryExpression(`$${where.params.length + 1}`)})`
    : '0::real';
  const params = q.searchText ? [...where.params, q.searchText] : where.params;
  const rows = await db.query<{ id: string }>(
    `select d.id from documents d ${where.sql} order by ${rank} desc, d.published_at desc nulls last, d.id`,
    params,
  );
  return rows.map((r) => r.id);
}

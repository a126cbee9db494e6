import { anyAscii } from '../domain/romanise.ts';
import { notFound } from '../domain/errors.ts';
import { toDocumentId, type DocumentId } from '../domain/ids.ts';
import type { Document, DocumentSummary, Reliability, Sensitivity, SourceKind } from '../domain/source.ts';
import type { Db } from './db.ts';

/** Snowball configurations PostgreSQL ships, by ISO 639-1 code; anything else indexes as `simple`. */
const TS_CONFIGS: Record<string, string> = {
  ar: 'arabic',
  da: 'danish',
  de: 'german',
  el: 'greek',
  en: 'english',
  es: 'spanish',
  fi: 'finnish',
  fr: 'french',
  hu: 'hungarian',
  id: 'indonesian',
  it: 'italian',
  lt: 'lithuanian',
  nl: 'dutch',
  no: 'norwegian',
  pt: 'portuguese',
  ro: 'romanian',
  ru: 'russian',
  sv: 'swedish',
  tr: 'turkish',
};
export const tsConfigFor = (language: string): string => TS_CONFIGS[language] ?? 'simple';
export const STEMMING_CONFIGS: readonly string[] = [...new Set(Object.values(TS_CONFIGS))];

export interface NewDocument {
  id: DocumentId;
  sha256: string;
  title: string;
  text: string;
  language: string;
  mediaType: string;
  sourceKind: SourceKind;
  url: string | null;
  outlet: string | null;
  author: string | null;
  publishedAt: string | null;
  reliability: Reliability | null;
  sensitivity: Sensitivity;
  byteSize: number;
  metadata: Record<string, unknown>;
  /** Folded, CJK-segmented forms from toSearchText (the pipeline computes them off the writer thread). */
  searchTitle: string;
  searchText: string;
  /** Pinyin tokens of the Han runs (toIndexText), indexed as a set without positions. */
  searchRomanised?: string[];
  parentId: DocumentId | null;
  pathInParent: string | null;
}

interface DocumentRow {
  id: string;
  sha256: string;
  title: string;
  text: string;
  language: string;
  media_type: string;
  source_kind: string;
  url: string | null;
  outlet: string | null;
  author: string | null;
  published_at: string | null;
  reliability: string | null;
  sensitivity: string;
  byte_size: number | string;
  metadata: Record<string, unknown>;
  created_at: string | Date;
  file_names: string[] | null;
}

const iso = (v: string | Date): string => (v instanceof Date ? v.toISOString() : new Date(v).toISOString());

export const toDocumentSummary = (
  row: Omit<DocumentRow, 'text' | 'author' | 'reliability' | 'sensitivity' | 'metadata' | 'file_names'>,
): DocumentSummary => ({
  id: toDocumentId(row.id),
  sha256: row.sha256,
  title: row.title,
  language: row.language,
  mediaType: row.media_type,
  sourceKind: row.source_kind as SourceKind,
  url: row.url,
  outlet: row.outlet,
  publishedAt: row.published_at,
  byteSize: Number(row.byte_size),
  createdAt: iso(row.created_at),
});

const toDocument = (row: DocumentRow): Document => ({
  ...toDocumentSummary(row),
  text: row.text,
  author: row.author,
  reliability: row.reliability as Reliability | null,
  sensitivity: row.sensitivity as Sensitivity,
  fileNames: row.file_names ?? [],
  metadata: row.metadata,
});

export const SUMMARY_COLUMNS =
  'd.id, d.sha256, d.title, d.language, d.media_type, d.source_kind, d.url, d.outlet, d.published_at, d.byte_size, d.created_at';

/** Everything but the index: the tsvector can be larger than the text. */
const DOCUMENT_COLUMNS = `${SUMMARY_COLUMNS}, d.text, d.author, d.reliability, d.sensitivity, d.metadata`;

export async function findDocumentIdBySha256(db: Db, sha256: string): Promise<DocumentId | undefined> {
  const rows = await db.query<{ id: string }>('select id from documents where sha256 = $1', [sha256]);
  return rows[0] ? toDocumentId(rows[0].id) : undefined;
}

/** @throws not_found */
export async function getDocument(db: Db, id: string, visible: readonly string[]): Promise<Document> {
  const rows = await db.query<DocumentRow>(
    `select ${DOCUMENT_COLUMNS},
            (select array_agg(f.path order by f.first_seen) from document_files f where f.document_id = d.id) as file_names
       from documents d where d.id = $1 and d.sensitivity = any($2::text[])`,
    [id, [...visible]],
  );
  const row = rows[0];
  if (!row) {
    // The same answer whether it does not exist or may not be seen.
    throw notFound('document', id);
  }
  return toDocument(row);
}

export async function countDocuments(db: Db): Promise<number> {
  const rows = await db.query<{ n: number | string }>('select count(*) as n from documents');
  return Number(rows[0]?.n ?? 0);
}

export async function insertDocumentFile(db: Db, id: DocumentId, path: string): Promise<void> {
  await insertDocumentFiles(db, [{ id, path }]);
}

const INSERT_COLUMNS = [
  ['id', 'text'],
  ['sha256', 'text'],
  ['title', 'text'],
  ['text', 'text'],
  ['language', 'text'],
  ['media_type', 'text'],
  ['source_kind', 'text'],
  ['url', 'text'],
  ['outlet', 'text'],
  ['author', 'text'],
  ['published_at', 'text'],
  ['reliability', 'text'],
  ['sensitivity', 'text'],
  ['byte_size', 'bigint'],
  ['metadata', 'jsonb'],
  ['parent_id', 'text'],
  ['path_in_parent', 'text'],
  ['ts_config', 'text'],
  ['search_title', 'text'],
  ['search_text', 'text'],
  ['search_romanised', 'text'],
] as const;

/** `values ($1::text, …), (…)` for `rows` documents: every value its own parameter. */
const valuesList = (rows: number): string =>
  Array.from(
    { length: rows },
    (_, r) =>
      `(${INSERT_COLUMNS.map(([, type], c) => `$${r * INSERT_COLUMNS.length + c + 1}::${type}`).join(', ')})`,
  ).join(',\n');

/**
 * Inserts documents with one statement; bytes already stored are left untouched. The tsvector is
 * built here from the prepared search text, weighting the title, with the document language's
 * stemmer (queries OR every stemmer, so the same surface word always meets its own stem); the
 * pinyin tokens of Han text join it as lexemes without positions (array_to_tsvector), so
 * PostgreSQL does not have to parse them. Each value is a parameter of its own (`values` rather
 * than `unnest` of arrays): PostgreSQL then reads long texts once, where an array literal is
 * scanned again for quotes and escapes.
 * Returns the ids that were new.
 */
export async function insertDocuments(db: Db, docs: NewDocument[]): Promise<Set<DocumentId>> {
  if (docs.length === 0) {
    return new Set();
  }
  const values: unknown[] = [];
  for (const d of docs) {
    values.push(
      d.id,
      d.sha256,
      d.title,
      d.text,
      d.language,
      d.mediaType,
      d.sourceKind,
      d.url,
      d.outlet,
      d.author,
      d.publishedAt,
      d.reliability,
      d.sensitivity,
      d.byteSize,
      JSON.stringify(d.metadata),
      d.parentId,
      d.pathInParent,
      tsConfigFor(d.language),
      d.searchTitle,
      d.searchText,
      (d.searchRomanised ?? []).join(' '),
    );
  }
  const rows = await db.query<{ id: string }>(
    `insert into documents (id, sha256, title, text, language, media_type, source_kind, url, outlet, author,
                            published_at, reliability, sensitivity, byte_size, metadata, parent_id, path_in_parent,
                            ts_config, tsv)
     select id, sha256, title, text, language, media_type, source_kind, url, outlet, author, published_at,
            reliability, sensitivity, byte_size, metadata, parent_id, path_in_parent, ts_config::regconfig,
            setweight(to_tsvector(ts_config::regconfig, search_title), 'A')
              || to_tsvector(ts_config::regconfig, search_text)
              || array_to_tsvector(string_to_array(search_romanised, ' '))
       from (values ${valuesList(docs.length)})
         as x(${INSERT_COLUMNS.map(([name]) => name).join(', ')})
     on conflict (sha256) do nothing
     returning id`,
    values,
  );
  return new Set(rows.map((r) => toDocumentId(r.id)));
}

/** Records the paths under which documents were seen (ignores documents that are not stored). */
export async function insertDocumentFiles(db: Db, files: { id: DocumentId; path: string }[]): Promise<void> {
  if (files.length === 0) {
    return;
  }
  await db.query(
    `insert into document_files (document_id, path)
     select f.id, f.path from unnest($1::text[], $2::text[]) as f(id, path)
      where exists (select 1 from documents d where d.id = f.id)
     on conflict do nothing`,
    [files.map((f) => f.id), files.map((f) => f.path)],
  );
}

/**
 * Adds words to the typo-correction vocabulary. `known` remembers what this process already wrote,
 * so a long ingest run stops sending the common words again and again.
 */
export async function insertSearchTerms(db: Db, terms: Iterable<string>, known?: Set<string>): Promise<void> {
  const fresh = [...new Set(terms)].filter((t) => !known?.has(t));
  if (fresh.length === 0) {
    return;
  }
  await db.query(
    `insert into search_terms (term, romanised)
     select t, r from unnest($1::text[], $2::text[]) as x(t, r)
     on conflict (term) do nothing`,
    [fresh, fresh.map((t) => anyAscii(t).toLowerCase())],
  );
  if (known && known.size < 500_000) {
    for (const t of fresh) {
      known.add(t);
    }
  }
}

/** Ids of the stored documents among these SHA-256 hashes. */
export async function listDocumentIdsBySha256(db: Db, hashes: string[]): Promise<Map<string, DocumentId>> {
  if (hashes.length === 0) {
    return new Map();
  }
  const rows = await db.query<{ id: string; sha256: string }>(
    'select id, sha256 from documents where sha256 = any($1::text[])',
    [hashes],
  );
  return new Map(rows.map((r) => [r.sha256, toDocumentId(r.id)]));
}

export interface DocumentFilter {
  query?: string;
  languages?: string[];
  from?: string;
  to?: string;
}

/** Every document (summary and text) in id order, for exports; `ids` restricts the set. */
export async function* iterateDocuments(
  db: Db,
  visible: readonly string[],
  ids?: string[],
  batch = 200,
): AsyncGenerator<Document> {
  let after = '';
  for (;;) {
    const rows = await db.query<DocumentRow>(
      `select ${DOCUMENT_COLUMNS},
              (select array_agg(f.path order by f.first_seen) from document_files f where f.document_id = d.id) as file_names
         from documents d where d.id > $1 and ($2::text[] is null or d.id = any($2::text[]))
          and d.sensitivity = any($4::text[])
        order by d.id limit $3`,
      [after, ids ?? null, batch, [...visible]],
    );
    for (const row of rows) {
      yield toDocument(row);
    }
    const last = rows[rows.length - 1];
    if (!last || rows.length < batch) {
      return;
    }
    after = last.id;
  }
}

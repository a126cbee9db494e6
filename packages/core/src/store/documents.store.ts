import { anyAscii } from '../domain/romanise.ts';
import { notFound } from '../domain/errors.ts';
import { toDocumentId, type DocumentId } from '../domain/ids.ts';
import { listSearchTerms, toSearchText } from '../domain/search-text.ts';
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

/** Text beyond this many characters is stored but not indexed (PostgreSQL caps a tsvector at 1 MB). */
export const MAX_INDEXED_CHARS = 400_000;

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

export async function findDocumentIdBySha256(db: Db, sha256: string): Promise<DocumentId | undefined> {
  const rows = await db.query<{ id: string }>('select id from documents where sha256 = $1', [sha256]);
  return rows[0] ? toDocumentId(rows[0].id) : undefined;
}

/** @throws not_found */
export async function getDocument(db: Db, id: string): Promise<Document> {
  const rows = await db.query<DocumentRow>(
    `select d.*, (select array_agg(f.path order by f.first_seen) from document_files f where f.document_id = d.id) as file_names
       from documents d where d.id = $1`,
    [id],
  );
  const row = rows[0];
  if (!row) {
    throw notFound('document', id);
  }
  return toDocument(row);
}

export async function countDocuments(db: Db): Promise<number> {
  const rows = await db.query<{ n: number | string }>('select count(*) as n from documents');
  return Number(rows[0]?.n ?? 0);
}

export async function insertDocumentFile(db: Db, id: DocumentId, path: string): Promise<void> {
  await db.query('insert into document_files (document_id, path) values ($1, $2) on conflict do nothing', [
    id,
    path,
  ]);
}

/**
 * Inserts a document with its search text and vocabulary; a document whose bytes are already
 * stored is left untouched. Returns false when it was already there.
 */
export async function insertDocument(db: Db, doc: NewDocument): Promise<boolean> {
  const searchTitle = toSearchText(doc.title);
  const indexed = doc.text.length > MAX_INDEXED_CHARS ? doc.text.slice(0, MAX_INDEXED_CHARS) : doc.text;
  const searchText = toSearchText(indexed);
  const metadata =
    doc.text.length > MAX_INDEXED_CHARS ? { ...doc.metadata, indexedChars: MAX_INDEXED_CHARS } : doc.metadata;
  const inserted = await db.query<{ id: string }>(
    `insert into documents (id, sha256, title, text, language, media_type, source_kind, url, outlet, author,
                            published_at, reliability, sensitivity, byte_size, metadata, ts_config, search_title, search_text)
     values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15::jsonb,$16::regconfig,$17,$18)
     on conflict (sha256) do nothing returning id`,
    [
      doc.id,
      doc.sha256,
      doc.title,
      doc.text,
      doc.language,
      doc.mediaType,
      doc.sourceKind,
      doc.url,
      doc.outlet,
      doc.author,
      doc.publishedAt,
      doc.reliability,
      doc.sensitivity,
      doc.byteSize,
      JSON.stringify(metadata),
      tsConfigFor(doc.language),
      searchTitle,
      searchText,
    ],
  );
  if (inserted.length === 0) {
    return false;
  }
  const terms = listSearchTerms(`${searchTitle} ${searchText}`);
  if (terms.length > 0) {
    await db.query(
      `insert into search_terms (term, romanised, doc_count)
       select t, r, 1 from unnest($1::text[], $2::text[]) as x(t, r)
       on conflict (term) do update set doc_count = search_terms.doc_count + 1`,
      [terms, terms.map((t) => anyAscii(t).toLowerCase())],
    );
  }
  return true;
}

export interface DocumentFilter {
  query?: string;
  languages?: string[];
  from?: string;
  to?: string;
}

/** Every document (summary and text) in id order, for exports; `ids` restricts the set. */
export async function* iterateDocuments(db: Db, ids?: string[], batch = 200): AsyncGenerator<Document> {
  let after = '';
  for (;;) {
    const rows = await db.query<DocumentRow>(
      `select d.*, (select array_agg(f.path order by f.first_seen) from document_files f where f.document_id = d.id) as file_names
         from documents d where d.id > $1 and ($2::text[] is null or d.id = any($2::text[]))
        order by d.id limit $3`,
      [after, ids ?? null, batch],
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

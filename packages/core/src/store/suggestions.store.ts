import type { Sensitivity } from '@longarm/contracts';
import { newClaimId, newEntityId, newMentionId } from '../domain/ids.ts';
import type { ReviewCorrection, ReviewItem, ReviewKind, ReviewStatus } from '../domain/review.ts';
import type { ClaimSuggestion, EntityRef, MentionSuggestion } from '../pipeline/extract/suggest.ts';
import type { Db } from './db.ts';

/** A document waiting for (or being given) extraction. */
export interface DocumentToExtract {
  id: string;
  text: string;
  language: string;
  sensitivity: Sensitivity;
  publishedAt: string | null;
}

const TO_EXTRACT = `select id, text, language, sensitivity, published_at as "publishedAt" from documents`;

/** Indexed documents not yet extracted, oldest first. */
export const documentsToExtract = (db: Db, limit: number): Promise<DocumentToExtract[]> =>
  db.query<DocumentToExtract>(`${TO_EXTRACT} where state = 'indexed' order by created_at, id limit $1`, [
    limit,
  ]);

/** The given documents, whatever their state. */
export const documentsByIds = (db: Db, ids: readonly string[]): Promise<DocumentToExtract[]> =>
  db.query<DocumentToExtract>(`${TO_EXTRACT} where id = any($1::text[]) order by created_at, id`, [ids]);

export const countDocumentsToExtract = async (db: Db): Promise<number> =>
  Number(
    (await db.query<{ n: number }>(`select count(*)::int as n from documents where state = 'indexed'`))[0]
      ?.n ?? 0,
  );

export const markExtractFailed = async (db: Db, id: string, reason: string): Promise<void> => {
  await db.query(
    `update documents set state = 'extract_failed', extract_error = $2, extracted_at = now() where id = $1`,
    [id, reason.slice(0, 2000)],
  );
};

const LEVELS = `array['public','internal','restricted','protected']`;

/**
 * Finds each referenced entity by (type, name key) or creates it; returns key → id. New entities
 * take the document's sensitivity; an entity that extraction created is opened to a lower level
 * when a document of that level names it too (the name is readable there anyway). Entities that a
 * person created or edited are never changed here.
 */
async function resolveEntities(
  tx: Db,
  refs: EntityRef[],
  sensitivity: Sensitivity,
): Promise<Map<string, string>> {
  const byKey = new Map<string, EntityRef>();
  for (const r of refs) {
    byKey.set(`${r.type}|${r.key}`, r);
  }
  const ids = new Map<string, string>();
  if (byKey.size === 0) {
    return ids;
  }
  const wanted = [...byKey.values()];
  const found = await tx.query<{ id: string; type: string; key: string }>(
    `select distinct on (e.type, e.metadata->>'name_key') e.id, e.type, e.metadata->>'name_key' as key
       from entities e
       join unnest($1::text[], $2::text[]) as w(type, key) on e.type = w.type and e.metadata->>'name_key' = w.key
      order by e.type, e.metadata->>'name_key', e.created_at, e.id`,
    [wanted.map((r) => r.type), wanted.map((r) => r.key)],
  );
  for (const f of found) {
    ids.set(`${f.type}|${f.key}`, f.id);
  }
  const missing = wanted.filter((r) => !ids.has(`${r.type}|${r.key}`));
  if (missing.length > 0) {
    const newIds = missing.map(() => newEntityId());
    await tx.query(
      `insert into entities (id, type, canonical_name, sensitivity, metadata)
       select * from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::jsonb[])`,
      [
        newIds,
        missing.map((r) => r.type),
        missing.map((r) => r.canonical),
        missing.map(() => sensitivity),
        missing.map((r) => JSON.stringify({ ...r.details, name_key: r.key, created_by: 'extraction' })),
      ],
    );
    missing.forEach((r, i) => ids.set(`${r.type}|${r.key}`, newIds[i] ?? ''));
  }
  const existing = found.map((f) => f.id);
  if (existing.length > 0) {
    await tx.query(
      `update entities set sensitivity = $2
        where id = any($1::text[]) and metadata->>'created_by' = 'extraction'
          and array_position(${LEVELS}, sensitivity) > array_position(${LEVELS}, $2::text)`,
      [existing, sensitivity],
    );
  }
  const names = wanted.flatMap((r) =>
    r.names.map((n) => ({ ...n, entity: ids.get(`${r.type}|${r.key}`) ?? '', lang: r.details.lang ?? null })),
  );
  await tx.query(
    `insert into entity_names (entity_id, value, lang, script, kind, romanised)
     select * from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])
     on conflict (entity_id, value) do nothing`,
    [
      names.map((n) => n.entity),
      names.map((n) => n.value),
      names.map((n) => (typeof n.lang === 'string' ? n.lang : null)),
      names.map((n) => n.script),
      names.map((n) => n.kind),
      names.map((n) => n.romanised),
    ],
  );
  return ids;
}

export interface SavedSuggestions {
  mentions: number;
  claims: number;
  /** Suggestions not stored again because a person already decided about the same one. */
  keptDecisions: number;
}

/**
 * Replaces the machine's pending suggestions for one document with new ones, inside `tx`. Rows a
 * person decided about (accepted, rejected, edited) are never touched, and a new suggestion with
 * the same key as a decided one is dropped, so a rejected suggestion does not come back.
 */
export async function replaceSuggestions(
  tx: Db,
  doc: DocumentToExtract,
  mentions: MentionSuggestion[],
  claims: ClaimSuggestion[],
  extractor: string,
): Promise<SavedSuggestions> {
  // Serialises concurrent extraction of the same document.
  await tx.query('select id from documents where id = $1 for update', [doc.id]);
  const decided = new Set(
    (
      await tx.query<{ key: string }>(
        `select 'm:' || suggestion_key as key from mentions
          where document_id = $1 and origin = 'machine' and review_status <> 'pending' and suggestion_key is not null
         union all
         select 'c:' || suggestion_key from claims
          where document_id = $1 and origin = 'machine' and review_status <> 'pending' and suggestion_key is not null`,
        [doc.id],
      )
    ).map((r) => r.key),
  );
  await tx.query(
    `delete from mentions where document_id = $1 and origin = 'machine' and review_status = 'pending'`,
    [doc.id],
  );
  await tx.query(
    `delete from claims where document_id = $1 and origin = 'machine' and review_status = 'pending'`,
    [doc.id],
  );
  const newMentions = mentions.filter((m) => !decided.has(`m:${m.key}`));
  const newClaims = claims.filter((c) => !decided.has(`c:${c.key}`));
  const entityIds = await resolveEntities(
    tx,
    newMentions.flatMap((m) => (m.entity ? [m.entity] : [])),
    doc.sensitivity,
  );
  if (newMentions.length > 0) {
    await tx.query(
      `insert into mentions (id, document_id, entity_id, type, text, span_start, span_end, extractor,
                             sensitivity, origin, review_status, details, suggestion_key)
       select m.id, $2, m.entity, m.type, m.text, m.s, m.e, $3, $4, 'machine', 'pending', m.details, m.key
         from unnest($1::text[], $5::text[], $6::text[], $7::text[], $8::int[], $9::int[], $10::jsonb[], $11::text[])
           as m(id, entity, type, text, s, e, details, key)`,
      [
        newMentions.map(() => newMentionId()),
        doc.id,
        extractor,
        doc.sensitivity,
        newMentions.map((m) =>
          m.entity ? (entityIds.get(`${m.entity.type}|${m.entity.key}`) ?? null) : null,
        ),
        newMentions.map((m) => m.type),
        newMentions.map((m) => m.text),
        newMentions.map((m) => m.start),
        newMentions.map((m) => m.end),
        newMentions.map((m) => JSON.stringify(m.details)),
        newMentions.map((m) => m.key),
      ],
    );
  }
  if (newClaims.length > 0) {
    await tx.query(
      `insert into claims (id, subject_kind, subject_id, property, value, asserted_by, document_id, span_start,
                           span_end, sensitivity, origin, review_status, extractor, quote, suggestion_key)
       select c.id, 'document', $2, c.property, c.value, c.by, $2, c.s, c.e, $3, 'machine', 'pending', $4, c.quote, c.key
         from unnest($1::text[], $5::text[], $6::jsonb[], $7::text[], $8::int[], $9::int[], $10::text[], $11::text[])
           as c(id, property, value, by, s, e, quote, key)`,
      [
        newClaims.map(() => newClaimId()),
        doc.id,
        doc.sensitivity,
        extractor,
        newClaims.map((c) => c.property),
        newClaims.map((c) => JSON.stringify(c.value)),
        newClaims.map((c) => c.assertedBy),
        newClaims.map((c) => c.start),
        newClaims.map((c) => c.end),
        newClaims.map((c) => c.quote),
        newClaims.map((c) => c.key),
      ],
    );
  }
  await tx.query(
    `update documents set state = 'extracted', extracted_at = now(), extract_error = null where id = $1`,
    [doc.id],
  );
  return {
    mentions: newMentions.length,
    claims: newClaims.length,
    keptDecisions: mentions.length + claims.length - newMentions.length - newClaims.length,
  };
}

// ---------------------------------------------------------------------------------------------
// The review queue

const ITEM_SELECT = `
  select 'mention' as kind, m.id, m.document_id, m.type, m.text, m.span_start, m.span_end,
         m.details as value, m.entity_id, null::text as asserted_by, m.sensitivity, m.extractor,
         m.review_status, m.decided_by, m.decided_at, m.review_note, m.corrected, m.created_at
    from mentions m where m.origin = 'machine'
  union all
  select 'claim', c.id, c.document_id, c.property, coalesce(c.quote, ''), c.span_start, c.span_end,
         c.value, null, c.asserted_by, c.sensitivity, coalesce(c.extractor, ''),
         c.review_status, c.decided_by, c.decided_at, c.review_note, c.corrected, c.created_at
    from claims c where c.origin = 'machine' and c.document_id is not null and c.span_start is not null`;

interface ItemRow {
  kind: ReviewKind;
  id: string;
  document_id: string;
  type: string;
  text: string;
  span_start: number;
  span_end: number;
  value: unknown;
  entity_id: string | null;
  asserted_by: string | null;
  sensitivity: Sensitivity;
  extractor: string;
  review_status: ReviewStatus;
  decided_by: string | null;
  decided_at: string | Date | null;
  review_note: string | null;
  corrected: ReviewCorrection | null;
  created_at: string | Date;
}

const iso = (v: string | Date): string => (v instanceof Date ? v.toISOString() : new Date(v).toISOString());

const toItem = (r: ItemRow): ReviewItem => ({
  id: r.id,
  kind: r.kind,
  documentId: r.document_id,
  type: r.type,
  text: r.text,
  start: r.span_start,
  end: r.span_end,
  value: r.value,
  entityId: r.entity_id,
  assertedBy: r.asserted_by,
  sensitivity: r.sensitivity,
  extractor: r.extractor,
  status: r.review_status,
  decidedBy: r.decided_by,
  decidedAt: r.decided_at === null ? null : iso(r.decided_at),
  note: r.review_note,
  corrected: r.corrected,
  createdAt: iso(r.created_at),
});

export interface ReviewFilter {
  kind?: ReviewKind;
  status?: ReviewStatus;
  documentId?: string;
  limit: number;
  offset: number;
}

/** Suggestions the reader's levels allow, by document and position; `total` counts them all. */
export async function listReviewItems(
  db: Db,
  filter: ReviewFilter,
  levels: readonly Sensitivity[],
): Promise<{ items: ReviewItem[]; total: number }> {
  const where = [`q.sensitivity = any($1::text[])`];
  const params: unknown[] = [levels];
  const add = (sql: string, v: unknown) => {
    params.push(v);
    where.push(sql.replace('?', `$${params.length}`));
  };
  if (filter.kind) {
    add('q.kind = ?', filter.kind);
  }
  if (filter.status) {
    add('q.review_status = ?', filter.status);
  }
  if (filter.documentId) {
    add('q.document_id = ?', filter.documentId);
  }
  const base = `from (${ITEM_SELECT}) q where ${where.join(' and ')}`;
  const total = Number(
    (await db.query<{ n: number }>(`select count(*)::int as n ${base}`, params))[0]?.n ?? 0,
  );
  const rows = await db.query<ItemRow>(
    `select q.* ${base} order by q.document_id, q.span_start, q.kind, q.id limit $${params.length + 1} offset $${params.length + 2}`,
    [...params, filter.limit, filter.offset],
  );
  return { items: rows.map(toItem), total };
}

/** One suggestion, if it exists and the levels allow it. */
export async function getReviewItems(
  db: Db,
  ids: readonly string[],
  levels: readonly Sensitivity[],
): Promise<ReviewItem[]> {
  const rows = await db.query<ItemRow>(
    `select q.* from (${ITEM_SELECT}) q where q.id = any($1::text[]) and q.sensitivity = any($2::text[])`,
    [ids, levels],
  );
  return rows.map(toItem);
}

export const documentText = async (db: Db, id: string): Promise<string | undefined> =>
  (await db.query<{ text: string }>('select text from documents where id = $1', [id]))[0]?.text;

/** Records a decision on a machine suggestion; the suggestion's own columns stay as they were. */
export async function recordDecision(
  db: Db,
  item: Pick<ReviewItem, 'id' | 'kind'>,
  decision: { status: ReviewStatus; by: string; note: string | null; corrected: ReviewCorrection | null },
): Promise<void> {
  const table = item.kind === 'mention' ? 'mentions' : 'claims';
  await db.query(
    `update ${table} set review_status = $2, decided_by = $3, decided_at = now(), review_note = $4, corrected = $5
      where id = $1 and origin = 'machine'`,
    [
      item.id,
      decision.status,
      decision.by,
      decision.note,
      decision.corrected ? JSON.stringify(decision.corrected) : null,
    ],
  );
}

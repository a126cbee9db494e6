/** SQL for near-duplicate groups and story clusters (tables of migration 0010). */
import type { Db } from './db.ts';

/** A story key as stored (pipeline/similarity/story.ts makes them). */
export interface StoredStoryKey {
  key: string;
  kind: string;
  label: string;
}

export interface PendingDocument {
  id: string;
  text: string;
  language: string;
}

/** Documents not processed yet (all, or those of `ids`), oldest first. */
export async function listUnprocessed(
  db: Db,
  limit: number,
  ids?: readonly string[],
): Promise<PendingDocument[]> {
  const params: unknown[] = [limit];
  let only = '';
  if (ids) {
    params.push([...ids]);
    only = 'and d.id = any($2::text[])';
  }
  return db.query<PendingDocument>(
    `select d.id, d.text, d.language from documents d
      where not exists (select 1 from similarity_processed p where p.document_id = d.id) ${only}
      order by d.created_at, d.id limit $1`,
    params,
  );
}

export async function getSignatures(db: Db, ids: readonly string[]): Promise<Map<string, Uint8Array>> {
  if (ids.length === 0) {
    return new Map();
  }
  const rows = await db.query<{ document_id: string; signature: Uint8Array }>(
    'select document_id, signature from minhash_signatures where document_id = any($1::text[])',
    [[...ids]],
  );
  return new Map(rows.map((r) => [r.document_id, new Uint8Array(r.signature)]));
}

export async function getNearDuplicateGroups(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) {
    return new Map();
  }
  const rows = await db.query<{ document_id: string; group_id: string }>(
    'select document_id, group_id from near_duplicates where document_id = any($1::text[])',
    [[...ids]],
  );
  return new Map(rows.map((r) => [r.document_id, r.group_id]));
}

/** How many processed documents carry each key (document frequency), and how many there are. */
export async function keyFrequencies(
  db: Db,
  keys: readonly string[],
): Promise<{ documents: number; df: Map<string, number> }> {
  const [count] = await db.query<{ n: number | string }>('select count(*) as n from story_features');
  const rows =
    keys.length === 0
      ? []
      : await db.query<{ key: string; n: number | string }>(
          'select key, count(*) as n from story_keys where key = any($1::text[]) group by key',
          [[...keys]],
        );
  return { documents: Number(count?.n ?? 0), df: new Map(rows.map((r) => [r.key, Number(r.n)])) };
}

export async function getStoryFeatures(
  db: Db,
  ids: readonly string[],
): Promise<Map<string, StoredStoryKey[]>> {
  if (ids.length === 0) {
    return new Map();
  }
  const rows = await db.query<{ document_id: string; keys: StoredStoryKey[] | string }>(
    'select document_id, keys from story_features where document_id = any($1::text[])',
    [[...ids]],
  );
  return new Map(
    rows.map((r) => [
      r.document_id,
      typeof r.keys === 'string' ? (JSON.parse(r.keys) as StoredStoryKey[]) : r.keys,
    ]),
  );
}

export async function getClusters(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) {
    return new Map();
  }
  const rows = await db.query<{ document_id: string; cluster_id: string }>(
    'select document_id, cluster_id from story_clusters where document_id = any($1::text[])',
    [[...ids]],
  );
  return new Map(rows.map((r) => [r.document_id, r.cluster_id]));
}

export interface RelatedRow {
  id: string;
  title: string;
  language: string;
}

/**
 * Other members of a document's near-duplicate group (`near_duplicates`) or story cluster
 * (`story_clusters`) that the caller may see; hidden documents are filtered in SQL, never counted.
 */
export async function listRelated(
  db: Db,
  table: 'near_duplicates' | 'story_clusters',
  id: string,
  visible: readonly string[],
  limit: number,
): Promise<RelatedRow[]> {
  const group = table === 'near_duplicates' ? 'group_id' : 'cluster_id';
  return db.query<RelatedRow>(
    `select d.id, d.title, d.language from ${table} mine
       join ${table} other on other.${group} = mine.${group} and other.document_id <> mine.document_id
       join documents d on d.id = other.document_id and d.sensitivity = any($2::text[])
      where mine.document_id = $1
      order by d.created_at, d.id limit $3`,
    [id, [...visible], limit],
  );
}

export async function isProcessed(db: Db, id: string): Promise<boolean> {
  const rows = await db.query('select 1 from similarity_processed where document_id = $1', [id]);
  return rows.length > 0;
}

// ---- Batch forms: one query per table for a whole batch of documents (updateSimilarity). ----

/** Which of `ids` are processed already. */
export async function processedAmong(db: Db, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) {
    return new Set();
  }
  const rows = await db.query<{ document_id: string }>(
    'select document_id from similarity_processed where document_id = any($1::text[])',
    [[...ids]],
  );
  return new Set(rows.map((r) => r.document_id));
}

/** Which of `ids` still exist (a document may be deleted while the batch is computed). */
export async function existingDocuments(db: Db, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) {
    return new Set();
  }
  const rows = await db.query<{ id: string }>('select id from documents where id = any($1::text[])', [
    [...ids],
  ]);
  return new Set(rows.map((r) => r.id));
}

/**
 * Stored documents sharing band hashes with each document of a batch: for every query document,
 * the stored documents it meets and how many bands they share.
 */
export async function findBandCandidatesBatch(
  db: Db,
  queries: readonly { id: string; bands: Int32Array }[],
): Promise<Map<string, Map<string, number>>> {
  const docs: string[] = [];
  const bandNos: number[] = [];
  const hashes: number[] = [];
  for (const q of queries) {
    q.bands.forEach((hash, band) => {
      docs.push(q.id);
      bandNos.push(band);
      hashes.push(hash);
    });
  }
  const out = new Map<string, Map<string, number>>();
  if (docs.length === 0) {
    return out;
  }
  const rows = await db.query<{ q: string; document_id: string; n: number | string }>(
    `select q.doc as q, b.document_id, count(*) as n
       from unnest($1::text[], $2::smallint[], $3::integer[]) as q(doc, band, hash)
       join minhash_bands b on b.band = q.band and b.hash = q.hash
      where b.document_id <> q.doc
      group by q.doc, b.document_id`,
    [docs, bandNos, hashes],
  );
  for (const r of rows) {
    let m = out.get(r.q);
    if (!m) {
      m = new Map<string, number>();
      out.set(r.q, m);
    }
    m.set(r.document_id, Number(r.n));
  }
  return out;
}

/** Every stored (key, document) posting of `keys`. */
export async function keyPostings(db: Db, keys: readonly string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (keys.length === 0) {
    return out;
  }
  const rows = await db.query<{ key: string; document_id: string }>(
    'select key, document_id from story_keys where key = any($1::text[])',
    [[...keys]],
  );
  for (const r of rows) {
    const list = out.get(r.key);
    if (list) {
      list.push(r.document_id);
    } else {
      out.set(r.key, [r.document_id]);
    }
  }
  return out;
}

export interface SimilarityBatchRow {
  id: string;
  /** Absent when the document has too little text to fingerprint. */
  signature?: { bytes: Uint8Array; shingles: number; bands: Int32Array; groupId: string; jaccard: number };
  keys: readonly StoredStoryKey[];
  clusterId: string;
  score: number;
  evidence: Record<string, unknown>;
}

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

/**
 * Writes a processed batch with one multi-row statement per table: stored clusters renamed by
 * `relabel` (from → to, merged clusters), then signatures, bands, groups, features, keys, clusters
 * and the processed marks.
 */
export async function writeSimilarityBatch(
  db: Db,
  rows: readonly SimilarityBatchRow[],
  relabel: ReadonlyMap<string, string>,
): Promise<void> {
  if (relabel.size > 0) {
    await db.query(
      `update story_clusters s set cluster_id = m.target
         from unnest($1::text[], $2::text[]) as m(source, target) where s.cluster_id = m.source`,
      [[...relabel.keys()], [...relabel.values()]],
    );
  }
  const fps = rows.filter((r) => r.signature);
  if (fps.length > 0) {
    await db.query(
      `insert into minhash_signatures (document_id, signature, shingles)
       select q.id, decode(q.sig, 'hex'), q.n from unnest($1::text[], $2::text[], $3::integer[]) as q(id, sig, n)
       on conflict do nothing`,
      [fps.map((r) => r.id), fps.map((r) => hex(r.signature!.bytes)), fps.map((r) => r.signature!.shingles)],
    );
    const bandDocs: string[] = [];
    const bandNos: number[] = [];
    const hashes: number[] = [];
    for (const r of fps) {
      r.signature!.bands.forEach((hash, band) => {
        bandDocs.push(r.id);
        bandNos.push(band);
        hashes.push(hash);
      });
    }
    await db.query(
      `insert into minhash_bands (band, hash, document_id)
       select q.band, q.hash, q.id from unnest($1::smallint[], $2::integer[], $3::text[]) as q(band, hash, id)
       on conflict do nothing`,
      [bandNos, hashes, bandDocs],
    );
    await db.query(
      `insert into near_duplicates (document_id, group_id, jaccard)
       select * from unnest($1::text[], $2::text[], $3::real[])
       on conflict (document_id) do update set group_id = excluded.group_id, jaccard = excluded.jaccard`,
      [fps.map((r) => r.id), fps.map((r) => r.signature!.groupId), fps.map((r) => r.signature!.jaccard)],
    );
  }
  const ids = rows.map((r) => r.id);
  await db.query(
    `insert into story_features (document_id, keys)
     select q.id, q.keys::jsonb from unnest($1::text[], $2::text[]) as q(id, keys)
     on conflict (document_id) do nothing`,
    [ids, rows.map((r) => JSON.stringify(r.keys))],
  );
  const keyDocs: string[] = [];
  const keys: string[] = [];
  for (const r of rows) {
    for (const k of new Set(r.keys.map((x) => x.key))) {
      keyDocs.push(r.id);
      keys.push(k);
    }
  }
  if (keys.length > 0) {
    await db.query(
      `insert into story_keys (key, document_id) select * from unnest($1::text[], $2::text[]) on conflict do nothing`,
      [keys, keyDocs],
    );
  }
  await db.query(
    `insert into story_clusters (document_id, cluster_id, score, evidence)
     select q.id, q.cluster, q.score, q.evidence::jsonb
       from unnest($1::text[], $2::text[], $3::real[], $4::text[]) as q(id, cluster, score, evidence)
     on conflict (document_id) do update set cluster_id = excluded.cluster_id, score = excluded.score,
       evidence = excluded.evidence`,
    [
      ids,
      rows.map((r) => r.clusterId),
      rows.map((r) => r.score),
      rows.map((r) => JSON.stringify(r.evidence)),
    ],
  );
  await db.query(
    'insert into similarity_processed (document_id) select unnest($1::text[]) on conflict do nothing',
    [ids],
  );
}

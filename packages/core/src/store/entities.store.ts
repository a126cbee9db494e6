/**
 * Entities and their names, with the blocking keys kept in step: every write of a name goes through
 * `upsertEntity` / `addEntityName` (or `upsertEntities` for batches), which store the name's keys in
 * `entity_name_keys` and mark the entity for candidate scoring (`resolved_at = null`).
 */
import type { Sensitivity } from '@longarm/contracts';
import { invalidInput, notFound } from '../domain/errors.ts';
import type { EntityName, EntityType, NameKind } from '../domain/entity.ts';
import { newEntityId, type EntityId } from '../domain/ids.ts';
import { FTM_SCHEMA_OF_TYPE, type PairExplanation, type Verdict } from '../domain/resolution.ts';
import { anyAscii } from '../domain/romanise.ts';
import { blockingKeys, isoScriptOf } from '../names/blocking.ts';
import type { Db } from './db.ts';

export const ENTITY_TYPES: readonly EntityType[] = [
  'person',
  'organization',
  'public_body',
  'facility',
  'channel',
  'campaign',
  'place',
  'other',
];

/** A name as callers give it: only `value` is required (script is detected, kind defaults to alias). */
export interface EntityNameInput {
  value: string;
  lang?: string | null;
  script?: string;
  kind?: NameKind;
}

export interface EntityInput {
  /** Given to update an entity (or to create one under a known id); a new id is made otherwise. */
  id?: string;
  type: EntityType;
  canonicalName: string;
  names?: EntityNameInput[];
  sensitivity?: Sensitivity;
  isPseudonymous?: boolean;
  metadata?: Record<string, unknown>;
}

export interface StoredEntity {
  id: EntityId;
  type: EntityType;
  canonicalName: string;
  sensitivity: Sensitivity;
  isPseudonymous: boolean;
  metadata: Record<string, unknown>;
  mergedInto: string | null;
  names: EntityName[];
  createdAt: string;
}

const romanised = (value: string): string => anyAscii(value).toLowerCase();

function checkInput(e: EntityInput): void {
  if (!ENTITY_TYPES.includes(e.type)) {
    throw invalidInput(`entity type "${e.type}" is unknown; use one of ${ENTITY_TYPES.join(', ')}`);
  }
  if (!e.canonicalName.trim()) {
    throw invalidInput('an entity needs a non-empty canonical name');
  }
}

interface NameRow {
  entityId: string;
  value: string;
  lang: string | null;
  script: string;
  kind: NameKind;
  romanised: string;
}

function nameRows(id: string, e: EntityInput): NameRow[] {
  const seen = new Map<string, NameRow>();
  const all: EntityNameInput[] = [{ value: e.canonicalName, kind: 'canonical' }, ...(e.names ?? [])];
  for (const n of all) {
    const value = n.value.trim();
    if (!value || seen.has(value)) {
      continue;
    }
    seen.set(value, {
      entityId: id,
      value,
      lang: n.lang ?? null,
      script: n.script ?? isoScriptOf(value),
      kind: n.kind ?? 'alias',
      romanised: romanised(value),
    });
  }
  return [...seen.values()];
}

/** Stores names (a name an entity already has is left alone) and the keys of those newly stored. */
async function insertNames(db: Db, rows: NameRow[], types: Map<string, EntityType>): Promise<void> {
  for (let i = 0; i < rows.length; i += 5000) {
    const chunk = rows.slice(i, i + 5000);
    const added = await db.query<{ entity_id: string; value: string }>(
      `insert into entity_names (entity_id, value, lang, script, kind, romanised)
       select * from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])
       on conflict (entity_id, value) do nothing
       returning entity_id, value`,
      [
        chunk.map((r) => r.entityId),
        chunk.map((r) => r.value),
        chunk.map((r) => r.lang),
        chunk.map((r) => r.script),
        chunk.map((r) => r.kind),
        chunk.map((r) => r.romanised),
      ],
    );
    await insertKeys(
      db,
      added.map((a) => ({ entityId: a.entity_id, value: a.value })),
      types,
    );
  }
}

/** Writes the blocking keys of names (which must not have keys yet). */
async function insertKeys(
  db: Db,
  names: { entityId: string; value: string }[],
  types: Map<string, EntityType>,
): Promise<void> {
  const cols: [string[], string[], string[], string[]] = [[], [], [], []];
  for (const n of names) {
    const type = types.get(n.entityId) ?? 'other';
    for (const k of blockingKeys(n.value, FTM_SCHEMA_OF_TYPE[type])) {
      cols[0].push(n.entityId);
      cols[1].push(n.value);
      cols[2].push(k.key);
      cols[3].push(k.kind);
    }
  }
  for (let j = 0; j < cols[0].length; j += 20_000) {
    await db.query(
      `insert into entity_name_keys (entity_id, name_value, key, kind)
       select * from unnest($1::text[], $2::text[], $3::text[], $4::text[])`,
      cols.map((c) => c.slice(j, j + 20_000)),
    );
  }
}

/**
 * Creates or updates many entities with their names and blocking keys in one transaction per call.
 * Existing names are kept (names are only ever added here); type, canonical name, sensitivity and
 * flags of an existing entity are replaced, its metadata is merged (given keys win). Returns the ids
 * in input order.
 */
export async function upsertEntities(db: Db, inputs: EntityInput[]): Promise<EntityId[]> {
  inputs.forEach(checkInput);
  const ids = inputs.map((e) => (e.id ?? newEntityId()) as EntityId);
  const types = new Map(inputs.map((e, i) => [ids[i]!, e.type]));
  await db.transaction(async (tx) => {
    for (let i = 0; i < inputs.length; i += 1000) {
      const chunk = inputs.slice(i, i + 1000);
      const chunkIds = ids.slice(i, i + 1000);
      await tx.query(
        `insert into entities (id, type, canonical_name, sensitivity, is_pseudonymous, metadata, resolved_at)
         select id, type, name, sens, pseud, meta::jsonb, null
           from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::boolean[], $6::text[])
             as t(id, type, name, sens, pseud, meta)
         on conflict (id) do update set type = excluded.type, canonical_name = excluded.canonical_name,
           sensitivity = excluded.sensitivity, is_pseudonymous = excluded.is_pseudonymous,
           metadata = entities.metadata || excluded.metadata, resolved_at = null`,
        [
          chunkIds,
          chunk.map((e) => e.type),
          chunk.map((e) => e.canonicalName.trim()),
          chunk.map((e) => e.sensitivity ?? 'internal'),
          chunk.map((e) => e.isPseudonymous ?? false),
          chunk.map((e) => JSON.stringify(e.metadata ?? {})),
        ],
      );
    }
    await insertNames(
      tx,
      inputs.flatMap((e, i) => nameRows(ids[i]!, e)),
      types,
    );
  });
  return ids;
}

/** Creates or updates one entity (see `upsertEntities`). */
export async function upsertEntity(db: Db, input: EntityInput): Promise<EntityId> {
  const [id] = await upsertEntities(db, [input]);
  return id!;
}

/** Adds one name to an entity (a name it already has is left as it is) and indexes its keys. */
export async function addEntityName(db: Db, entityId: string, name: EntityNameInput): Promise<void> {
  const rows = await db.query<{ type: EntityType }>('select type from entities where id = $1', [entityId]);
  const type = rows[0]?.type;
  if (!type) {
    throw notFound('entity', entityId);
  }
  const value = name.value.trim();
  if (!value) {
    throw invalidInput(`a name of entity ${entityId} is empty; give the name's text`);
  }
  await db.transaction(async (tx) => {
    await insertNames(
      tx,
      nameRows(entityId, { type, canonicalName: value, names: [{ ...name, value }] }).map((r) => ({
        ...r,
        kind: name.kind ?? 'alias',
      })),
      new Map([[entityId, type]]),
    );
    await tx.query('update entities set resolved_at = null where id = $1', [entityId]);
  });
}

/**
 * Indexes the names of the given entities (default: those awaiting scoring) that have no blocking keys yet: names written by code
 * that inserted into entity_names directly still get keys before candidates are generated.
 */
export async function indexMissingKeys(db: Db, entityIds?: readonly string[]): Promise<number> {
  const rows = await db.query<{ entity_id: string; value: string; type: EntityType }>(
    `select n.entity_id, n.value, e.type
       from entity_names n join entities e on e.id = n.entity_id
      where ${entityIds ? 'n.entity_id = any($1::text[])' : 'e.resolved_at is null'}
        and not exists (select 1 from entity_name_keys k where k.entity_id = n.entity_id and k.name_value = n.value)`,
    entityIds ? [entityIds] : [],
  );
  await insertKeys(
    db,
    rows.map((r) => ({ entityId: r.entity_id, value: r.value })),
    new Map(rows.map((r) => [r.entity_id, r.type])),
  );
  return rows.length;
}

/** The id an entity resolves to: itself, or the end of its merged_into chain. */
export async function resolveEntityId(db: Db, id: string): Promise<string | undefined> {
  const rows = await db.query<{ id: string }>(
    `with recursive chain(id, merged_into, depth) as (
       select id, merged_into, 0 from entities where id = $1
       union all
       select e.id, e.merged_into, c.depth + 1 from entities e join chain c on e.id = c.merged_into
       where c.depth < 100)
     select id from chain where merged_into is null`,
    [id],
  );
  return rows[0]?.id;
}

interface EntityRow {
  id: string;
  type: EntityType;
  canonical_name: string;
  sensitivity: Sensitivity;
  is_pseudonymous: boolean;
  metadata: Record<string, unknown>;
  merged_into: string | null;
  created_at: string | Date;
}

const iso = (v: string | Date): string => (v instanceof Date ? v.toISOString() : new Date(v).toISOString());

async function withNames(db: Db, rows: EntityRow[]): Promise<StoredEntity[]> {
  if (rows.length === 0) {
    return [];
  }
  const names = await db.query<{
    entity_id: string;
    value: string;
    lang: string | null;
    script: string;
    kind: NameKind;
  }>(
    `select entity_id, value, lang, script, kind from entity_names where entity_id = any($1::text[])
     order by entity_id, kind = 'canonical' desc, value`,
    [rows.map((r) => r.id)],
  );
  const byId = new Map<string, EntityName[]>();
  for (const n of names) {
    const list = byId.get(n.entity_id) ?? [];
    list.push({ value: n.value, lang: n.lang, script: n.script, kind: n.kind });
    byId.set(n.entity_id, list);
  }
  return rows.map((r) => ({
    id: r.id as EntityId,
    type: r.type,
    canonicalName: r.canonical_name,
    sensitivity: r.sensitivity,
    isPseudonymous: r.is_pseudonymous,
    metadata: r.metadata,
    mergedInto: r.merged_into,
    names: byId.get(r.id) ?? [],
    createdAt: iso(r.created_at),
  }));
}

const ENTITY_COLUMNS =
  'id, type, canonical_name, sensitivity, is_pseudonymous, metadata, merged_into, created_at';

/** Entities by id as stored (no chain following), those the levels allow only. */
export async function getEntities(
  db: Db,
  ids: readonly string[],
  visible: readonly Sensitivity[],
): Promise<StoredEntity[]> {
  const rows = await db.query<EntityRow>(
    `select ${ENTITY_COLUMNS} from entities where id = any($1::text[]) and sensitivity = any($2::text[])`,
    [ids, visible],
  );
  return withNames(db, rows);
}

/** A page of resolved (not merged) entities in id order, for export. */
export async function listResolvedEntities(
  db: Db,
  visible: readonly Sensitivity[],
  after: string,
  limit: number,
): Promise<StoredEntity[]> {
  const rows = await db.query<EntityRow>(
    `select ${ENTITY_COLUMNS} from entities
      where merged_into is null and sensitivity = any($1::text[]) and id > $2
      order by id limit $3`,
    [visible, after, limit],
  );
  return withNames(db, rows);
}

/** Ids of entities merged (directly or through a chain) into the given ones. */
export async function mergedMembers(db: Db, rootIds: readonly string[]): Promise<Map<string, string[]>> {
  const rows = await db.query<{ root: string; id: string }>(
    `with recursive m(root, id) as (
       select merged_into, id from entities where merged_into = any($1::text[])
       union all
       select m.root, e.id from entities e join m on e.merged_into = m.id)
     select root, id from m`,
    [rootIds],
  );
  const out = new Map<string, string[]>();
  for (const r of rows) {
    out.set(r.root, [...(out.get(r.root) ?? []), r.id]);
  }
  return out;
}

/** Up to `limit` entities whose candidate pairs are out of date. */
export async function listUnresolvedIds(db: Db, limit: number): Promise<string[]> {
  const rows = await db.query<{ id: string }>(
    'select id from entities where resolved_at is null and merged_into is null order by id limit $1',
    [limit],
  );
  return rows.map((r) => r.id);
}

export async function countUnresolved(db: Db): Promise<number> {
  const rows = await db.query<{ n: number }>(
    'select count(*)::int as n from entities where resolved_at is null and merged_into is null',
  );
  return Number(rows[0]?.n ?? 0);
}

/**
 * Pairs of unmerged entities that share a whole-name key or two word keys, `left < right`. Keys held by more than
 * `maxBlock` entities are too common to tell anything (a frequent surname) and are skipped. With
 * `ids`, only pairs touching those entities; without, the whole store.
 */
export async function pairsSharingKeys(
  db: Db,
  { ids, maxBlock }: { ids?: readonly string[]; maxBlock: number },
): Promise<[string, string][]> {
  // The store hands out the blocks (entities per usable key); pairs are enumerated here, which keeps
  // the query plan simple (one grouped scan of the key index) on both engines.
  const blocks = await db.query<{ kind: string; ids: string[] }>(
    `select min(k.kind) as kind, array_agg(distinct k.entity_id) as ids
       from entity_name_keys k join entities e on e.id = k.entity_id and e.merged_into is null
      ${ids ? 'where k.key in (select key from entity_name_keys where entity_id = any($2::text[]))' : ''}
      group by k.key having count(distinct k.entity_id) between 2 and $1`,
    ids ? [maxBlock, ids] : [maxBlock],
  );
  // A pair qualifies by one whole-name key (sorted, initials) or by two single-word keys: one
  // shared word alone (a surname) is too weak a reason to compare two entities.
  const focus = ids ? new Set(ids) : undefined;
  const weak = new Map<string, number>();
  const strong = new Set<string>();
  for (const block of blocks) {
    const members = [...block.ids].sort();
    const isStrong = block.kind === 'sorted' || block.kind === 'initials';
    for (let i = 0; i < members.length; i++) {
      for (let j = i + 1; j < members.length; j++) {
        const a = members[i]!;
        const b = members[j]!;
        if (focus && !focus.has(a) && !focus.has(b)) {
          continue;
        }
        const key = `${a} ${b}`;
        if (isStrong) {
          strong.add(key);
        } else {
          weak.set(key, (weak.get(key) ?? 0) + 1);
        }
      }
    }
  }
  for (const [key, n] of weak) {
    if (n >= 2) {
      strong.add(key);
    }
  }
  const pairs = [...strong].map((k) => k.split(' ') as [string, string]);
  return pairs;
}

/** Pairs whose romanised names are trigram-similar (pg_trgm `%`, its default limit 0.3), for the given entities. */
export async function pairsByTrigram(
  db: Db,
  ids: readonly string[],
  perName = 20,
): Promise<[string, string][]> {
  const rows = await db.query<{ a: string; b: string }>(
    `select distinct n.entity_id as a, hit.entity_id as b
       from entity_names n
       cross join lateral (
         select o.entity_id from entity_names o join entities e on e.id = o.entity_id and e.merged_into is null
          where o.romanised % n.romanised and o.entity_id <> n.entity_id
          order by similarity(o.romanised, n.romanised) desc limit $2) hit
      where n.entity_id = any($1::text[])`,
    [ids, perName],
  );
  return rows.map((r) => (r.a < r.b ? [r.a, r.b] : [r.b, r.a]));
}

export interface EntityForScoring {
  type: EntityType;
  names: string[];
}

/** Type and names of unmerged entities, for scoring pairs. */
export async function entitiesForScoring(
  db: Db,
  ids: readonly string[],
): Promise<Map<string, EntityForScoring>> {
  const out = new Map<string, EntityForScoring>();
  for (let i = 0; i < ids.length; i += 20_000) {
    const rows = await db.query<{ id: string; type: EntityType; names: string[] }>(
      `select e.id, e.type, array_agg(n.value order by n.kind = 'canonical' desc, n.value) as names
         from entities e join entity_names n on n.entity_id = e.id
        where e.id = any($1::text[]) and e.merged_into is null
        group by e.id, e.type`,
      [ids.slice(i, i + 20_000)],
    );
    for (const r of rows) {
      out.set(r.id, { type: r.type, names: r.names });
    }
  }
  return out;
}

export interface CandidateRow {
  left: string;
  right: string;
  score: number;
  explanation: PairExplanation;
}

/** Replaces the stored candidates of the given entities by new ones and marks them resolved. */
export async function saveCandidates(
  db: Db,
  entityIds: readonly string[],
  rows: CandidateRow[],
): Promise<void> {
  await db.transaction(async (tx) => {
    if (entityIds.length > 0) {
      await tx.query(
        'delete from entity_candidates where left_id = any($1::text[]) or right_id = any($1::text[])',
        [entityIds],
      );
    }
    for (let i = 0; i < rows.length; i += 5000) {
      const chunk = rows.slice(i, i + 5000);
      await tx.query(
        `insert into entity_candidates (left_id, right_id, score, explanation)
         select l, r, s, x::jsonb from unnest($1::text[], $2::text[], $3::real[], $4::text[]) as t(l, r, s, x)
         on conflict (left_id, right_id) do update set score = excluded.score,
           explanation = excluded.explanation, computed_at = now()`,
        [
          chunk.map((r) => r.left),
          chunk.map((r) => r.right),
          chunk.map((r) => r.score),
          chunk.map((r) => JSON.stringify(r.explanation)),
        ],
      );
    }
    if (entityIds.length > 0) {
      await tx.query('update entities set resolved_at = now() where id = any($1::text[])', [entityIds]);
    }
  });
}

export interface StoredCandidate {
  left: { id: string; type: EntityType; name: string; sensitivity: string };
  right: { id: string; type: EntityType; name: string; sensitivity: string };
  score: number;
  explanation: PairExplanation;
  lastVerdict: Verdict | null;
}

/**
 * A page of the review queue: pairs of unmerged entities that both are readable at `visible`,
 * not yet judged same or different, best score first.
 */
export async function listCandidates(
  db: Db,
  visible: readonly Sensitivity[],
  { limit, offset, minScore }: { limit: number; offset: number; minScore: number },
): Promise<{ total: number; pairs: StoredCandidate[] }> {
  const from = `from entity_candidates c
      join entities a on a.id = c.left_id and a.merged_into is null and a.sensitivity = any($1::text[])
      join entities b on b.id = c.right_id and b.merged_into is null and b.sensitivity = any($1::text[])
      left join lateral (
        select j.verdict from entity_judgements j
         where least(j.left_id, j.right_id) = c.left_id and greatest(j.left_id, j.right_id) = c.right_id
         order by j.decided_at desc, j.id desc limit 1) lj on true
     where c.score >= $2 and coalesce(lj.verdict, 'unsure') = 'unsure'`;
  const total = await db.query<{ n: number }>(`select count(*)::int as n ${from}`, [visible, minScore]);
  const rows = await db.query<{
    left_id: string;
    right_id: string;
    score: number;
    explanation: PairExplanation;
    verdict: Verdict | null;
    a_type: EntityType;
    a_name: string;
    a_sens: string;
    b_type: EntityType;
    b_name: string;
    b_sens: string;
  }>(
    `select c.left_id, c.right_id, c.score, c.explanation, lj.verdict,
            a.type as a_type, a.canonical_name as a_name, a.sensitivity as a_sens,
            b.type as b_type, b.canonical_name as b_name, b.sensitivity as b_sens
     ${from}
     order by c.score desc, c.left_id, c.right_id limit $3 offset $4`,
    [visible, minScore, limit, offset],
  );
  return {
    total: Number(total[0]?.n ?? 0),
    pairs: rows.map((r) => ({
      left: { id: r.left_id, type: r.a_type, name: r.a_name, sensitivity: r.a_sens },
      right: { id: r.right_id, type: r.b_type, name: r.b_name, sensitivity: r.b_sens },
      score: Math.round(Number(r.score) * 1000) / 1000,
      explanation: r.explanation,
      lastVerdict: r.verdict,
    })),
  };
}

export interface JudgementRow {
  id: string;
  leftId: string;
  rightId: string;
  verdict: Verdict;
  score: number | null;
  explanation: unknown;
  decidedBy: string;
  note: string | null;
}

export async function insertJudgement(db: Db, j: JudgementRow): Promise<string> {
  const rows = await db.query<{ decided_at: string | Date }>(
    `insert into entity_judgements (id, left_id, right_id, verdict, score, explanation, decided_by, note)
     values ($1, $2, $3, $4, $5, $6::jsonb, $7, $8) returning decided_at`,
    [j.id, j.leftId, j.rightId, j.verdict, j.score, JSON.stringify(j.explanation ?? {}), j.decidedBy, j.note],
  );
  return iso(rows[0]!.decided_at);
}

/**
 * Merges `loser` into `winner`: the loser's names that the winner lacks and every mention of the
 * loser move to the winner, the loser points at the winner, and the merge log lists what moved.
 */
export async function mergeEntities(
  db: Db,
  m: { id: string; winner: string; loser: string; judgementId: string | null; by: string },
): Promise<{ names: number; mentions: number }> {
  return db.transaction(async (tx) => {
    const names = (
      await tx.query<{ value: string }>(
        `select value from entity_names n where entity_id = $1
           and not exists (select 1 from entity_names w where w.entity_id = $2 and w.value = n.value)`,
        [m.loser, m.winner],
      )
    ).map((r) => r.value);
    await tx.query(
      'update entity_names set entity_id = $2 where entity_id = $1 and value = any($3::text[])',
      [m.loser, m.winner, names],
    );
    await tx.query(
      'update entity_name_keys set entity_id = $2 where entity_id = $1 and name_value = any($3::text[])',
      [m.loser, m.winner, names],
    );
    const mentions = (
      await tx.query<{ id: string }>('update mentions set entity_id = $2 where entity_id = $1 returning id', [
        m.loser,
        m.winner,
      ])
    ).map((r) => r.id);
    await tx.query('update entities set merged_into = $2 where id = $1', [m.loser, m.winner]);
    await tx.query('update entities set resolved_at = null where id = $1', [m.winner]);
    await tx.query('delete from entity_candidates where left_id = $1 or right_id = $1', [m.loser]);
    await tx.query(
      `insert into entity_merges (id, winner_id, loser_id, judgement_id, moved_names, moved_mentions, merged_by)
       values ($1, $2, $3, $4, $5::text[], $6::text[], $7)`,
      [m.id, m.winner, m.loser, m.judgementId, names, mentions, m.by],
    );
    return { names: names.length, mentions: mentions.length };
  });
}

/**
 * Undoes the open merge of `loser`: its names and mentions go back, it stands on its own again.
 * Refused while the winner has itself been merged into another entity (split that first).
 */
export async function splitEntity(
  db: Db,
  loser: string,
  by: string,
): Promise<{ mergeId: string; winner: string; names: number; mentions: number }> {
  return db.transaction(async (tx) => {
    const merge = (
      await tx.query<{ id: string; winner_id: string; moved_names: string[]; moved_mentions: string[] }>(
        `select id, winner_id, moved_names, moved_mentions from entity_merges
          where loser_id = $1 and split_at is null order by merged_at desc limit 1`,
        [loser],
      )
    )[0];
    if (!merge) {
      throw invalidInput(`entity ${loser} is not merged into another entity; there is nothing to split`);
    }
    const winner = (
      await tx.query<{ merged_into: string | null }>('select merged_into from entities where id = $1', [
        merge.winner_id,
      ])
    )[0];
    if (winner?.merged_into) {
      throw invalidInput(
        `entity ${loser} was merged into ${merge.winner_id}, which was later merged into ${winner.merged_into}; split ${merge.winner_id} first`,
      );
    }
    await tx.query(
      'update entity_names set entity_id = $1 where entity_id = $2 and value = any($3::text[])',
      [loser, merge.winner_id, merge.moved_names],
    );
    await tx.query(
      'update entity_name_keys set entity_id = $1 where entity_id = $2 and name_value = any($3::text[])',
      [loser, merge.winner_id, merge.moved_names],
    );
    const mentions = await tx.query<{ id: string }>(
      'update mentions set entity_id = $1 where entity_id = $2 and id = any($3::text[]) returning id',
      [loser, merge.winner_id, merge.moved_mentions],
    );
    await tx.query('update entities set merged_into = null, resolved_at = null where id = $1', [loser]);
    await tx.query('update entities set resolved_at = null where id = $1', [merge.winner_id]);
    await tx.query('update entity_merges set split_at = now(), split_by = $2 where id = $1', [merge.id, by]);
    return {
      mergeId: merge.id,
      winner: merge.winner_id,
      names: merge.moved_names.length,
      mentions: mentions.length,
    };
  });
}

export interface ScreenHit {
  id: string;
  type: EntityType;
  canonicalName: string;
  metadata: Record<string, unknown>;
  names: string[];
}

/**
 * Unmerged entities readable at `visible` that share a blocking key with any of `keys` or whose
 * romanised name is trigram-similar to any of `romanisedNames`; at most `limit`.
 */
export async function screenCandidates(
  db: Db,
  {
    keys,
    romanisedNames,
    visible,
    maxBlock,
    limit,
  }: {
    keys: readonly string[];
    romanisedNames: readonly string[];
    visible: readonly Sensitivity[];
    maxBlock: number;
    limit: number;
  },
): Promise<ScreenHit[]> {
  const rows = await db.query<{
    id: string;
    type: EntityType;
    canonical_name: string;
    metadata: Record<string, unknown>;
    names: string[];
  }>(
    `with by_key as (
       select k.entity_id from entity_name_keys k
        where k.key in (select key from entity_name_keys where key = any($1::text[])
                         group by key having count(distinct entity_id) <= $4)
     ), by_trgm as (
       select hit.entity_id from unnest($2::text[]) q(r)
        cross join lateral (select n.entity_id from entity_names n where n.romanised % q.r
                             order by similarity(n.romanised, q.r) desc limit 50) hit
     ), ids as (select entity_id from by_key union select entity_id from by_trgm)
     select e.id, e.type, e.canonical_name, e.metadata,
            array(select value from entity_names n where n.entity_id = e.id order by n.kind = 'canonical' desc, n.value) as names
       from entities e join ids on ids.entity_id = e.id
      where e.merged_into is null and e.sensitivity = any($3::text[])
      limit $5`,
    [keys, romanisedNames, visible, maxBlock, limit],
  );
  return rows.map((r) => ({
    id: r.id,
    type: r.type,
    canonicalName: r.canonical_name,
    metadata: r.metadata,
    names: r.names,
  }));
}

export { romanised as romaniseName };

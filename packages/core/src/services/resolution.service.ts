/**
 * Entity resolution: candidate pairs from the store's blocking keys scored by the name matcher, a
 * review queue, judgements that merge and splits that undo merges, batch screening of names
 * against the store, and FollowTheMoney import/export.
 */
import { createHash, randomBytes } from 'node:crypto';
import Papa from 'papaparse';
import type { Sensitivity } from '@longarm/contracts';
import { LOCAL_VIEWER, visibleTo, type Viewer } from '../domain/account.ts';
import type { EntityType } from '../domain/entity.ts';
import { AppError, invalidInput, notFound } from '../domain/errors.ts';
import type { EntityId } from '../domain/ids.ts';
import {
  canJudge,
  FTM_SCHEMA_OF_TYPE,
  TYPE_OF_FTM_SCHEMA,
  typesCompatible,
  VERDICTS,
  type CandidatePair,
  type Judgement,
  type PairExplanation,
  type SplitResult,
  type Verdict,
} from '../domain/resolution.ts';
import { blockingKeys } from '../names/blocking.ts';
import { compareNames, NAME_PARAMS, type NameFeature } from '../names/compare.ts';
import type { Db } from '../store/db.ts';
import {
  addEntityName,
  countUnresolved,
  entitiesForScoring,
  getEntities,
  indexMissingKeys,
  insertJudgement,
  listCandidates,
  listResolvedEntities,
  listUnresolvedIds,
  mergedMembers,
  mergeEntities,
  pairsByTrigram,
  pairsSharingKeys,
  resolveEntityId,
  romaniseName,
  saveCandidates,
  screenCandidates,
  splitEntity,
  upsertEntities,
  upsertEntity,
  type CandidateRow,
  type EntityForScoring,
  type EntityInput,
  type EntityNameInput,
  type StoredEntity,
} from '../store/entities.store.ts';
import type { AuditService } from './audit.service.ts';

/** Keys held by more entities than this are too common to block on (a frequent surname). */
export const MAX_BLOCK = 64;
/** Pairs scoring below this are not worth a reviewer's time and are not stored. */
export const CANDIDATE_MIN_SCORE = 0.7;
/** Names per entity compared when scoring a pair (canonical first). */
const NAMES_PER_ENTITY = 6;

export interface RefreshReport {
  entities: number;
  /** Candidate pairs the blocking keys (and trigrams) produced. */
  pairs: number;
  /** Pairs that scored at least CANDIDATE_MIN_SCORE and are stored for review. */
  stored: number;
  seconds: number;
  /** Of `seconds`: time spent generating pairs in the store, and scoring them. */
  blockingSeconds: number;
  scoringSeconds: number;
}

export interface MatchQuery {
  schema?: string;
  properties: Record<string, unknown>;
}

export interface MatchResult {
  id: string;
  schema: string;
  caption: string;
  score: number;
  match: boolean;
  explanation: { queryName: string; matchedName: string; features: NameFeature[] };
}

export interface MatchOptions {
  threshold?: number;
  limit?: number;
}

export interface ScreenRow {
  row: number;
  id: string | null;
  name: string;
  results: MatchResult[];
  error?: string;
}

export interface FtmImportReport {
  lines: number;
  imported: number;
  skipped: { line: number; id: string | null; reason: string }[];
  failed: { line: number; error: string }[];
}

export interface ResolutionService {
  /** Creates or updates an entity with its names; blocking keys follow. Returns its id. */
  upsertEntity(input: EntityInput): Promise<EntityId>;
  /** Many at once, one transaction (imports, benchmarks). */
  upsertEntities(inputs: EntityInput[]): Promise<EntityId[]>;
  /** Adds a name to an entity; blocking keys follow. */
  addEntityName(entityId: string, name: EntityNameInput): Promise<void>;
  /** The entity an id resolves to (following merges), with its names; 404 when not readable. */
  getEntity(id: string, viewer?: Viewer): Promise<StoredEntity>;
  /** Recomputes candidate pairs: of entities whose names changed, or of the whole store with `all`. */
  refreshCandidates(options?: { all?: boolean; trigram?: boolean }): Promise<RefreshReport>;
  listCandidates(
    page: { limit?: number; offset?: number; minScore?: number },
    viewer?: Viewer,
  ): Promise<{ total: number; limit: number; offset: number; pairs: CandidatePair[] }>;
  judge(
    input: { left: string; right: string; verdict: Verdict; note?: string | null },
    viewer?: Viewer,
  ): Promise<Judgement>;
  split(entityId: string, viewer?: Viewer): Promise<SplitResult>;
  match(
    queries: Record<string, MatchQuery>,
    options?: MatchOptions,
    viewer?: Viewer,
  ): Promise<Record<string, { results: MatchResult[]; total: number }>>;
  screenCsv(
    text: string,
    options?: MatchOptions & { source?: string },
    viewer?: Viewer,
  ): Promise<ScreenRow[]>;
  importFtm(text: string, options?: { sensitivity?: Sensitivity }, viewer?: Viewer): Promise<FtmImportReport>;
  exportFtm(viewer?: Viewer): AsyncGenerator<string>;
}

const round = (x: number): number => Math.round(x * 1000) / 1000;

/** The FtM schema two entity types are compared under. */
function schemaFor(a: EntityType, b: EntityType): string | undefined {
  if (a === 'person' && b === 'person') {
    return 'Person';
  }
  if (a === 'person' || b === 'person' || a === 'other' || b === 'other') {
    return undefined;
  }
  return 'Organization';
}

/** Best name-to-name comparison of two entities, or undefined when their types cannot be the same thing. */
export function scoreEntityPair(
  a: EntityForScoring,
  b: EntityForScoring,
): { score: number; explanation: PairExplanation } | undefined {
  if (!typesCompatible(a.type, b.type)) {
    return undefined;
  }
  const schema = schemaFor(a.type, b.type);
  let best: { score: number; explanation: PairExplanation } | undefined;
  for (const x of a.names.slice(0, NAMES_PER_ENTITY)) {
    for (const y of b.names.slice(0, NAMES_PER_ENTITY)) {
      const r = compareNames(x, y, schema);
      if (!best || r.score > best.score) {
        best = {
          score: r.score,
          explanation: { leftName: x, rightName: y, threshold: r.threshold, features: r.features },
        };
      }
    }
  }
  return best;
}

const ftmEntityId = (ftmId: string): EntityId =>
  `ent_${createHash('sha256').update(`ftm\u0000${ftmId}`).digest('hex').slice(0, 24)}` as EntityId;

const strings = (v: unknown): string[] =>
  (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v])
    .filter((x): x is string | number => typeof x === 'string' || typeof x === 'number')
    .map((x) => String(x).trim())
    .filter(Boolean);

/** Birth dates and countries an entity's metadata holds, as FtM properties or plain fields. */
function factsOf(metadata: Record<string, unknown>): { birthDates: string[]; countries: string[] } {
  const ftm = (metadata.ftm ?? {}) as { properties?: Record<string, unknown> };
  const props = ftm.properties ?? {};
  return {
    birthDates: [...strings(props.birthDate), ...strings(metadata.birthDate)],
    countries: [...strings(props.country), ...strings(props.nationality), ...strings(metadata.country)].map(
      (c) => c.toLowerCase(),
    ),
  };
}

/** Dates agree when one is a prefix of the other (1970 agrees with 1970-03-02). */
const datesAgree = (a: string, b: string): boolean => a.startsWith(b) || b.startsWith(a);

function newJudgementId(): string {
  return `jdg_${randomBytes(12).toString('hex')}`;
}
function newMergeId(): string {
  return `mrg_${randomBytes(12).toString('hex')}`;
}

export function createResolutionService({ db, audit }: { db: Db; audit?: AuditService }): ResolutionService {
  const actor = (viewer: Viewer): string =>
    viewer.kind === 'user' ? `user:${viewer.id}` : viewer.kind === 'local' ? 'local' : 'anonymous';

  const requireJudge = (viewer: Viewer, what: string): void => {
    if (viewer.kind === 'anonymous') {
      throw new AppError('unauthorized', `log in to ${what}`);
    }
    if (!canJudge(viewer)) {
      throw new AppError('forbidden', `your role or token may not ${what}; reviewers and up may`);
    }
  };

  /** Scores pairs and keeps those worth reviewing. */
  async function scorePairs(pairs: [string, string][]): Promise<CandidateRow[]> {
    const ids = [...new Set(pairs.flat())];
    const info = await entitiesForScoring(db, ids);
    const rows: CandidateRow[] = [];
    for (const [l, r] of pairs) {
      const a = info.get(l);
      const b = info.get(r);
      if (!a || !b) {
        continue;
      }
      const s = scoreEntityPair(a, b);
      if (s && s.score >= CANDIDATE_MIN_SCORE) {
        rows.push({ left: l, right: r, score: s.score, explanation: s.explanation });
      }
    }
    return rows;
  }

  async function refreshCandidates(
    options: { all?: boolean; trigram?: boolean } = {},
  ): Promise<RefreshReport> {
    const started = performance.now();
    if (options.all) {
      await indexMissingKeys(db);
      const t0 = performance.now();
      const pairs = await pairsSharingKeys(db, { maxBlock: MAX_BLOCK });
      const t1 = performance.now();
      const rows = await scorePairs(pairs);
      const t2 = performance.now();
      await db.query('delete from entity_candidates');
      await saveCandidates(db, [], rows);
      const done = await db.query<{ n: number }>(
        `with u as (update entities set resolved_at = now() where merged_into is null returning 1)
         select count(*)::int as n from u`,
      );
      return {
        entities: Number(done[0]?.n ?? 0),
        pairs: pairs.length,
        stored: rows.length,
        seconds: (performance.now() - started) / 1000,
        blockingSeconds: (t1 - t0) / 1000,
        scoringSeconds: (t2 - t1) / 1000,
      };
    }
    let entities = 0;
    let pairCount = 0;
    let stored = 0;
    let blocking = 0;
    let scoring = 0;
    for (;;) {
      const ids = await listUnresolvedIds(db, 2000);
      if (ids.length === 0) {
        break;
      }
      await indexMissingKeys(db, ids);
      const t0 = performance.now();
      const byKey = await pairsSharingKeys(db, { ids, maxBlock: MAX_BLOCK });
      const byTrgm = options.trigram === false ? [] : await pairsByTrigram(db, ids);
      const pairs = [...new Map([...byKey, ...byTrgm].map((p) => [`${p[0]}\u0000${p[1]}`, p])).values()];
      const t1 = performance.now();
      const rows = await scorePairs(pairs);
      blocking += t1 - t0;
      scoring += performance.now() - t1;
      await saveCandidates(db, ids, rows);
      entities += ids.length;
      pairCount += pairs.length;
      stored += rows.length;
    }
    return {
      entities,
      pairs: pairCount,
      stored,
      seconds: (performance.now() - started) / 1000,
      blockingSeconds: blocking / 1000,
      scoringSeconds: scoring / 1000,
    };
  }

  /** Both entities, readable by the viewer, or the same 404 as a missing one. */
  async function readable(ids: string[], viewer: Viewer): Promise<Map<string, StoredEntity>> {
    const found = await getEntities(db, ids, visibleTo(viewer));
    const byId = new Map(found.map((e) => [e.id as string, e]));
    for (const id of ids) {
      if (!byId.has(id)) {
        throw notFound('entity', id);
      }
    }
    return byId;
  }

  async function resolveReadable(id: string, viewer: Viewer): Promise<StoredEntity> {
    await readable([id], viewer);
    const root = await resolveEntityId(db, id);
    if (!root) {
      throw notFound('entity', id);
    }
    return (await readable([root], viewer)).get(root)!;
  }

  async function matchOne(
    query: MatchQuery,
    options: Required<MatchOptions>,
    visible: readonly Sensitivity[],
  ): Promise<MatchResult[]> {
    const names = [...new Set([...strings(query.properties.name), ...strings(query.properties.alias)])];
    if (names.length === 0) {
      throw invalidInput('a query needs at least one name in properties.name');
    }
    const schema = query.schema && query.schema in TYPE_OF_FTM_SCHEMA ? query.schema : undefined;
    const wantType = schema ? TYPE_OF_FTM_SCHEMA[schema] : undefined;
    const keys = [...new Set(names.flatMap((n) => blockingKeys(n, schema).map((k) => k.key)))];
    const hits = await screenCandidates(db, {
      keys,
      romanisedNames: names.map(romaniseName),
      visible,
      maxBlock: MAX_BLOCK * 8,
      limit: 1000,
    });
    const qFacts = factsOf({ birthDate: query.properties.birthDate, country: query.properties.country });
    const results: MatchResult[] = [];
    for (const hit of hits) {
      if (wantType && !typesCompatible(wantType, hit.type)) {
        continue;
      }
      const cmpSchema = wantType ? schemaFor(wantType, hit.type) : FTM_SCHEMA_OF_TYPE[hit.type];
      let best: MatchResult | undefined;
      for (const q of names) {
        for (const n of hit.names.slice(0, NAMES_PER_ENTITY * 2)) {
          const r = compareNames(q, n, cmpSchema);
          if (!best || r.score > best.score) {
            best = {
              id: hit.id,
              schema: FTM_SCHEMA_OF_TYPE[hit.type],
              caption: hit.canonicalName,
              score: r.score,
              match: false,
              explanation: { queryName: q, matchedName: n, features: [...r.features] },
            };
          }
        }
      }
      if (!best) {
        continue;
      }
      const facts = factsOf(hit.metadata);
      const features = best.explanation.features;
      if (qFacts.birthDates.length && facts.birthDates.length) {
        const agree = qFacts.birthDates.some((d) => facts.birthDates.some((e) => datesAgree(d, e)));
        if (!agree) {
          best.score *= 0.7;
        }
        features.push({
          name: 'birth_date',
          value: agree ? 1 : 0.7,
          weight: 0,
          note: agree ? 'birth dates agree' : `birth dates differ: ${facts.birthDates.join('/')}`,
        });
      }
      if (qFacts.countries.length && facts.countries.length) {
        const agree = qFacts.countries.some((c) => facts.countries.includes(c));
        if (!agree) {
          best.score *= 0.9;
        }
        features.push({
          name: 'country',
          value: agree ? 1 : 0.9,
          weight: 0,
          note: agree ? 'a country agrees' : `countries differ: ${facts.countries.join('/')}`,
        });
      }
      best.score = round(best.score);
      best.match = best.score >= options.threshold;
      results.push(best);
    }
    results.sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
    return results.slice(0, options.limit);
  }

  const matchOptions = (o: MatchOptions = {}): Required<MatchOptions> => {
    const threshold = o.threshold ?? NAME_PARAMS.threshold;
    const limit = o.limit ?? 5;
    if (!(threshold >= 0 && threshold <= 1)) {
      throw invalidInput(`the threshold must be a number from 0 to 1, not ${threshold}`);
    }
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
      throw invalidInput(`the limit must be a whole number from 1 to 100, not ${limit}`);
    }
    return { threshold, limit };
  };

  async function auditRead(viewer: Viewer, action: string, details: Record<string, unknown>): Promise<void> {
    if (visibleTo(viewer).includes('restricted')) {
      await audit?.append(viewer, { action, recordKind: 'entity', details });
    }
  }

  const service: ResolutionService = {
    upsertEntity: (input) => upsertEntity(db, input),
    upsertEntities: (inputs) => upsertEntities(db, inputs),
    addEntityName: (id, name) => addEntityName(db, id, name),
    getEntity: (id, viewer = LOCAL_VIEWER) => resolveReadable(id, viewer),
    refreshCandidates,

    async listCandidates(page, viewer = LOCAL_VIEWER) {
      const limit = page.limit ?? 50;
      const offset = page.offset ?? 0;
      const minScore = page.minScore ?? CANDIDATE_MIN_SCORE;
      if (!Number.isInteger(limit) || limit < 1 || limit > 500) {
        throw invalidInput(`limit must be a whole number from 1 to 500, not ${limit}`);
      }
      if (!Number.isInteger(offset) || offset < 0) {
        throw invalidInput(`offset must be a whole number from 0, not ${offset}`);
      }
      // Entities whose names changed since the last look are scored first (most calls find none).
      if ((await countUnresolved(db)) > 0) {
        await refreshCandidates();
      }
      const { total, pairs } = await listCandidates(db, visibleTo(viewer), { limit, offset, minScore });
      return { total, limit, offset, pairs };
    },

    async judge(input, viewer = LOCAL_VIEWER) {
      requireJudge(viewer, 'judge entity pairs');
      if (!VERDICTS.includes(input.verdict)) {
        throw invalidInput(`verdict must be one of ${VERDICTS.join(', ')}, not "${String(input.verdict)}"`);
      }
      if (input.left === input.right) {
        throw invalidInput('left and right are the same entity id; give two different entities');
      }
      await readable([input.left, input.right], viewer);
      const left = await resolveReadable(input.left, viewer);
      const right = await resolveReadable(input.right, viewer);
      if (left.id === right.id) {
        throw invalidInput(
          input.verdict === 'same'
            ? `${input.left} and ${input.right} are already merged into ${left.id}`
            : `${input.left} and ${input.right} are merged into ${left.id}; split the merged one to separate them`,
        );
      }
      const scored = scoreEntityPair(
        { type: left.type, names: left.names.map((n) => n.value) },
        { type: right.type, names: right.names.map((n) => n.value) },
      );
      const id = newJudgementId();
      const by = actor(viewer);
      const note = input.note?.trim() ? input.note.trim().slice(0, 2000) : null;
      const decidedAt = await insertJudgement(db, {
        id,
        leftId: left.id,
        rightId: right.id,
        verdict: input.verdict,
        score: scored?.score ?? null,
        explanation: scored?.explanation ?? {},
        decidedBy: by,
        note,
      });
      await audit?.append(viewer, {
        action: 'entity.judge',
        recordKind: 'entity_judgement',
        recordId: id,
        details: { left: left.id, right: right.id, verdict: input.verdict, score: scored?.score ?? null },
      });
      let mergeId: string | null = null;
      if (input.verdict === 'same') {
        mergeId = newMergeId();
        const moved = await mergeEntities(db, {
          id: mergeId,
          winner: left.id,
          loser: right.id,
          judgementId: id,
          by,
        });
        await audit?.append(viewer, {
          action: 'entity.merge',
          recordKind: 'entity',
          recordId: left.id,
          details: { merge: mergeId, merged: right.id, names: moved.names, mentions: moved.mentions },
        });
      }
      return {
        id,
        leftId: left.id,
        rightId: right.id,
        verdict: input.verdict,
        score: scored?.score ?? null,
        explanation: scored?.explanation ?? {},
        decidedBy: by,
        decidedAt,
        note,
        mergeId,
      };
    },

    async split(entityId, viewer = LOCAL_VIEWER) {
      requireJudge(viewer, 'split merged entities');
      await readable([entityId], viewer);
      const by = actor(viewer);
      const done = await splitEntity(db, entityId, by);
      // The split is a judgement too: the pair leaves the review queue.
      await insertJudgement(db, {
        id: newJudgementId(),
        leftId: done.winner,
        rightId: entityId,
        verdict: 'different',
        score: null,
        explanation: {},
        decidedBy: by,
        note: `split of merge ${done.mergeId}`,
      });
      await audit?.append(viewer, {
        action: 'entity.split',
        recordKind: 'entity',
        recordId: entityId,
        details: { merge: done.mergeId, from: done.winner, names: done.names, mentions: done.mentions },
      });
      return {
        mergeId: done.mergeId,
        entityId,
        from: done.winner,
        names: done.names,
        mentions: done.mentions,
      };
    },

    async match(queries, options, viewer = LOCAL_VIEWER) {
      const o = matchOptions(options);
      const visible = visibleTo(viewer);
      const out: Record<string, { results: MatchResult[]; total: number }> = {};
      for (const [key, q] of Object.entries(queries)) {
        try {
          const results = await matchOne(q, o, visible);
          out[key] = { results, total: results.length };
        } catch (e) {
          if (e instanceof AppError) {
            throw new AppError(e.code, `query "${key}": ${e.message}`, e.details);
          }
          throw e;
        }
      }
      await auditRead(viewer, 'entity.match', { queries: Object.keys(queries).length });
      return out;
    },

    async screenCsv(text, options = {}, viewer = LOCAL_VIEWER) {
      const o = matchOptions(options);
      const source = options.source ?? 'input';
      const parsed = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), {
        header: true,
        skipEmptyLines: 'greedy',
        transformHeader: (h) =>
          h
            .trim()
            .toLowerCase()
            .replace(/[\s-]+/g, '_'),
      });
      const fields = parsed.meta.fields ?? [];
      if (!fields.includes('name')) {
        throw invalidInput(
          `${source}: the CSV header has no "name" column (found: ${fields.join(', ') || 'nothing'}); add a header row with name and optionally schema, birth_date, country`,
        );
      }
      const pick = (row: Record<string, string>, ...cols: string[]): string | undefined =>
        cols.map((c) => row[c]?.trim()).find((v) => v);
      const visible = visibleTo(viewer);
      const out: ScreenRow[] = [];
      for (const [i, row] of parsed.data.entries()) {
        const name = (row.name ?? '').trim();
        const entry: ScreenRow = { row: i + 2, id: pick(row, 'id') ?? null, name, results: [] };
        if (!name) {
          out.push({ ...entry, error: `row ${i + 2}: the name is empty` });
          continue;
        }
        const schema = pick(row, 'schema', 'type');
        const ftmSchema =
          schema && !(schema in TYPE_OF_FTM_SCHEMA)
            ? FTM_SCHEMA_OF_TYPE[schema.toLowerCase() as EntityType]
            : schema;
        try {
          entry.results = await matchOne(
            {
              ...(ftmSchema ? { schema: ftmSchema } : {}),
              properties: {
                name: [name],
                birthDate: pick(row, 'birth_date', 'birthdate', 'dob', 'date_of_birth'),
                country: pick(row, 'country', 'nationality'),
              },
            },
            o,
            visible,
          );
        } catch (e) {
          entry.error = `row ${i + 2}: ${(e as Error).message}`;
        }
        out.push(entry);
      }
      await auditRead(viewer, 'entity.screen', { rows: out.length });
      return out;
    },

    async importFtm(text, options = {}, viewer = LOCAL_VIEWER) {
      requireJudge(viewer, 'import entities');
      if (viewer.kind === 'user' && viewer.role === 'reviewer') {
        throw new AppError('forbidden', 'reviewers may not import entities; analysts and up may');
      }
      const sensitivity = options.sensitivity ?? 'internal';
      const report: FtmImportReport = { lines: 0, imported: 0, skipped: [], failed: [] };
      let batch: { line: number; input: EntityInput }[] = [];
      const flush = async (): Promise<void> => {
        if (batch.length === 0) {
          return;
        }
        try {
          await upsertEntities(
            db,
            batch.map((b) => b.input),
          );
          report.imported += batch.length;
        } catch {
          // one bad record must not sink its neighbours: retry one by one
          for (const b of batch) {
            try {
              await upsertEntity(db, b.input);
              report.imported += 1;
            } catch (e) {
              report.failed.push({ line: b.line, error: (e as Error).message });
            }
          }
        }
        batch = [];
      };
      const lines = text.split(/\r?\n/);
      for (const [i, raw] of lines.entries()) {
        const line = i + 1;
        if (!raw.trim()) {
          continue;
        }
        report.lines += 1;
        let value: unknown;
        try {
          value = JSON.parse(raw);
        } catch (e) {
          report.failed.push({ line, error: `not JSON: ${(e as Error).message}` });
          continue;
        }
        const parsed = ftmToInput(value, sensitivity);
        if ('error' in parsed) {
          report.failed.push({ line, error: parsed.error });
        } else if ('skip' in parsed) {
          report.skipped.push({ line, id: parsed.id, reason: parsed.skip });
        } else {
          batch.push({ line, input: parsed.input });
          if (batch.length >= 500) {
            await flush();
          }
        }
      }
      await flush();
      report.failed.sort((a, b) => a.line - b.line);
      await audit?.append(viewer, {
        action: 'entity.import',
        recordKind: 'entity',
        details: {
          format: 'ftm',
          imported: report.imported,
          skipped: report.skipped.length,
          failed: report.failed.length,
        },
      });
      return report;
    },

    async *exportFtm(viewer = LOCAL_VIEWER) {
      const visible = visibleTo(viewer);
      await auditRead(viewer, 'export', { type: 'entities', format: 'ftm' });
      let after = '';
      for (;;) {
        const page = await listResolvedEntities(db, visible, after, 500);
        if (page.length === 0) {
          return;
        }
        const members = await mergedMembers(
          db,
          page.map((e) => e.id),
        );
        const memberIds = [...members.values()].flat();
        const memberFtm = new Map(
          (await getEntities(db, memberIds, ['public', 'internal', 'restricted', 'protected'])).map((e) => [
            e.id as string,
            ftmIdOf(e),
          ]),
        );
        for (const e of page) {
          const referents = (members.get(e.id) ?? []).map((id) => memberFtm.get(id) ?? id);
          yield `${JSON.stringify(entityToFtm(e, referents))}\n`;
        }
        after = page.at(-1)!.id;
      }
    },
  };
  return service;
}

const ftmIdOf = (e: StoredEntity): string => {
  const ftm = e.metadata.ftm as { id?: unknown } | undefined;
  return typeof ftm?.id === 'string' ? ftm.id : e.id;
};

const NAME_PROPS = new Set(['name', 'alias', 'weakAlias', 'previousName']);

/** One FtM entity (or a delta line `{op, entity}`) as an entity input, a reason to skip, or an error. */
export function ftmToInput(
  value: unknown,
  sensitivity: Sensitivity,
): { input: EntityInput } | { skip: string; id: string | null } | { error: string } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { error: 'expected a JSON object with id, schema and properties' };
  }
  let obj = value as Record<string, unknown>;
  if (typeof obj.op === 'string' && typeof obj.entity === 'object' && obj.entity !== null) {
    if (obj.op === 'DEL') {
      const e = obj.entity as { id?: unknown };
      return { skip: 'a deletion (DEL) in a change log', id: typeof e.id === 'string' ? e.id : null };
    }
    obj = obj.entity as Record<string, unknown>;
  }
  const { id, schema, properties } = obj;
  if (typeof id !== 'string' || !id.trim() || id.length > 500) {
    return { error: 'the entity has no "id" string (1–500 characters)' };
  }
  if (typeof schema !== 'string') {
    return { error: `entity ${id} has no "schema" string` };
  }
  if (typeof properties !== 'object' || properties === null || Array.isArray(properties)) {
    return { error: `entity ${id} has no "properties" object` };
  }
  const type = TYPE_OF_FTM_SCHEMA[schema];
  if (!type) {
    return { skip: `schema ${schema} is not a kind of entity the store keeps`, id };
  }
  const props = properties as Record<string, unknown>;
  const names = strings(props.name).filter((n) => n.length <= 1000);
  if (names.length === 0) {
    return { error: `entity ${id} (${schema}) has no properties.name` };
  }
  const aliases = [...strings(props.alias), ...strings(props.weakAlias), ...strings(props.previousName)];
  const rest = Object.fromEntries(Object.entries(props).filter(([k]) => !NAME_PROPS.has(k)));
  const caption = typeof obj.caption === 'string' && names.includes(obj.caption) ? obj.caption : names[0]!;
  return {
    input: {
      id: ftmEntityId(id),
      type,
      canonicalName: caption,
      names: [
        ...names
          .filter((n) => n !== caption)
          .map((value): EntityNameInput => ({ value, kind: 'translation' })),
        ...aliases.map((value): EntityNameInput => ({ value, kind: 'alias' })),
      ],
      sensitivity,
      metadata: {
        ftm: {
          id,
          schema,
          properties: rest,
          ...(Array.isArray(obj.datasets) ? { datasets: strings(obj.datasets) } : {}),
        },
      },
    },
  };
}

/** An entity as one FtM line: `name` holds its names, `alias` its aliases and pseudonyms. */
export function entityToFtm(
  e: StoredEntity,
  referents: string[],
): {
  id: string;
  schema: string;
  caption: string;
  properties: Record<string, unknown>;
  referents?: string[];
} {
  const ftm = (e.metadata.ftm ?? {}) as { schema?: unknown; properties?: Record<string, unknown> };
  const kept =
    typeof ftm.schema === 'string' && TYPE_OF_FTM_SCHEMA[ftm.schema] === e.type ? ftm.schema : undefined;
  const aliasKinds = new Set(['alias', 'pseudonym']);
  const name = [e.canonicalName, ...e.names.filter((n) => !aliasKinds.has(n.kind)).map((n) => n.value)];
  const alias = e.names.filter((n) => aliasKinds.has(n.kind)).map((n) => n.value);
  const properties: Record<string, unknown> = { ...(ftm.properties ?? {}), name: [...new Set(name)] };
  if (alias.length) {
    properties.alias = alias;
  }
  return {
    id: ftmIdOf(e),
    schema: kept ?? FTM_SCHEMA_OF_TYPE[e.type],
    caption: e.canonicalName,
    properties,
    ...(referents.length ? { referents } : {}),
  };
}

/**
 * Where the ingest writer's time goes inside PGlite. One database on disk; the same prepared
 * documents are written once per variant, each variant in a schema of its own, starting from the
 * bare insert of `ingest.bench.ts` and adding one piece of longarm's schema or writer at a time.
 * The last variants are the real migrated schema driven by the real store functions.
 * Usage: npx tsx bench/writer-costs.bench.ts [--docs 2000] [--rounds 2]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { toDocumentIdFromSha256, type DocumentId } from '../packages/core/src/domain/ids.ts';
import { listSearchTerms, foldText, toSearchText } from '../packages/core/src/domain/search-text.ts';
import { detectLanguage } from '../packages/core/src/pipeline/language.ts';
import { prepareDocument, type PreparedDocument } from '../packages/core/src/pipeline/prepare.ts';
import { parseDocument } from '../packages/core/src/pipeline/parse/parse.stage.ts';
import type { Db } from '../packages/core/src/store/db.ts';
import {
  insertDocumentFiles,
  insertDocuments,
  insertSearchTerms,
  listDocumentIdsBySha256,
  tsConfigFor,
  type NewDocument,
} from '../packages/core/src/store/documents.store.ts';
import { migrate } from '../packages/core/src/store/migrate.ts';
import { generateArticles } from './corpus.ts';

const arg = (name: string, fallback: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};
const DOCS = Number(arg('docs', '2000'));
const ROUNDS = Number(arg('rounds', '2'));
const ONLY = arg('only', '');
const CHUNK = 64;

const articles = generateArticles(DOCS);
const encoder = new TextEncoder();

// The CPU stage, timed piece by piece in this thread (what each worker thread does per document).
const cpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const cpu = { parse: 0, language: 0, searchText: 0, terms: 0, whole: 0 };
const prepared: { path: string; p: PreparedDocument }[] = [];
for (const a of articles) {
  const bytes = encoder.encode(a.text);
  const hints = { fileName: a.name, depth: 0 };
  let t = cpuMs();
  const parsed = await parseDocument(bytes, hints);
  cpu.parse += cpuMs() - t;
  t = cpuMs();
  await detectLanguage(`${parsed.title}\n${parsed.text.slice(0, 20_000)}`);
  cpu.language += cpuMs() - t;
  t = cpuMs();
  toSearchText(parsed.title);
  toSearchText(parsed.text);
  cpu.searchText += cpuMs() - t;
  t = cpuMs();
  listSearchTerms(foldText(`${parsed.title} ${parsed.text}`));
  cpu.terms += cpuMs() - t;
  t = cpuMs();
  prepared.push({ path: `files/${a.name}`, p: await prepareDocument({ bytes, hints }) });
  cpu.whole += cpuMs() - t;
}

const docs: NewDocument[] = prepared.map(({ p }) => ({
  id: toDocumentIdFromSha256(p.sha256),
  sha256: p.sha256,
  title: p.parsed.title,
  text: p.parsed.text,
  language: p.language,
  mediaType: p.parsed.mediaType,
  sourceKind: 'document',
  url: p.parsed.url,
  outlet: p.parsed.outlet,
  author: p.parsed.author,
  publishedAt: p.parsed.publishedAt,
  reliability: null,
  sensitivity: 'internal',
  byteSize: p.byteSize,
  metadata: p.parsed.metadata,
  searchTitle: p.searchTitle,
  searchText: p.searchText,
  searchRomanised: p.searchRomanised,
  parentId: null,
  pathInParent: null,
}));
const chunks: number[][] = [];
for (let i = 0; i < docs.length; i += CHUNK) {
  chunks.push(Array.from({ length: Math.min(CHUNK, docs.length - i) }, (_, k) => i + k));
}

const root = mkdtempSync(join(tmpdir(), 'longarm-writer-costs-'));
const pg = await PGlite.create({ dataDir: join(root, 'pg'), extensions: { pg_trgm, unaccent } });
await pg.exec('create extension if not exists pg_trgm; create extension if not exists unaccent;');

/** The store's Db surface over the one PGlite instance (what db.ts does, minus the folder lock). */
const wrap = (q: Pick<PGlite, 'query' | 'exec'>, inTx: boolean): Db => ({
  engine: 'pglite',
  query: async <T>(sql: string, params?: unknown[]) => (await q.query<T>(sql, params ?? [])).rows,
  exec: async (sql: string) => {
    await q.exec(sql);
  },
  transaction: <T>(fn: (tx: Db) => Promise<T>): Promise<T> =>
    inTx ? fn(wrap(q, true)) : pg.transaction((tx) => fn(wrap(tx, true))),
  close: () => Promise.resolve(),
});
const db = wrap(pg, false);

/** The search text as the writer had it before 0007: the pinyin tokens at the end, parsed too. */
const fullSearchText = (i: number): string =>
  [docs[i]?.searchText ?? '', ...(docs[i]?.searchRomanised ?? [])].join(' ');

const col = <K extends keyof NewDocument>(idx: number[], k: K): NewDocument[K][] =>
  idx.map((i) => docs[i]?.[k] as NewDocument[K]);

// Columns of the documents table beyond id/text, as the real migration declares them.
const DOC_COLUMNS = `sha256 text not null, title text not null default '', language text not null default 'und',
  media_type text not null, source_kind text not null default 'document', url text, outlet text, author text,
  published_at text check (published_at ~ '^\\d{4}(-\\d{2}(-\\d{2})?)?$'),
  reliability char(1) check (reliability in ('A','B','C','D','E','F')),
  sensitivity text not null default 'internal' check (sensitivity in ('public','internal','restricted','protected')),
  byte_size bigint not null, metadata jsonb not null default '{}', state text not null default 'indexed',
  created_at timestamptz not null default now(), ts_config regconfig not null default 'simple',
  parent_id text, path_in_parent text`;

const WEIGHTED = `setweight(to_tsvector(cfg::regconfig, st), 'A') || to_tsvector(cfg::regconfig, sx)`;
const wideInsert = (tsv: 'simple' | 'weighted', expr = WEIGHTED): string => `
  insert into documents (id, sha256, title, text, language, media_type, source_kind, url, outlet, author,
    published_at, sensitivity, byte_size, metadata, parent_id, path_in_parent, ts_config
    ${tsv === 'weighted' ? ', tsv' : ''})
  select id, sha256, title, text, language, media_type, 'document', null, null, null, published_at, 'internal',
         byte_size, metadata::jsonb, null, null, cfg::regconfig
         ${tsv === 'weighted' ? `, ${expr}` : ''}
    from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::bigint[],
                $9::text[], $10::text[], $11::text[], $12::text[])
      as x(id, sha256, title, text, language, media_type, published_at, byte_size, metadata, cfg, st, sx)
  on conflict (sha256) do nothing returning id`;
const wideParams = (idx: number[]): unknown[] => [
  col(idx, 'id'),
  col(idx, 'sha256'),
  col(idx, 'title'),
  col(idx, 'text'),
  col(idx, 'language'),
  col(idx, 'mediaType'),
  col(idx, 'publishedAt'),
  col(idx, 'byteSize'),
  idx.map((i) => JSON.stringify(docs[i]?.metadata ?? {})),
  idx.map((i) => tsConfigFor(docs[i]?.language ?? '')),
  col(idx, 'searchTitle'),
  idx.map((i) => fullSearchText(i)),
];
const filesInsert = `insert into document_files (document_id, path)
  select f.id, f.path from unnest($1::text[], $2::text[]) as f(id, path)
   where exists (select 1 from documents d where d.id = f.id) on conflict do nothing`;
const termsFor = (idx: number[]): string[] => idx.flatMap((i) => prepared[i]?.p.terms ?? []);

/** The documents insert of the store before 0007 (one unnest of arrays), with a choice of body tsvector. */
const unnestInsert = (body: string): string => `
  insert into documents (id, sha256, title, text, language, media_type, source_kind, url, outlet, author,
    published_at, reliability, sensitivity, byte_size, metadata, parent_id, path_in_parent, ts_config, tsv)
  select id, sha256, title, text, language, media_type, source_kind, url, outlet, author, published_at,
         reliability, sensitivity, byte_size, metadata::jsonb, parent_id, path_in_parent, ts_config::regconfig,
         setweight(to_tsvector(ts_config::regconfig, search_title), 'A') || ${body}
    from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
                $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::bigint[], $15::text[],
                $16::text[], $17::text[], $18::text[], $19::text[], $20::text[], $21::text[])
      as x(id, sha256, title, text, language, media_type, source_kind, url, outlet, author, published_at,
           reliability, sensitivity, byte_size, metadata, parent_id, path_in_parent, ts_config, search_title,
           search_text, search_romanised)
  on conflict (sha256) do nothing returning id`;
const unnestParams = (idx: number[], pinyin: 'full' | 'split'): unknown[] => [
  col(idx, 'id'),
  col(idx, 'sha256'),
  col(idx, 'title'),
  col(idx, 'text'),
  col(idx, 'language'),
  col(idx, 'mediaType'),
  col(idx, 'sourceKind'),
  col(idx, 'url'),
  col(idx, 'outlet'),
  col(idx, 'author'),
  col(idx, 'publishedAt'),
  col(idx, 'reliability'),
  col(idx, 'sensitivity'),
  col(idx, 'byteSize'),
  idx.map((i) => JSON.stringify(docs[i]?.metadata ?? {})),
  col(idx, 'parentId'),
  col(idx, 'pathInParent'),
  idx.map((i) => tsConfigFor(docs[i]?.language ?? '')),
  col(idx, 'searchTitle'),
  pinyin === 'full' ? idx.map(fullSearchText) : col(idx, 'searchText'),
  idx.map((i) => (pinyin === 'full' ? '' : (docs[i]?.searchRomanised ?? []).join(' '))),
];

interface Variant {
  name: string;
  ddl: string;
  /** Writes one chunk (document indexes) inside a transaction; `known` persists across chunks. */
  write: (tx: Db, idx: number[], known: Set<string>) => Promise<void>;
  /** Runs before the chunk's transaction (the ingest loop's duplicate lookup). */
  before?: (idx: number[]) => Promise<void>;
  /** The real migrated schema instead of `ddl`. */
  migrated?: boolean;
  /** Run after the migrations (schema changes under test). */
  after?: string;
}

const BARE = `create table documents (id text primary key, text text not null,
  tsv tsvector generated always as (to_tsvector('simple', text)) stored);
  create index documents_tsv_idx on documents using gin (tsv);`;
const WIDE = (tsv: 'generated' | 'plain', indexes: boolean, files: boolean, terms: boolean): string => `
  create table documents (id text primary key, text text not null, ${DOC_COLUMNS},
    tsv tsvector ${tsv === 'generated' ? "generated always as (to_tsvector('simple', text)) stored" : "not null default ''::tsvector"});
  create unique index documents_sha256_key on documents (sha256);
  create index documents_tsv_idx on documents using gin (tsv);
  ${
    indexes
      ? `create index documents_language_idx on documents (language);
         create index documents_published_idx on documents (published_at);
         create index documents_parent_idx on documents (parent_id);
         alter table documents add foreign key (parent_id) references documents(id) on delete cascade;`
      : ''
  }
  ${
    files
      ? `create table document_files (document_id text not null references documents(id) on delete cascade,
           path text not null, first_seen timestamptz not null default now(), primary key (document_id, path));`
      : ''
  }
  ${
    terms
      ? `create table search_terms (term text primary key, romanised text not null, doc_count integer not null default 0);
         create index search_terms_trgm_idx on search_terms using gin (romanised gin_trgm_ops);`
      : ''
  }`;

const wide = async (tx: Db, idx: number[]): Promise<void> => {
  await tx.query(wideInsert('weighted'), wideParams(idx));
};
// The 'simple' form (tsv generated from the text) binds only the first ten arrays.
const wideSimple = wideInsert('simple')
  .replace(', $11::text[], $12::text[]', '')
  .replace(', cfg, st, sx)', ', cfg)');
const writeSimple = async (tx: Db, idx: number[]): Promise<void> => {
  await tx.query(wideSimple, wideParams(idx).slice(0, 10));
};

/** The tsvector alone, other expressions (same table as the '+ tsv' step). */
const tsvAlternative = (name: string, expr: string): Variant => ({
  name: `tsv alternative: ${name}`,
  ddl: WIDE('plain', false, false, false),
  write: async (tx, idx) => {
    await tx.query(wideInsert('weighted', expr), wideParams(idx));
  },
});

/** The '+ tsv' step with the GIN index changed (`gin`: what follows `using gin (tsv)`, or no index). */
const ginAlternative = (name: string, gin: string | null): Variant => ({
  name: `gin alternative: ${name}`,
  ddl: WIDE('plain', false, false, false).replace(
    'create index documents_tsv_idx on documents using gin (tsv);',
    gin === null ? '' : `create index documents_tsv_idx on documents using gin (tsv) ${gin};`,
  ),
  write: (tx, idx) => wide(tx, idx),
});

const realStore: Variant = {
  name: 'real schema + store functions (all migrations)',
  ddl: '',
  migrated: true,
  before: async (idx) => {
    await listDocumentIdsBySha256(db, col(idx, 'sha256'));
  },
  write: async (tx, idx, known) => {
    const batch = idx.map((i) => docs[i] as NewDocument);
    await insertDocuments(tx, batch);
    await insertDocumentFiles(
      tx,
      idx.map((i) => ({ id: docs[i]?.id as DocumentId, path: prepared[i]?.path ?? '' })),
    );
    await insertSearchTerms(tx, termsFor(idx), known);
  },
};

const VARIANTS: Variant[] = [
  {
    name: 'bare: row by row (as ingest.bench.ts)',
    ddl: BARE,
    write: async (tx, idx) => {
      for (const i of idx) {
        await tx.query('insert into documents (id, text) values ($1, $2)', [docs[i]?.id, docs[i]?.text]);
      }
    },
  },
  {
    name: 'bare: one unnest statement per chunk',
    ddl: BARE,
    write: async (tx, idx) => {
      await tx.query('insert into documents (id, text) select * from unnest($1::text[], $2::text[])', [
        col(idx, 'id'),
        col(idx, 'text'),
      ]);
    },
  },
  {
    name: '+ all columns, checks, jsonb, sha256 unique',
    ddl: WIDE('generated', false, false, false),
    write: writeSimple,
  },
  {
    name: '+ tsv: weighted title, own stemmer, search text',
    ddl: WIDE('plain', false, false, false),
    write: (tx, idx) => wide(tx, idx),
  },
  {
    name: '+ language, published_at, parent_id indexes + parent FK',
    ddl: WIDE('plain', true, false, false),
    write: (tx, idx) => wide(tx, idx),
  },
  {
    name: '+ document_files rows (FK, exists check)',
    ddl: WIDE('plain', true, true, false),
    write: async (tx, idx) => {
      await wide(tx, idx);
      await tx.query(filesInsert, [col(idx, 'id'), idx.map((i) => prepared[i]?.path)]);
    },
  },
  {
    name: '+ search_terms upsert (trigram GIN)',
    ddl: WIDE('plain', true, true, true),
    write: async (tx, idx, known) => {
      await wide(tx, idx);
      await tx.query(filesInsert, [col(idx, 'id'), idx.map((i) => prepared[i]?.path)]);
      await insertSearchTerms(tx, termsFor(idx), known);
    },
  },
  {
    name: '+ duplicate lookup by sha256 per chunk',
    ddl: WIDE('plain', true, true, true),
    before: async (idx) => {
      await listDocumentIdsBySha256(db, col(idx, 'sha256'));
    },
    write: async (tx, idx, known) => {
      await wide(tx, idx);
      await tx.query(filesInsert, [col(idx, 'id'), idx.map((i) => prepared[i]?.path)]);
      await insertSearchTerms(tx, termsFor(idx), known);
    },
  },
  {
    name: 'real schema, documents insert as before (unnest, pinyin parsed)',
    ddl: '',
    migrated: true,
    before: async (idx) => {
      await listDocumentIdsBySha256(db, col(idx, 'sha256'));
    },
    write: async (tx, idx, known) => {
      await tx.query(
        unnestInsert('to_tsvector(ts_config::regconfig, search_text)'),
        unnestParams(idx, 'full'),
      );
      await insertDocumentFiles(
        tx,
        idx.map((i) => ({ id: docs[i]?.id as DocumentId, path: prepared[i]?.path ?? '' })),
      );
      await insertSearchTerms(tx, termsFor(idx), known);
    },
  },
  {
    name: 'real schema, unnest, pinyin as array_to_tsvector',
    ddl: '',
    migrated: true,
    before: async (idx) => {
      await listDocumentIdsBySha256(db, col(idx, 'sha256'));
    },
    write: async (tx, idx, known) => {
      await tx.query(
        unnestInsert(
          "to_tsvector(ts_config::regconfig, search_text) || array_to_tsvector(string_to_array(search_romanised, ' '))",
        ),
        unnestParams(idx, 'split'),
      );
      await insertDocumentFiles(
        tx,
        idx.map((i) => ({ id: docs[i]?.id as DocumentId, path: prepared[i]?.path ?? '' })),
      );
      await insertSearchTerms(tx, termsFor(idx), known);
    },
  },
  realStore,
  ...(
    [
      ['tsv stored uncompressed', 'alter table documents alter column tsv set storage external;'],
      ['text stored uncompressed', 'alter table documents alter column text set storage external;'],
      [
        'tsv and text stored uncompressed',
        'alter table documents alter column tsv set storage external, alter column text set storage external;',
      ],
      [
        'without language, published_at indexes',
        'drop index documents_language_idx; drop index documents_published_idx;',
      ],
    ] as const
  ).map(([name, after]) => ({ ...realStore, name: `real store, ${name}`, after })),
  tsvAlternative('simple on text (as bare)', "to_tsvector('simple', text)"),
  tsvAlternative('simple on search text', "to_tsvector('simple', sx)"),
  tsvAlternative('own stemmer on text', 'to_tsvector(cfg::regconfig, text)'),
  tsvAlternative('own stemmer on search text', 'to_tsvector(cfg::regconfig, sx)'),
  tsvAlternative(
    'weighted simple title || simple search text',
    "setweight(to_tsvector('simple', st), 'A') || to_tsvector('simple', sx)",
  ),
  ginAlternative('no GIN index at all', null),
  ginAlternative('fastupdate off', 'with (fastupdate = off)'),
  ginAlternative('pending list 16 MB', 'with (gin_pending_list_limit = 16384)'),
  {
    name: 'tsvector computed only (select, no insert)',
    ddl: 'select 1',
    write: async (tx, idx) => {
      await tx.query(
        `select sum(length(${WEIGHTED})) from unnest($1::text[], $2::text[], $3::text[]) as x(cfg, st, sx)`,
        [
          idx.map((i) => tsConfigFor(docs[i]?.language ?? '')),
          col(idx, 'searchTitle'),
          idx.map(fullSearchText),
        ],
      );
    },
  },
];

const results = new Map<string, number[]>();
for (let round = 0; round < ROUNDS; round++) {
  for (const [v, variant] of VARIANTS.entries()) {
    if (ONLY && !variant.name.includes(ONLY)) {
      continue;
    }
    const schema = `v${v}_r${round}`;
    await pg.exec(`create schema ${schema}; set search_path to ${schema}, public;`);
    if (variant.migrated) {
      await migrate(db);
      await pg.exec(variant.after ?? '');
    } else {
      await pg.exec(variant.ddl);
    }
    await pg.exec('checkpoint');
    const known = new Set<string>();
    // CPU time of this process (PGlite runs in this thread), so that other load on the machine
    // does not count; the machine this runs on is often shared.
    const started = process.cpuUsage();
    for (const idx of chunks) {
      await variant.before?.(idx);
      await db.transaction((tx) => variant.write(tx, idx, known));
    }
    const used = process.cpuUsage(started);
    const ms = (used.user + used.system) / 1000 / DOCS;
    results.set(variant.name, [...(results.get(variant.name) ?? []), ms]);
    await pg.exec(`set search_path to public; drop schema ${schema} cascade;`);
  }
}
await pg.close();
rmSync(root, { recursive: true, force: true });

const best = (name: string): number => Math.min(...(results.get(name) ?? [Number.NaN]));
const bareMs = best(VARIANTS[0]?.name ?? '') || 1;
const lines = [
  `writer costs: ${DOCS} generated articles, chunks of ${CHUNK}, ${ROUNDS} round(s), CPU ms of the writer thread, best round shown, node ${process.version}`,
  '',
  '| variant (cumulative) | ms/doc | × bare |',
  '|---|---|---|',
  ...VARIANTS.filter((v) => results.has(v.name)).map(
    (v) => `| ${v.name} | ${best(v.name).toFixed(3)} | ${(best(v.name) / bareMs).toFixed(2)} |`,
  ),
  '',
  'CPU stage in one thread (ms/doc): ' +
    Object.entries(cpu)
      .map(([k, v]) => `${k} ${(v / DOCS).toFixed(3)}`)
      .join(', '),
  '',
];
process.stdout.write(lines.join('\n'));

/**
 * First schema. Text search runs on `tsv`, built at insert time from search text that TypeScript
 * folds and CJK-segments (unaccent is not immutable, so it cannot sit in a generated column). Each
 * document is indexed with the `simple` configuration (exact words, any language) and, where one
 * exists, the stemming configuration of its own language.
 */
export const INIT_SQL = /* sql */ `
create extension if not exists pg_trgm;
create extension if not exists unaccent;

create table documents (
  id            text primary key,
  sha256        text not null unique,
  title         text not null default '',
  text          text not null,
  language      text not null default 'und',
  media_type    text not null,
  source_kind   text not null default 'document',
  url           text,
  outlet        text,
  author        text,
  published_at  text check (published_at ~ '^\\d{4}(-\\d{2}(-\\d{2})?)?$'),
  reliability   char(1) check (reliability in ('A','B','C','D','E','F')),
  sensitivity   text not null default 'internal' check (sensitivity in ('public','internal','restricted','protected')),
  byte_size     bigint not null,
  metadata      jsonb not null default '{}',
  state         text not null default 'indexed',
  created_at    timestamptz not null default now(),
  ts_config     regconfig not null default 'simple',
  -- Filled by the insert from the folded, CJK-segmented search text (which is not stored twice).
  tsv           tsvector not null default ''::tsvector
);
create index documents_tsv_idx on documents using gin (tsv);
create index documents_language_idx on documents (language);
create index documents_published_idx on documents (published_at);

-- Every path under which a document's bytes were seen (the same file may arrive many times).
create table document_files (
  document_id  text not null references documents(id) on delete cascade,
  path         text not null,
  first_seen   timestamptz not null default now(),
  primary key (document_id, path)
);

-- Words of the corpus, romanised and lower-cased, for typo-tolerant search with trigrams.
create table search_terms (
  term       text primary key,
  romanised  text not null,
  doc_count  integer not null default 0
);
create index search_terms_trgm_idx on search_terms using gin (romanised gin_trgm_ops);

create table entities (
  id               text primary key,
  type             text not null check (type in ('person','organization','public_body','facility','channel','campaign','place','other')),
  canonical_name   text not null,
  sensitivity      text not null default 'internal',
  is_pseudonymous  boolean not null default false,
  metadata         jsonb not null default '{}',
  created_at       timestamptz not null default now()
);

create table entity_names (
  entity_id  text not null references entities(id) on delete cascade,
  value      text not null,
  lang       text,
  script     text not null,
  kind       text not null default 'alias',
  romanised  text not null,
  primary key (entity_id, value)
);
create index entity_names_trgm_idx on entity_names using gin (romanised gin_trgm_ops);

create table mentions (
  id           text primary key,
  document_id  text not null references documents(id) on delete cascade,
  entity_id    text references entities(id) on delete set null,
  type         text not null,
  text         text not null,
  span_start   integer not null,
  span_end     integer not null check (span_end >= span_start),
  extractor    text not null,
  created_at   timestamptz not null default now()
);
create index mentions_document_idx on mentions (document_id);
create index mentions_entity_idx on mentions (entity_id);

create table incidents (
  id              text primary key,
  title           text not null,
  summary         text not null default '',
  type            text not null default 'tnr_incident',
  start_date      text,
  end_date        text,
  date_precision  text,
  origin_states   text[] not null default '{}',
  host_country    text,
  sensitivity     text not null default 'internal',
  created_at      timestamptz not null default now()
);

create table acts (
  id           text primary key,
  incident_id  text not null references incidents(id) on delete cascade,
  tactic       text not null,
  target_ids   text[] not null default '{}',
  outcome      text not null default 'unknown'
);

create table involvements (
  id        text primary key,
  act_id    text not null references acts(id) on delete cascade,
  actor_id  text not null references entities(id),
  role      text not null
);

create table facilities (
  id           text primary key,
  type         text not null,
  name         text not null,
  address      text,
  city         text,
  country      char(2),
  lat          double precision,
  lon          double precision,
  operator_id  text references entities(id),
  sensitivity  text not null default 'internal',
  created_at   timestamptz not null default now()
);

create table responses (
  id              text primary key,
  code            text not null,
  responder_id    text references entities(id),
  responder_name  text not null,
  date            text,
  incident_id     text references incidents(id) on delete cascade,
  facility_id     text references facilities(id) on delete cascade
);

-- Claims are append-only: conflicting values stay side by side.
create table claims (
  id            text primary key,
  subject_kind  text not null,
  subject_id    text not null,
  property      text not null,
  value         jsonb not null,
  stance        text not null default 'asserts',
  asserted_by   text,
  document_id   text references documents(id),
  span_start    integer,
  span_end      integer,
  credibility   smallint not null default 6 check (credibility between 1 and 6),
  status        text not null default 'unverified',
  created_at    timestamptz not null default now(),
  check ((span_start is null) = (span_end is null))
);
create index claims_subject_idx on claims (subject_kind, subject_id);

-- One row per ingest run, with the full report (ingested, duplicates, failed).
create table ingest_runs (
  id           text primary key,
  command      text not null,
  started_at   timestamptz not null default now(),
  finished_at  timestamptz,
  report       jsonb not null default '{}'
);
`;

/**
 * Entity resolution: blocking keys per entity name (candidate generation never compares all
 * pairs), scored candidate pairs for the review queue, judgements as records, and merges kept as
 * a log so that a split restores exactly what the merge moved.
 */
export const RESOLUTION_SQL = /* sql */ `
alter table entities add column merged_into text references entities(id);
-- Null while the entity's candidate pairs have not been computed since its names last changed.
alter table entities add column resolved_at timestamptz;
create index entities_merged_into_idx on entities (merged_into) where merged_into is not null;
create index entities_unresolved_idx on entities (id) where resolved_at is null;

-- Blocking keys of every entity name (see core/src/names/blocking.ts for the kinds).
-- No primary key: rows are written once per newly stored name, and bulk loads stay fast.
create table entity_name_keys (
  entity_id   text not null references entities(id) on delete cascade,
  name_value  text not null,
  key         text not null,
  kind        text not null
);
create index entity_name_keys_key_idx on entity_name_keys (key, entity_id);
create index entity_name_keys_entity_idx on entity_name_keys (entity_id, name_value);

-- Pairs worth a reviewer's look, scored by the name matcher (left_id < right_id).
create table entity_candidates (
  left_id      text not null references entities(id) on delete cascade,
  right_id     text not null references entities(id) on delete cascade,
  score        real not null,
  explanation  jsonb not null,
  computed_at  timestamptz not null default now(),
  primary key (left_id, right_id),
  check (left_id < right_id)
);
create index entity_candidates_score_idx on entity_candidates (score desc, left_id, right_id);
create index entity_candidates_right_idx on entity_candidates (right_id);

create table entity_judgements (
  id           text primary key,
  left_id      text not null references entities(id) on delete cascade,
  right_id     text not null references entities(id) on delete cascade,
  verdict      text not null check (verdict in ('same', 'different', 'unsure')),
  score        real,
  explanation  jsonb not null default '{}'::jsonb,
  decided_by   text not null,
  decided_at   timestamptz not null default now(),
  note         text
);
create index entity_judgements_pair_idx on entity_judgements (least(left_id, right_id), greatest(left_id, right_id));

-- One row per merge; a split stamps split_at and moves back exactly the names and mentions listed.
create table entity_merges (
  id             text primary key,
  winner_id      text not null references entities(id) on delete cascade,
  loser_id       text not null references entities(id) on delete cascade,
  judgement_id   text references entity_judgements(id) on delete set null,
  moved_names    text[] not null default '{}',
  moved_mentions text[] not null default '{}',
  merged_by      text not null,
  merged_at      timestamptz not null default now(),
  split_by       text,
  split_at       timestamptz
);
create index entity_merges_loser_idx on entity_merges (loser_id) where split_at is null;
`;

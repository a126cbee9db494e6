/**
 * Scale-out ingest on PostgreSQL: one row per file of a run (queued until a worker settles it), and
 * the originals themselves, so that `longarm worker` processes on other machines can read them.
 */
export const INGEST_QUEUE_SQL = /* sql */ `
create table ingest_run_items (
  run_id      text not null references ingest_runs(id) on delete cascade,
  path        text not null,
  state       text not null default 'queued' check (state in ('queued', 'ingested', 'duplicate', 'failed')),
  sha256      text,
  outcome     jsonb,
  worker      text,
  updated_at  timestamptz not null default now(),
  primary key (run_id, path)
);
create index ingest_run_items_queued_idx on ingest_run_items (run_id) where state = 'queued';

create table blob_data (
  sha256      text primary key,
  bytes       bytea not null,
  created_at  timestamptz not null default now()
);
`;

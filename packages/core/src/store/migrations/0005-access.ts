/**
 * Two-factor secrets, session activity, and the audit log: a hash chain (each row's HMAC covers the
 * previous row's) with signed checkpoints that can be copied somewhere the database's users cannot
 * reach.
 */
export const ACCESS_SQL = /* sql */ `
alter table users add column totp_secret text;
alter table users add column totp_pending text;
alter table sessions add column last_seen timestamptz not null default now();

create table audit_log (
  seq          bigint primary key,
  at           timestamptz not null,
  actor        text not null,
  action       text not null,
  record_kind  text,
  record_id    text,
  details      jsonb not null default '{}'::jsonb,
  prev_hash    text not null,
  hash         text not null
);

create table audit_checkpoints (
  seq        bigint primary key,
  hash       text not null,
  at         timestamptz not null,
  signature  text not null
);
`;

/**
 * API tokens for scripts: stored as SHA-256 hashes, bound to an account, scoped and expiring. And
 * the last TOTP time step each account used, so that a code cannot be replayed.
 */
export const API_TOKENS_SQL = /* sql */ `
alter table users add column totp_last_step bigint;

create table api_tokens (
  id          text primary key,
  token_hash  text not null unique,
  user_id     text not null references users(id) on delete cascade,
  scope       text not null check (scope in ('read', 'write')),
  label       text,
  created_at  timestamptz not null default now(),
  expires_at  timestamptz not null,
  last_used   timestamptz
);
create index api_tokens_user_idx on api_tokens (user_id);
`;

/** Accounts, sessions (stored as hashes of their tokens) and failed logins for throttling. */
export const ACCOUNTS_SQL = /* sql */ `
create table users (
  id             text primary key,
  email          text not null unique check (email = lower(email)),
  password_hash  text not null,
  role           text not null check (role in ('owner', 'admin', 'analyst', 'reviewer', 'viewer')),
  disabled       boolean not null default false,
  created_at     timestamptz not null default now()
);

create table sessions (
  token_hash   text primary key,
  user_id      text not null references users(id) on delete cascade,
  created_at   timestamptz not null default now(),
  expires_at   timestamptz not null
);
create index sessions_user_idx on sessions (user_id);

create table login_failures (
  key  text not null,
  at   timestamptz not null default now()
);
create index login_failures_key_idx on login_failures (key, at);
`;

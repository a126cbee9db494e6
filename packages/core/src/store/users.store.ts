import { createHash } from 'node:crypto';
import type { ApiToken, Role, TokenScope, User } from '../domain/account.ts';
import type { Db } from './db.ts';

interface UserRow {
  id: string;
  email: string;
  role: string;
  disabled: boolean;
  created_at: string | Date;
  password_hash: string;
  totp_secret?: string | null;
  totp_pending?: string | null;
}

const toUser = (r: UserRow): User => ({
  id: r.id,
  email: r.email,
  role: r.role as Role,
  disabled: r.disabled,
  createdAt: new Date(r.created_at).toISOString(),
  twoFactor: (r.totp_secret ?? null) !== null,
});

/** Session tokens are stored hashed: a copy of the table opens no session. */
export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

/** Returns false when the e-mail address is taken. */
export async function insertUser(
  db: Db,
  u: { id: string; email: string; role: Role; passwordHash: string },
): Promise<boolean> {
  const rows = await db.query<{ id: string }>(
    'insert into users (id, email, role, password_hash) values ($1, $2, $3, $4) on conflict (email) do nothing returning id',
    [u.id, u.email, u.role, u.passwordHash],
  );
  return rows.length > 0;
}

export async function findUserByEmail(
  db: Db,
  email: string,
): Promise<(User & { passwordHash: string; totpSecret: string | null }) | undefined> {
  const rows = await db.query<UserRow>('select * from users where email = $1', [email]);
  const r = rows[0];
  return r ? { ...toUser(r), passwordHash: r.password_hash, totpSecret: r.totp_secret ?? null } : undefined;
}

export async function findTotpState(
  db: Db,
  userId: string,
): Promise<{ user: User; secret: string | null; pending: string | null } | undefined> {
  const r = (await db.query<UserRow>('select * from users where id = $1', [userId]))[0];
  return r ? { user: toUser(r), secret: r.totp_secret ?? null, pending: r.totp_pending ?? null } : undefined;
}

/** Forgets an account's authenticator and ends its sessions, so that it must enrol again. */
export async function clearTotp(db: Db, userId: string): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query(
      'update users set totp_secret = null, totp_pending = null, totp_last_step = null where id = $1',
      [userId],
    );
    await tx.query('delete from sessions where user_id = $1', [userId]);
  });
}

export async function setTotpPending(db: Db, userId: string, secret: string): Promise<void> {
  await db.query('update users set totp_pending = $2 where id = $1', [userId, secret]);
}

/**
 * Records that a TOTP time step was used; false when it (or a later one) was used already, which
 * makes a replayed code fail.
 */
export async function useTotpStep(db: Db, userId: string, step: number): Promise<boolean> {
  const rows = await db.query(
    `update users set totp_last_step = $2
      where id = $1 and (totp_last_step is null or totp_last_step < $2) returning id`,
    [userId, step],
  );
  return rows.length > 0;
}

/** Makes the pending secret the active one. */
export async function activateTotp(db: Db, userId: string): Promise<void> {
  await db.query('update users set totp_secret = totp_pending, totp_pending = null where id = $1', [userId]);
}

export async function listUsers(db: Db): Promise<User[]> {
  return (await db.query<UserRow>('select * from users order by created_at')).map(toUser);
}

export async function insertSession(db: Db, tokenHash: string, userId: string, hours: number): Promise<void> {
  await db.query(
    `insert into sessions (token_hash, user_id, expires_at) values ($1, $2, now() + make_interval(hours => $3))`,
    [tokenHash, userId, hours],
  );
}

/** The user of a live session (neither expired nor idle too long); marks it seen. */
export async function findSessionUser(
  db: Db,
  tokenHash: string,
  idleMinutes: number,
): Promise<User | undefined> {
  const rows = await db.query<UserRow>(
    `with live as (
       update sessions set last_seen = now()
        where token_hash = $1 and expires_at > now() and last_seen > now() - make_interval(mins => $2)
        returning user_id)
     select u.* from live join users u on u.id = live.user_id where not u.disabled`,
    [tokenHash, idleMinutes],
  );
  return rows[0] ? toUser(rows[0]) : undefined;
}

export async function deleteSession(db: Db, tokenHash: string): Promise<void> {
  await db.query('delete from sessions where token_hash = $1', [tokenHash]);
}

export async function insertLoginFailures(db: Db, keys: string[]): Promise<void> {
  await db.query('insert into login_failures (key) select unnest($1::text[])', [keys]);
}

/** Failures per key within the last `minutes`; older rows are dropped on the way. */
export async function countRecentFailures(db: Db, keys: string[], minutes: number): Promise<number> {
  await db.query(`delete from login_failures where at < now() - make_interval(mins => $1)`, [minutes]);
  const rows = await db.query<{ n: number | string }>(
    `select coalesce(max(n), 0) as n from (
       select count(*) as n from login_failures where key = any($1::text[]) group by key) x`,
    [keys],
  );
  return Number(rows[0]?.n ?? 0);
}

export async function findUserById(db: Db, id: string): Promise<User | undefined> {
  const r = (await db.query<UserRow>('select * from users where id = $1', [id]))[0];
  return r ? toUser(r) : undefined;
}

interface TokenRow {
  id: string;
  user_id: string;
  email: string;
  scope: string;
  label: string | null;
  created_at: string | Date;
  expires_at: string | Date;
  last_used: string | Date | null;
}

const toToken = (r: TokenRow): ApiToken => ({
  id: r.id,
  userId: r.user_id,
  email: r.email,
  scope: r.scope as TokenScope,
  label: r.label,
  createdAt: new Date(r.created_at).toISOString(),
  expiresAt: new Date(r.expires_at).toISOString(),
  lastUsed: r.last_used ? new Date(r.last_used).toISOString() : null,
});

export async function insertToken(
  db: Db,
  t: { id: string; tokenHash: string; userId: string; scope: TokenScope; label: string | null; days: number },
): Promise<void> {
  await db.query(
    `insert into api_tokens (id, token_hash, user_id, scope, label, expires_at)
     values ($1, $2, $3, $4, $5, now() + make_interval(days => $6))`,
    [t.id, t.tokenHash, t.userId, t.scope, t.label, t.days],
  );
}

export async function listTokens(db: Db): Promise<ApiToken[]> {
  return (
    await db.query<TokenRow>(
      `select t.*, u.email from api_tokens t join users u on u.id = t.user_id order by t.created_at`,
    )
  ).map(toToken);
}

/** The account and scope of a live token; marks it used. */
export async function findTokenUser(
  db: Db,
  tokenHash: string,
): Promise<{ user: User; scope: TokenScope } | undefined> {
  const rows = await db.query<UserRow & { scope: string }>(
    `with live as (
       update api_tokens set last_used = now() where token_hash = $1 and expires_at > now()
       returning user_id, scope)
     select u.*, live.scope from live join users u on u.id = live.user_id where not u.disabled`,
    [tokenHash],
  );
  const r = rows[0];
  return r ? { user: toUser(r), scope: r.scope as TokenScope } : undefined;
}

/** Returns false when there is no such token. */
export async function deleteToken(db: Db, id: string): Promise<boolean> {
  return (await db.query('delete from api_tokens where id = $1 returning id', [id])).length > 0;
}

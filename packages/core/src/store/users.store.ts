import { createHash } from 'node:crypto';
import type { Role, User } from '../domain/account.ts';
import type { Db } from './db.ts';

interface UserRow {
  id: string;
  email: string;
  role: string;
  disabled: boolean;
  created_at: string | Date;
  password_hash: string;
}

const toUser = (r: UserRow): User => ({
  id: r.id,
  email: r.email,
  role: r.role as Role,
  disabled: r.disabled,
  createdAt: new Date(r.created_at).toISOString(),
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
): Promise<(User & { passwordHash: string }) | undefined> {
  const rows = await db.query<UserRow>('select * from users where email = $1', [email]);
  const r = rows[0];
  return r ? { ...toUser(r), passwordHash: r.password_hash } : undefined;
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

export async function findSessionUser(db: Db, tokenHash: string): Promise<User | undefined> {
  const rows = await db.query<UserRow>(
    `select u.* from sessions s join users u on u.id = s.user_id
      where s.token_hash = $1 and s.expires_at > now() and not u.disabled`,
    [tokenHash],
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

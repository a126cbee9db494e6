import { randomBytes } from 'node:crypto';
import { argon2id, argon2Verify } from 'hash-wasm';
import {
  isRole,
  LOGIN_WINDOW_MINUTES,
  MAX_LOGIN_FAILURES,
  MIN_PASSWORD_LENGTH,
  ROLES,
  SESSION_HOURS,
  type User,
} from '../domain/account.ts';
import { AppError, invalidInput } from '../domain/errors.ts';
import type { Db } from '../store/db.ts';
import {
  countRecentFailures,
  deleteSession,
  findSessionUser,
  findUserByEmail,
  hashToken,
  insertLoginFailures,
  insertSession,
  insertUser,
  listUsers,
} from '../store/users.store.ts';

/** Argon2id with OWASP's baseline cost (19 MiB, 2 passes); the encoded form carries salt and cost. */
const hashPassword = (password: string): Promise<string> =>
  argon2id({
    password,
    salt: randomBytes(16),
    parallelism: 1,
    iterations: 2,
    memorySize: 19_456,
    hashLength: 32,
    outputType: 'encoded',
  });

export interface AccountsService {
  /** @throws invalid_input (e-mail, role, short password) or conflict (e-mail taken) */
  addUser(input: { email: string; role: string; password: string }): Promise<User>;
  listUsers(): Promise<User[]>;
  /**
   * A new session for the right password. Failures count per account and per address; more than
   * MAX_LOGIN_FAILURES in the window answer rate_limited until old failures age out (never a
   * permanent lock, which a hostile party could use to shut staff out).
   * @throws unauthorized | rate_limited
   */
  login(input: { email: string; password: string; address: string }): Promise<{ token: string; user: User }>;
  /** The user behind a session token, if the session is live. */
  sessionUser(token: string): Promise<User | undefined>;
  logout(token: string): Promise<void>;
}

export function createAccountsService({ db }: { db: Db }): AccountsService {
  // Verifying against a real hash when the account does not exist keeps both answers equally slow.
  let decoy: Promise<string> | undefined;
  return {
    async addUser({ email, role, password }) {
      const normalised = email.trim().toLowerCase();
      if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(normalised)) {
        throw invalidInput(`"${email}" is not an e-mail address`);
      }
      if (!isRole(role)) {
        throw invalidInput(`unknown role "${role}"; use one of ${ROLES.join(', ')}`);
      }
      if (password.length < MIN_PASSWORD_LENGTH) {
        throw invalidInput(`the password is too short: use at least ${MIN_PASSWORD_LENGTH} characters`);
      }
      const id = `usr_${randomBytes(12).toString('hex')}`;
      if (
        !(await insertUser(db, { id, email: normalised, role, passwordHash: await hashPassword(password) }))
      ) {
        throw new AppError('conflict', `an account for ${normalised} exists already`);
      }
      const user = (await listUsers(db)).find((u) => u.id === id);
      if (!user) {
        throw new Error('the new account was not found after insert');
      }
      return user;
    },
    listUsers: () => listUsers(db),
    async login({ email, password, address }) {
      const normalised = email.trim().toLowerCase();
      const keys = [`account:${normalised}`, `address:${address}`];
      if ((await countRecentFailures(db, keys, LOGIN_WINDOW_MINUTES)) >= MAX_LOGIN_FAILURES) {
        throw new AppError(
          'rate_limited',
          `too many failed logins for this account or address; try again within ${LOGIN_WINDOW_MINUTES} minutes`,
        );
      }
      const user = await findUserByEmail(db, normalised);
      const hash = user?.passwordHash ?? (await (decoy ??= hashPassword(randomBytes(16).toString('hex'))));
      const ok = (await argon2Verify({ password, hash })) && user !== undefined && !user.disabled;
      if (!ok || !user) {
        await insertLoginFailures(db, keys);
        throw new AppError('unauthorized', 'wrong e-mail address or password');
      }
      const token = randomBytes(32).toString('base64url');
      await insertSession(db, hashToken(token), user.id, SESSION_HOURS);
      const { passwordHash, ...plain } = user;
      void passwordHash;
      return { token, user: plain };
    },
    sessionUser: (token) => findSessionUser(db, hashToken(token)),
    logout: (token) => deleteSession(db, hashToken(token)),
  };
}

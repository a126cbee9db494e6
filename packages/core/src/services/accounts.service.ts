import { randomBytes, timingSafeEqual } from 'node:crypto';
import { argon2id } from 'hash-wasm';
import { Secret, TOTP } from 'otpauth';
import {
  ANONYMOUS_VIEWER,
  isRole,
  LOCAL_VIEWER,
  LOGIN_WINDOW_MINUTES,
  MAX_LOGIN_FAILURES,
  MIN_PASSWORD_LENGTH,
  ROLES,
  SESSION_HOURS,
  SESSION_IDLE_MINUTES,
  MAX_TOKEN_DAYS,
  TOKEN_SCOPES,
  TWO_FACTOR_ROLES,
  mustEnrolTwoFactor,
  type ApiToken,
  type TokenScope,
  type User,
  type Viewer,
} from '../domain/account.ts';
import { AppError, invalidInput } from '../domain/errors.ts';
import type { Db } from '../store/db.ts';
import type { AuditService } from './audit.service.ts';
import {
  activateTotp,
  countRecentFailures,
  deleteToken,
  findTokenUser,
  findUserById,
  insertToken,
  listTokens,
  findTotpState,
  setTotpPending,
  useTotpStep,
  deleteSession,
  findSessionUser,
  findUserByEmail,
  hashToken,
  insertLoginFailures,
  insertSession,
  insertUser,
  listUsers,
  clearTotp,
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

/** Length in bytes of a generated first-run password (32 base64url characters). */
const FIRST_OWNER_PASSWORD_BYTES = 24;

const totpFor = (email: string, secret: string): TOTP =>
  new TOTP({
    issuer: 'longarm',
    label: email,
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    secret: Secret.fromBase32(secret),
  });

/**
 * The 30-second time step a code belongs to, accepting one step either side of now for clocks
 * that drift; undefined when it matches none.
 */
function codeStep(email: string, secret: string, code: string | undefined): number | undefined {
  if (code === undefined || !/^\d{6}$/.test(code)) {
    return undefined;
  }
  const delta = totpFor(email, secret).validate({ token: code, window: 1 });
  return delta === null ? undefined : Math.floor(Date.now() / 30_000) + delta;
}

const ENCODED = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/;

/**
 * Recomputes the hash with the stored salt and cost and compares in constant time (the library's
 * own verify compares strings with ===).
 */
async function verifyPassword(password: string, encoded: string): Promise<boolean> {
  const m = ENCODED.exec(encoded);
  if (!m) {
    return false;
  }
  const [, memorySize, iterations, parallelism, salt, hash] = m;
  const expected = Buffer.from(hash ?? '', 'base64');
  const actual = await argon2id({
    password,
    salt: Buffer.from(salt ?? '', 'base64'),
    memorySize: Number(memorySize),
    iterations: Number(iterations),
    parallelism: Number(parallelism),
    hashLength: expected.length,
    outputType: 'binary',
  });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

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
  login(input: {
    email: string;
    password: string;
    totp?: string;
    address: string;
  }): Promise<{ token: string; user: User; enrolOnly: boolean }>;
  /**
   * First-run setup: when the workspace has no owner yet, creates one with a generated password
   * and returns it (the only time it is ever shown). Returns undefined when an owner exists.
   */
  ensureOwner(email?: string): Promise<{ user: User; password: string } | undefined>;
  /** Removes an account's authenticator (local use, for a lost phone); the next login enrols anew. */
  resetTwoFactor(email: string): Promise<User>;
  /** The user behind a session token, if the session is live. */
  sessionUser(token: string): Promise<User | undefined>;
  logout(token: string): Promise<void>;
  /** Starts authenticator enrolment: a new secret, pending until a code from it is confirmed. */
  setupTotp(userId: string): Promise<{ uri: string; secret: string }>;
  /** @throws invalid_input when the code does not match the pending secret */
  confirmTotp(userId: string, code: string): Promise<void>;
  userById(id: string): Promise<User | undefined>;
  /**
   * A new API token for an account; the token itself is returned once and only its hash is kept.
   * @throws invalid_input (scope, days) | not_found (no such account)
   */
  createToken(input: {
    email: string;
    scope: string;
    days: number;
    label?: string;
  }): Promise<{ token: string; info: ApiToken }>;
  listTokens(): Promise<ApiToken[]>;
  /** The account and scope behind a live token. */
  tokenUser(token: string): Promise<{ user: User; scope: TokenScope } | undefined>;
  /** @throws not_found */
  revokeToken(id: string): Promise<void>;
}

export function createAccountsService({ db, audit }: { db: Db; audit?: AuditService }): AccountsService {
  const record = async (actor: Viewer, action: string, user?: User, details?: Record<string, unknown>) => {
    await audit?.append(actor, {
      action,
      ...(user ? { recordKind: 'user', recordId: user.id } : {}),
      ...(details ? { details } : {}),
    });
  };
  // Verifying against a real hash when the account does not exist keeps both answers equally slow.
  let decoy: Promise<string> | undefined;
  const service: AccountsService = {
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
      await record(LOCAL_VIEWER, 'user.create', user, { email: user.email, role: user.role });
      return user;
    },
    listUsers: () => listUsers(db),
    async login({ email, password, totp, address }) {
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
      const ok = (await verifyPassword(password, hash)) && user !== undefined && !user.disabled;
      if (!ok || !user) {
        await insertLoginFailures(db, keys);
        await record(ANONYMOUS_VIEWER, 'login.fail', undefined, { email: normalised });
        throw new AppError('unauthorized', 'wrong e-mail address or password');
      }
      const { passwordHash, totpSecret, ...plain } = user;
      void passwordHash;
      const step = totpSecret ? codeStep(user.email, totpSecret, totp) : undefined;
      const needsCode = totpSecret !== null && TWO_FACTOR_ROLES.includes(user.role);
      // A code counts once: the step it belongs to must be later than the last one used.
      if (needsCode && (step === undefined || !(await useTotpStep(db, user.id, step)))) {
        await insertLoginFailures(db, keys);
        await record(ANONYMOUS_VIEWER, 'login.fail', plain, { email: normalised, totp: true });
        throw new AppError('unauthorized', 'this account needs the 6-digit code from its authenticator app', {
          totpRequired: true,
        });
      }
      const token = randomBytes(32).toString('base64url');
      await insertSession(db, hashToken(token), user.id, SESSION_HOURS);
      await record({ kind: 'user', id: user.id, role: user.role }, 'login', plain);
      return { token, user: plain, enrolOnly: mustEnrolTwoFactor(plain) };
    },
    async ensureOwner(email = 'owner@longarm.local') {
      if ((await listUsers(db)).some((u) => u.role === 'owner')) {
        return undefined;
      }
      const password = randomBytes(FIRST_OWNER_PASSWORD_BYTES).toString('base64url');
      try {
        const user = await service.addUser({ email, role: 'owner', password });
        await record(LOCAL_VIEWER, 'user.first_owner', user);
        return { user, password };
      } catch (err) {
        // Another process of the same workspace created it first: there is an owner now.
        if (err instanceof AppError && err.code === 'conflict') {
          return undefined;
        }
        throw err;
      }
    },
    async resetTwoFactor(email) {
      const user = await findUserByEmail(db, email.trim().toLowerCase());
      if (!user) {
        throw new AppError('not_found', `there is no account for ${email}; see users list`);
      }
      await clearTotp(db, user.id);
      const { passwordHash, totpSecret, ...plain } = user;
      void passwordHash;
      void totpSecret;
      await record(LOCAL_VIEWER, 'totp.reset', plain);
      return { ...plain, twoFactor: false };
    },
    sessionUser: (token) => findSessionUser(db, hashToken(token), SESSION_IDLE_MINUTES),
    async logout(token) {
      const user = await findSessionUser(db, hashToken(token), SESSION_IDLE_MINUTES);
      await deleteSession(db, hashToken(token));
      if (user) {
        await record({ kind: 'user', id: user.id, role: user.role }, 'logout', user);
      }
    },
    userById: (id) => findUserById(db, id),
    async createToken({ email, scope, days, label }) {
      if (!(TOKEN_SCOPES as readonly string[]).includes(scope)) {
        throw invalidInput(`unknown scope "${scope}"; use ${TOKEN_SCOPES.join(' or ')}`);
      }
      if (!Number.isInteger(days) || days < 1 || days > MAX_TOKEN_DAYS) {
        throw invalidInput(`a token lives from 1 to ${MAX_TOKEN_DAYS} days, not ${days}`);
      }
      const user = await findUserByEmail(db, email.trim().toLowerCase());
      if (!user) {
        throw new AppError('not_found', `there is no account for ${email}; create it with users add`);
      }
      const id = `tok_${randomBytes(8).toString('hex')}`;
      const token = `lat_${randomBytes(32).toString('base64url')}`;
      await insertToken(db, {
        id,
        tokenHash: hashToken(token),
        userId: user.id,
        scope: scope as TokenScope,
        label: label ?? null,
        days,
      });
      await record(LOCAL_VIEWER, 'token.create', user, { token: id, scope, days });
      const info = (await listTokens(db)).find((t) => t.id === id);
      if (!info) {
        throw new Error('the new token was not found after insert');
      }
      return { token, info };
    },
    listTokens: () => listTokens(db),
    tokenUser: (token) => findTokenUser(db, hashToken(token)),
    async revokeToken(id) {
      if (!(await deleteToken(db, id))) {
        throw new AppError('not_found', `there is no token ${id}; see tokens list`);
      }
      await record(LOCAL_VIEWER, 'token.revoke', undefined, { token: id });
    },
    async setupTotp(userId) {
      const state = await findTotpState(db, userId);
      if (!state) {
        throw new AppError('unauthorized', 'log in first');
      }
      if (state.secret !== null) {
        // A stolen session must not be able to swap the authenticator for the attacker's own.
        throw new AppError(
          'conflict',
          'this account has an authenticator already; to replace it, the workspace operator runs `longarm users reset-2fa`',
        );
      }
      const secret = new Secret({ size: 20 }).base32;
      await setTotpPending(db, userId, secret);
      await record({ kind: 'user', id: userId, role: state.user.role }, 'totp.setup', state.user);
      return { uri: totpFor(state.user.email, secret).toString(), secret };
    },
    async confirmTotp(userId, code) {
      const state = await findTotpState(db, userId);
      if (!state?.pending) {
        throw invalidInput(
          'start with POST /api/auth/totp/setup: there is no authenticator waiting to be confirmed',
        );
      }
      const step = codeStep(state.user.email, state.pending, code);
      if (step === undefined || !(await useTotpStep(db, userId, step))) {
        throw invalidInput(
          'the code does not match the new authenticator; check the phone clock and try again',
        );
      }
      await activateTotp(db, userId);
      await record({ kind: 'user', id: userId, role: state.user.role }, 'totp.confirm', state.user);
    },
  };
  return service;
}

import { createCore, createTestDbTarget, loadConfig, mustEnrolTwoFactor, type Core } from '@longarm/core';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Hono } from 'hono';
import { vi } from 'vitest';
import { totpCode } from './totp.ts';
import { createApiApp } from '../src/app.ts';
import { createHttpApp } from '../src/server.ts';

export const SENSITIVITIES = ['public', 'internal', 'restricted', 'protected'] as const;
export type Level = (typeof SENSITIVITIES)[number];
export const WHO = [
  'anonymous',
  'viewer',
  'reviewer',
  'analyst',
  'admin',
  'owner',
  'local',
  'read-token',
  'write-token',
] as const;
export type Who = (typeof WHO)[number];
export type Account = Exclude<Who, 'anonymous' | 'local' | 'read-token' | 'write-token'>;
/** API tokens of the matrix: the owner's with read scope, the analyst's with write scope. */
export const TOKENS = { 'read-token': ['owner', 'read'], 'write-token': ['analyst', 'write'] } as const;
export const ACCOUNTS: readonly Account[] = ['viewer', 'reviewer', 'analyst', 'admin', 'owner'];

export const LOCAL_TOKEN = 'a-local-token-for-the-matrix';
export const PASSWORD = 'an invented passphrase for tests';
export const emailOf = (who: Account): string => `${who}@example.org`;
/** A word that only the document of one sensitivity level contains. */
export const markerOf = (level: Level): string => `zq${level}marker`;

export interface Fixture {
  core: Core;
  /** The whole HTTP app, as the server runs it. */
  app: Hono;
  /** The API app alone, whose route table the tests enumerate. */
  api: ReturnType<typeof createApiApp>;
  docs: Record<Level, string>;
  runId: string;
  /** Cookie header and CSRF value of a live session per account. */
  sessions: Record<Account, { cookie: string; csrf: string }>;
  tokens: Record<keyof typeof TOKENS, string>;
  login(who: Account): Promise<{ cookie: string; csrf: string }>;
  /** A fresh authenticator code for an account that has one (owners and admins), else undefined. */
  code(who: Who): string | undefined;
  close(): Promise<void>;
}

const silent = { info: () => undefined, error: () => undefined, flush: () => undefined } as never;

/** Cookies of a login answer as a Cookie header, and the CSRF cookie's value. */
export function cookiesOf(res: Response): { cookie: string; csrf: string } {
  const pairs = res.headers.getSetCookie().map((c) => c.split(';')[0] ?? '');
  const csrf = pairs.find((p) => p.startsWith('longarm_csrf='))?.slice('longarm_csrf='.length) ?? '';
  return { cookie: pairs.join('; '), csrf };
}

/** A server on a fresh database: one document per sensitivity level and one account per role. */
export async function openFixture(): Promise<Fixture> {
  const dataDir = mkdtempSync(join(tmpdir(), 'longarm-authz-'));
  const t = await createTestDbTarget();
  const core = await createCore(loadConfig({ LONGARM_DATA: dataDir }), { dbTarget: t.target });
  const report = await core.services.ingest.ingestSources(
    SENSITIVITIES.map((level) => ({
      path: `${level}.txt`,
      bytes: new TextEncoder().encode(
        `A ${level} note\n\nAn invented note filed as ${level}; it mentions ${markerOf(level)} once.`,
      ),
      known: { sensitivity: level },
    })),
    'test',
  );
  if (report.failed.length > 0) {
    throw new Error(`fixture ingest failed: ${JSON.stringify(report.failed)}`);
  }
  const docs = Object.fromEntries(
    SENSITIVITIES.map((level) => [level, report.ingested.find((d) => d.path === `${level}.txt`)?.id ?? '']),
  ) as Record<Level, string>;
  // Owners and admins must use two-factor login: their accounts enrol an authenticator here. Each
  // code counts once, so the fixture moves the clock of this process on by one 30-second step per
  // login (Date only; timers run as usual), and every login has a fresh code.
  vi.useFakeTimers({ toFake: ['Date'], now: Date.now() });
  const tick = (): number => {
    vi.setSystemTime(Date.now() + 30_000);
    return Date.now();
  };
  const secrets: Partial<Record<Account, string>> = {};
  for (const who of ACCOUNTS) {
    const user = await core.services.accounts.addUser({ email: emailOf(who), role: who, password: PASSWORD });
    if (mustEnrolTwoFactor(user)) {
      const { secret } = await core.services.accounts.setupTotp(user.id);
      await core.services.accounts.confirmTotp(user.id, totpCode(secret, tick()));
      secrets[who] = secret;
    }
  }
  const webDir = join(dataDir, 'web');
  mkdirSync(webDir, { recursive: true });
  writeFileSync(join(webDir, 'index.html'), '<!doctype html><title>longarm</title>');
  const app = createHttpApp(core, silent, webDir, LOCAL_TOKEN);
  const api = createApiApp(core.services, silent, LOCAL_TOKEN);
  const code = (who: Who): string | undefined => {
    const secret = secrets[who as Account];
    return secret === undefined ? undefined : totpCode(secret, tick());
  };
  const login = async (who: Account) => {
    const res = await app.request(
      '/api/auth/login',
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          email: emailOf(who),
          password: PASSWORD,
          ...(secrets[who] ? { totp: code(who) } : {}),
        }),
      },
      { incoming: { socket: { remoteAddress: `198.51.100.${ACCOUNTS.indexOf(who) + 1}` } } },
    );
    if (res.status !== 200) {
      throw new Error(`fixture login of ${who} answered ${res.status}`);
    }
    return cookiesOf(res);
  };
  const tokens = {} as Record<keyof typeof TOKENS, string>;
  for (const [name, [owner, scope]] of Object.entries(TOKENS) as [
    keyof typeof TOKENS,
    readonly [Account, string],
  ][]) {
    tokens[name] = (
      await core.services.accounts.createToken({ email: emailOf(owner), scope, days: 1 })
    ).token;
  }
  const sessions = {} as Record<Account, { cookie: string; csrf: string }>;
  for (const who of ACCOUNTS) {
    sessions[who] = await login(who);
  }
  return {
    core,
    app,
    api,
    docs,
    runId: report.runId,
    sessions,
    tokens,
    login,
    code,
    close: async () => {
      vi.useRealTimers();
      await core.close();
      await t.cleanup();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Headers that make a request come from `who`: a session (with its CSRF value) or the local token. */
export function headersFor(f: Fixture, who: Who, method: string): Record<string, string> {
  if (who === 'anonymous') {
    return {};
  }
  if (who === 'local') {
    return { 'x-longarm-local-token': LOCAL_TOKEN };
  }
  if (who === 'read-token' || who === 'write-token') {
    return { authorization: `Bearer ${f.tokens[who]}` };
  }
  const s = f.sessions[who];
  return method === 'GET' ? { cookie: s.cookie } : { cookie: s.cookie, 'x-longarm-csrf': s.csrf };
}

/** Every METHOD path the API app registers (middleware excluded). */
export function registeredRoutes(api: Fixture['api']): string[] {
  return [
    ...new Set(api.routes.filter((r) => r.method !== 'ALL').map((r) => `${r.method} ${r.path}`)),
  ].sort();
}

import { ErrorResponseSchema } from '@longarm/contracts';
import { createCore, createTestDbTarget, loadConfig, type Core } from '@longarm/core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpApp } from './server.ts';
import { cookiesOf } from '../test/authz-fixture.ts';
import { totpCode } from '../test/totp.ts';

let core: Core;
let app: Hono;
let dataDir: string;
let cleanup: () => Promise<void>;
const silent = { info: () => undefined, error: () => undefined, flush: () => undefined } as never;
const PASSWORD = 'an invented long passphrase';

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'longarm-auth-'));
  const t = await createTestDbTarget();
  cleanup = t.cleanup;
  core = await createCore(loadConfig({ LONGARM_DATA: dataDir }), { dbTarget: t.target });
  await core.services.accounts.addUser({ email: 'Analyst@Example.org', role: 'analyst', password: PASSWORD });
  await core.services.accounts.addUser({ email: 'owner@example.org', role: 'owner', password: PASSWORD });
  app = createHttpApp(core, silent, join(dataDir, 'web'));
});
afterAll(async () => {
  await core.close();
  await cleanup();
  rmSync(dataDir, { recursive: true, force: true });
});

const login = (
  email: string,
  password: string,
  extra: Record<string, string> = {},
  headers = {},
  address = 'unknown',
) =>
  app.request(
    '/api/auth/login',
    {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ email, password, ...extra }),
    },
    { incoming: { socket: { remoteAddress: address } } },
  );
/** Logins of the CSRF and TOTP tests come from their own address, apart from the throttling test. */
const loginElsewhere = (email: string, password: string, extra = {}, headers = {}) =>
  login(email, password, extra, headers, '192.0.2.7');

describe('auth routes', () => {
  it('logs in with an HttpOnly, SameSite=Strict session cookie that /me accepts', async () => {
    const res = await login('analyst@example.org', PASSWORD);
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^longarm_session=[\w-]{40,};/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    const me = await app.request('/api/auth/me', { headers: { cookie: cookie.split(';')[0] ?? '' } });
    expect(await me.json()).toEqual({ user: { email: 'analyst@example.org', role: 'analyst' } });
    const again = await login('analyst@example.org', PASSWORD);
    expect(again.headers.get('set-cookie')?.split(';')[0]).not.toBe(cookie.split(';')[0]);
  });

  it('marks cookies Secure behind TLS and gives the page a readable CSRF cookie', async () => {
    const res = await loginElsewhere('analyst@example.org', PASSWORD, {}, { 'x-forwarded-proto': 'https' });
    const [session, csrf] = res.headers.getSetCookie();
    expect(session).toContain('Secure');
    expect(csrf).toMatch(/^longarm_csrf=[\w-]{20,};/);
    expect(csrf).not.toContain('HttpOnly');
    expect(csrf).toContain('SameSite=Strict');
    const plain = await loginElsewhere('analyst@example.org', PASSWORD);
    expect(plain.headers.getSetCookie()[0]).not.toContain('Secure');
  });

  it('refuses signed-in changes without the CSRF header or from another origin', async () => {
    const { cookie, csrf } = cookiesOf(await loginElsewhere('analyst@example.org', PASSWORD));
    const post = (headers: Record<string, string>) =>
      app.request('http://localhost/api/auth/totp/setup', {
        method: 'POST',
        headers: { cookie, ...headers },
      });
    const bare = await post({});
    expect(bare.status).toBe(403);
    expect(ErrorResponseSchema.parse(await bare.json()).error.message).toContain('x-longarm-csrf');
    expect((await post({ 'x-longarm-csrf': 'not-the-cookie-value' })).status).toBe(403);
    expect((await post({ 'x-longarm-csrf': csrf, origin: 'https://evil.example' })).status).toBe(403);
    expect((await post({ 'x-longarm-csrf': csrf })).status).toBe(200);
    expect((await post({ origin: 'http://localhost' })).status).toBe(200);
    // Login from another site's page is refused too (login CSRF).
    expect(
      (await loginElsewhere('analyst@example.org', PASSWORD, {}, { origin: 'https://evil.example' })).status,
    ).toBe(403);
  });

  it('requires a TOTP code for an owner who enrolled an authenticator, and records it all in the audit log', async () => {
    const { cookie, csrf } = cookiesOf(await loginElsewhere('owner@example.org', PASSWORD));
    const headers = { cookie, 'x-longarm-csrf': csrf, 'content-type': 'application/json' };
    const setup = await app.request('/api/auth/totp/setup', { method: 'POST', headers });
    const { uri } = (await setup.json()) as { uri: string };
    const secret = new URL(uri).searchParams.get('secret') ?? '';
    expect(uri).toMatch(/^otpauth:\/\/totp\/longarm:owner%40example\.org\?/);
    const wrong = await app.request('/api/auth/totp/confirm', {
      method: 'POST',
      headers,
      body: JSON.stringify({ code: totpCode(secret, Date.now() - 10 * 60_000) }),
    });
    expect(wrong.status).toBe(400);
    const now = Date.now();
    const current = totpCode(secret, now);
    const confirmed = await app.request('/api/auth/totp/confirm', {
      method: 'POST',
      headers,
      body: JSON.stringify({ code: current }),
    });
    expect(confirmed.status).toBe(200);

    const without = await loginElsewhere('owner@example.org', PASSWORD);
    expect(without.status).toBe(401);
    expect(ErrorResponseSchema.parse(await without.json()).error.details).toEqual({ totpRequired: true });
    // The confirmation used the current code: it cannot be replayed; the next step's code works once.
    const replayed = await loginElsewhere('owner@example.org', PASSWORD, { totp: current });
    expect(replayed.status).toBe(401);
    const next = totpCode(secret, now + 30_000);
    const withCode = await loginElsewhere('owner@example.org', PASSWORD, { totp: next });
    expect(withCode.status).toBe(200);
    expect((await loginElsewhere('owner@example.org', PASSWORD, { totp: next })).status).toBe(401);

    const owner = cookiesOf(withCode);
    const log = await app.request('/api/audit?limit=50', { headers: { cookie: owner.cookie } });
    expect(log.status).toBe(200);
    const { entries } = (await log.json()) as { entries: { action: string }[] };
    expect(entries.map((e) => e.action)).toEqual(
      expect.arrayContaining(['user.create', 'login', 'login.fail', 'totp.setup', 'totp.confirm']),
    );
    const verified = await app.request('/api/audit/verify', { headers: { cookie: owner.cookie } });
    expect(await verified.json()).toMatchObject({ ok: true });
    const analyst = cookiesOf(await loginElsewhere('analyst@example.org', PASSWORD));
    expect((await app.request('/api/audit', { headers: { cookie: analyst.cookie } })).status).toBe(403);
  });

  it('takes API tokens: scoped, refused once revoked, and no Basic login is mistaken for one', async () => {
    const { token, info } = await core.services.accounts.createToken({
      email: 'analyst@example.org',
      scope: 'read',
      days: 7,
    });
    expect(token).toMatch(/^lat_[\w-]{40,}$/);
    const bearer = { authorization: `Bearer ${token}` };
    expect(await (await app.request('/api/auth/me', { headers: bearer })).json()).toEqual({
      user: { email: 'analyst@example.org', role: 'analyst' },
      token: { scope: 'read' },
    });
    // No CSRF proof is needed (a browser never adds the header), but a read token changes nothing.
    expect((await app.request('/api/auth/totp/setup', { method: 'POST', headers: bearer })).status).toBe(403);
    await core.services.accounts.revokeToken(info.id);
    expect((await app.request('/api/search?q=x', { headers: bearer })).status).toBe(401);
    const unknown = await app.request('/api/search?q=x', {
      headers: { authorization: 'Bearer lat_nothing' },
    });
    expect(ErrorResponseSchema.parse(await unknown.json()).error.code).toBe('unauthorized');
    expect(
      (await app.request('/api/search?q=x', { headers: { authorization: 'Basic dXNlcjpwdw==' } })).status,
    ).toBe(200);
    await expect(
      core.services.accounts.createToken({ email: 'analyst@example.org', scope: 'admin', days: 7 }),
    ).rejects.toThrow(/unknown scope/);
    await expect(
      core.services.accounts.createToken({ email: 'analyst@example.org', scope: 'read', days: 400 }),
    ).rejects.toThrow(/1 to 365 days/);
  });

  it('answers 401 for a wrong password or unknown account, then 429 after more than 10 failures', async () => {
    const wrong = await login('viewer@example.org', 'not the password at all');
    expect(wrong.status).toBe(401);
    expect(ErrorResponseSchema.parse(await wrong.json()).error.code).toBe('unauthorized');
    for (let i = 0; i < 9; i++) {
      expect((await login('viewer@example.org', `wrong ${i}`)).status).toBe(401);
    }
    const limited = await login('viewer@example.org', 'wrong again');
    expect(limited.status).toBe(429);
    expect(ErrorResponseSchema.parse(await limited.json()).error.code).toBe('rate_limited');
    expect((await app.request('/api/auth/me')).status).toBe(401);
    expect(
      (await app.request('/api/search?q=x', { headers: { cookie: 'longarm_session=%E0%A4%A' } })).status,
    ).toBe(200);
  });
});

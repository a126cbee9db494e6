import { ErrorResponseSchema } from '@longarm/contracts';
import { createCore, createTestDbTarget, loadConfig, type Core } from '@longarm/core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpApp } from './server.ts';

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
  app = createHttpApp(core, silent, join(dataDir, 'web'));
});
afterAll(async () => {
  await core.close();
  await cleanup();
  rmSync(dataDir, { recursive: true, force: true });
});

const login = (email: string, password: string) =>
  app.request('/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });

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

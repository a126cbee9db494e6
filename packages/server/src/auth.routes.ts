import { randomBytes } from 'node:crypto';
import { AppError, type Services, type Viewer } from '@longarm/core';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { Hono } from 'hono';
import { z } from 'zod';
import { CSRF_COOKIE } from './access.ts';

export const SESSION_COOKIE = 'longarm_session';

const LoginSchema = z.object({
  email: z.string().min(3).max(320),
  password: z.string().min(1).max(1024),
  totp: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
});
const CodeSchema = z.object({ code: z.string().regex(/^\d{6}$/) });

/** The client's address as the socket saw it (a proxy in front should be configured to pass it). */
const remoteAddress = (c: Context): string =>
  (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming?.socket
    ?.remoteAddress ?? 'unknown';

const isTls = (c: Context): boolean =>
  c.req.header('x-forwarded-proto') === 'https' || new URL(c.req.url).protocol === 'https:';

const body = async <T>(c: Context, schema: z.ZodType<T>, shape: string): Promise<T> => {
  const parsed = schema.safeParse(await c.req.json().catch(() => undefined));
  if (!parsed.success) {
    throw new AppError('invalid_input', `the body must be ${shape}`);
  }
  return parsed.data;
};

/** The signed-in account behind a request; the local token has none. */
const accountOf = (viewer: Viewer): string => {
  if (viewer.kind === 'anonymous') {
    throw new AppError('unauthorized', 'log in first');
  }
  if (viewer.kind === 'local') {
    throw new AppError('forbidden', 'the local token belongs to no account; log in as a user');
  }
  if (viewer.scope !== undefined) {
    throw new AppError('forbidden', 'an API token cannot change how its account logs in');
  }
  return viewer.id;
};

/**
 * Login, logout, who-am-I and authenticator enrolment. The session lives in an HttpOnly,
 * SameSite=Strict cookie; a second, readable cookie carries the CSRF token the page sends back.
 */
export function createAuthRoutes(services: Services): Hono<{ Variables: { viewer: Viewer } }> {
  const app = new Hono<{ Variables: { viewer: Viewer } }>();
  app.post('/login', async (c) => {
    const input = await body(c, LoginSchema, '{"email": "…", "password": "…", "totp"?: "123456"}');
    const old = getCookie(c, SESSION_COOKIE);
    const { token, user, enrolOnly } = await services.accounts.login({
      ...input,
      address: remoteAddress(c),
    });
    // A new session id at every login; the one the browser brought (if any) ends.
    if (old) {
      await services.accounts.logout(old);
    }
    const cookie = { sameSite: 'Strict', path: '/', secure: isTls(c), maxAge: 12 * 3600 } as const;
    setCookie(c, SESSION_COOKIE, token, { ...cookie, httpOnly: true });
    setCookie(c, CSRF_COOKIE, randomBytes(24).toString('base64url'), cookie);
    return c.json({
      user: { email: user.email, role: user.role },
      ...(enrolOnly ? { twoFactorSetupRequired: true } : {}),
    });
  });
  app.post('/logout', async (c) => {
    const token = getCookie(c, SESSION_COOKIE);
    if (token) {
      await services.accounts.logout(token);
    }
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    deleteCookie(c, CSRF_COOKIE, { path: '/' });
    return c.json({ ok: true });
  });
  app.get('/me', async (c) => {
    const viewer = c.get('viewer');
    if (viewer.kind === 'local') {
      return c.json({ user: { email: null, role: 'owner' }, local: true });
    }
    const user = viewer.kind === 'user' ? await services.accounts.userById(viewer.id) : undefined;
    if (!user) {
      throw new AppError('unauthorized', 'not logged in');
    }
    return c.json({
      user: { email: user.email, role: user.role },
      ...(viewer.kind === 'user' && viewer.scope ? { token: { scope: viewer.scope } } : {}),
      ...(viewer.kind === 'user' && viewer.enrolOnly ? { twoFactorSetupRequired: true } : {}),
    });
  });
  app.post('/totp/setup', async (c) => {
    const { uri } = await services.accounts.setupTotp(accountOf(c.get('viewer')));
    // The URI goes into a QR code or an authenticator app; it is shown once and not stored in clear elsewhere.
    return c.json({ uri });
  });
  app.post('/totp/confirm', async (c) => {
    const userId = accountOf(c.get('viewer'));
    const { code } = await body(c, CodeSchema, '{"code": "123456"}');
    await services.accounts.confirmTotp(userId, code);
    return c.json({ ok: true });
  });
  return app;
}

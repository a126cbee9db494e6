import { AppError, type Services } from '@longarm/core';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { Hono } from 'hono';
import { z } from 'zod';

export const SESSION_COOKIE = 'longarm_session';

const LoginSchema = z.object({ email: z.string().min(3).max(320), password: z.string().min(1).max(1024) });

/** The client's address as the socket saw it (a proxy in front should be configured to pass it). */
const remoteAddress = (c: Context): string =>
  (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming?.socket
    ?.remoteAddress ?? 'unknown';

const isTls = (c: Context): boolean =>
  c.req.header('x-forwarded-proto') === 'https' || new URL(c.req.url).protocol === 'https:';

/** Login, logout and who-am-I; sessions live in an HttpOnly, SameSite=Strict cookie. */
export function createAuthRoutes(services: Services): Hono {
  const app = new Hono();
  app.post('/login', async (c) => {
    const parsed = LoginSchema.safeParse(await c.req.json().catch(() => undefined));
    if (!parsed.success) {
      throw new AppError('invalid_input', 'the body must be {"email": "…", "password": "…"}');
    }
    const old = getCookie(c, SESSION_COOKIE);
    const { token, user } = await services.accounts.login({ ...parsed.data, address: remoteAddress(c) });
    // A new session id at every login; the one the browser brought (if any) ends.
    if (old) {
      await services.accounts.logout(old);
    }
    setCookie(c, SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'Strict',
      path: '/',
      secure: isTls(c),
      maxAge: 12 * 3600,
    });
    return c.json({ user: { email: user.email, role: user.role } });
  });
  app.post('/logout', async (c) => {
    const token = getCookie(c, SESSION_COOKIE);
    if (token) {
      await services.accounts.logout(token);
    }
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.json({ ok: true });
  });
  app.get('/me', async (c) => {
    const token = getCookie(c, SESSION_COOKIE);
    const user = token ? await services.accounts.sessionUser(token) : undefined;
    if (!user) {
      throw new AppError('unauthorized', 'not logged in');
    }
    return c.json({ user: { email: user.email, role: user.role } });
  });
  return app;
}

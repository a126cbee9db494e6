import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cookiesOf, openFixture, PASSWORD, registeredRoutes, type Fixture } from '../test/authz-fixture.ts';
import { totpCode } from '../test/totp.ts';

/**
 * Two-factor login is required of owners and admins. An account of those roles without an
 * authenticator may log in, but its session reaches the enrolment routes and nothing else: this
 * is checked over every route the API registers, so a new route cannot slip past it.
 */
const ENROLMENT = new Set([
  'GET /health',
  'POST /auth/login',
  'POST /auth/logout',
  'GET /auth/me',
  'POST /auth/totp/setup',
  'POST /auth/totp/confirm',
]);

let f: Fixture;
beforeAll(async () => {
  f = await openFixture();
});
afterAll(async () => {
  await f.close();
});

const loginAs = async (email: string, extra: Record<string, string> = {}) =>
  f.app.request(
    '/api/auth/login',
    {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: PASSWORD, ...extra }),
    },
    { incoming: { socket: { remoteAddress: '192.0.2.44' } } },
  );

describe('two-factor enrolment of owners and admins', () => {
  for (const role of ['owner', 'admin'] as const) {
    it(`a new ${role} without an authenticator reaches only the enrolment routes until one is confirmed`, async () => {
      const email = `new-${role}@example.org`;
      await f.core.services.accounts.addUser({ email, role, password: PASSWORD });
      const res = await loginAs(email);
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ user: { role }, twoFactorSetupRequired: true });
      const s = cookiesOf(res);
      const headers = (method: string): Record<string, string> =>
        method === 'GET'
          ? { cookie: s.cookie }
          : { cookie: s.cookie, 'x-longarm-csrf': s.csrf, 'content-type': 'application/json' };

      const routes = registeredRoutes(f.api);
      expect(routes.length).toBeGreaterThan(10);
      let refused = 0;
      for (const route of routes) {
        const [method = 'GET', path = '/'] = route.split(' ');
        if (ENROLMENT.has(route)) {
          continue;
        }
        const url = `/api${path.replace(/:(\w+)/g, 'x-$1')}`;
        const answer = await f.app.request(url, {
          method,
          headers: headers(method),
          body: method === 'GET' ? undefined : '{}',
        });
        expect(answer.status, route).toBe(403);
        const body = (await answer.json()) as { error: { code: string; details?: unknown } };
        expect(body.error, route).toMatchObject({
          code: 'forbidden',
          details: { twoFactorSetupRequired: true },
        });
        refused += 1;
      }
      expect(refused).toBe(routes.filter((r) => !ENROLMENT.has(r)).length);

      const me = await f.app.request('/api/auth/me', { headers: headers('GET') });
      expect(await me.json()).toMatchObject({ twoFactorSetupRequired: true });
      const setup = await f.app.request('/api/auth/totp/setup', { method: 'POST', headers: headers('POST') });
      expect(setup.status).toBe(200);
      const { uri } = (await setup.json()) as { uri: string };
      const secret = new URL(uri).searchParams.get('secret') ?? '';
      expect(secret).toMatch(/^[A-Z2-7]{32}$/);
      const confirm = await f.app.request('/api/auth/totp/confirm', {
        method: 'POST',
        headers: headers('POST'),
        body: JSON.stringify({ code: totpCode(secret, Date.now()) }),
      });
      expect(confirm.status).toBe(200);

      // The same session is whole now; a second enrolment (a stolen session swapping the phone) is refused.
      const search = await f.app.request('/api/search?q=note', { headers: headers('GET') });
      expect(search.status).toBe(200);
      const again = await f.app.request('/api/auth/totp/setup', { method: 'POST', headers: headers('POST') });
      expect(again.status).toBe(409);
      // And the next login needs the code.
      const without = await loginAs(email);
      expect(without.status).toBe(401);
    });
  }

  it('an analyst needs no authenticator', async () => {
    const res = await loginAs('analyst@example.org');
    expect(res.status).toBe(200);
    expect(await res.json()).not.toHaveProperty('twoFactorSetupRequired');
  });
});

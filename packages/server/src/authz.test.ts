import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  headersFor,
  markerOf,
  openFixture,
  registeredRoutes,
  SENSITIVITIES,
  WHO,
  type Fixture,
  type Account,
  type Level,
  type Who,
} from '../test/authz-fixture.ts';

/**
 * The authorization matrix: ONE table gives, for every API route, the request to send and the
 * status expected for each (who, sensitivity) pair; the test sends them all. A route registered on
 * the app without a row here fails the first test.
 */

/** Which levels each kind of caller reads, written out here independently of core's table. */
const READS: Record<Who, readonly Level[]> = {
  anonymous: ['public'],
  viewer: ['public', 'internal'],
  reviewer: ['public', 'internal', 'restricted'],
  analyst: ['public', 'internal', 'restricted'],
  admin: ['public', 'internal', 'restricted', 'protected'],
  owner: ['public', 'internal', 'restricted', 'protected'],
  local: ['public', 'internal', 'restricted', 'protected'],
  'read-token': ['public', 'internal', 'restricted', 'protected'], // the owner's
  'write-token': ['public', 'internal', 'restricted'], // the analyst's
};
const isAccount = (who: Who): who is Account =>
  !['anonymous', 'local', 'read-token', 'write-token'].includes(who);
const sees = (who: Who, level: Level): boolean => READS[who].includes(level);

interface Case {
  who: Who;
  level: Level;
  doc: string;
  f: Fixture;
}
/** What a row sends: a path under /api, request options, and the server's view of the socket. */
interface Sent {
  path: string;
  init?: RequestInit;
  env?: { incoming: { socket: { remoteAddress: string } } };
}
interface Row {
  request: (c: Case) => Promise<Sent> | Sent;
  status: (who: Who, level: Level) => number;
  /** Sent as from a fresh browser: without the account's session (other credentials still go). */
  fresh?: boolean;
  /** Further checks on the answer (what it shows must follow the same visibility). */
  check?: (res: Response, c: Case) => Promise<void>;
}

const get = (path: string) => ({ path });
const post = (path: string, body?: unknown) => ({
  path,
  init: {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  },
});
const anyone = () => 200;
const readable = (who: Who, level: Level) => (sees(who, level) ? 200 : 404);
const signedIn = (who: Who) => (who === 'anonymous' ? 401 : 200);
const allowed = (roles: readonly Who[]) => (who: Who) =>
  roles.includes(who) ? 200 : who === 'anonymous' ? 401 : 403;
/** Only a signed-in session, not the local token nor an API token, may change how it logs in. */
const accountOnly = (onSuccess: number) => (who: Who) =>
  who === 'anonymous' ? 401 : isAccount(who) ? onSuccess : 403;
const localOnly = (onSuccess: number) => (who: Who) => (who === 'local' ? onSuccess : 403);

/** A hidden record answers exactly like one that does not exist. */
async function sameAsMissing(res: Response, c: Case, suffix = ''): Promise<void> {
  if (res.status !== 404) {
    return;
  }
  const missing = 'doc_000000000000000000000000';
  const other = await c.f.app.request(`/api/documents/${missing}${suffix}`, {
    headers: headersFor(c.f, c.who, 'GET'),
  });
  const a = JSON.stringify(await res.json()).replaceAll(c.doc, 'ID');
  const b = JSON.stringify(await other.json()).replaceAll(missing, 'ID');
  expect(a).toBe(b);
}

const MATRIX: Record<string, Row> = {
  'GET /health': { request: () => get('/health'), status: anyone },
  'GET /openapi.json': { request: () => get('/openapi.json'), status: anyone },
  'GET /search': {
    request: ({ level }) => get(`/search?q=${markerOf(level)}`),
    status: anyone,
    check: async (res, { who, level }) => {
      const body = (await res.json()) as { total: number; hits: unknown[]; facets: { language: unknown[] } };
      const n = sees(who, level) ? 1 : 0;
      expect([body.total, body.hits.length, body.facets.language.length]).toEqual([n, n, n]);
    },
  },
  'GET /documents/:id': {
    request: ({ doc }) => get(`/documents/${doc}`),
    status: readable,
    check: (res, c) => sameAsMissing(res, c),
  },
  'GET /documents/:id/original': {
    request: ({ doc }) => get(`/documents/${doc}/original`),
    status: readable,
    check: (res, c) => sameAsMissing(res, c, '/original'),
  },
  'GET /export': {
    request: ({ level }) => get(`/export?q=${markerOf(level)}`),
    status: anyone,
    check: async (res, { who, level, doc }) => {
      expect((await res.text()).includes(doc)).toBe(sees(who, level));
    },
  },
  'GET /runs': { request: () => get('/runs'), status: signedIn },
  'GET /runs/:id': { request: ({ f }) => get(`/runs/${f.runId}`), status: signedIn },
  'POST /auth/login': {
    // Accounts log in with their own password; the others try a wrong one.
    fresh: true,
    // Each caller from an address of its own: the throttle (tested in auth.routes.test.ts) stays out.
    request: ({ who }) => ({
      ...post('/auth/login', {
        email: `${who}@example.org`,
        password: isAccount(who) ? 'an invented passphrase for tests' : 'a wrong password entirely',
      }),
      env: { incoming: { socket: { remoteAddress: `203.0.113.${WHO.indexOf(who) + 1}` } } },
    }),
    status: (who) => (isAccount(who) ? 200 : 401),
  },
  'POST /auth/logout': {
    // A throwaway session, so that the matrix's own sessions stay live.
    request: async ({ who, f }) => {
      const r = post('/auth/logout');
      if (!isAccount(who)) {
        return r;
      }
      const s = await f.login(who);
      return { path: r.path, init: { ...r.init, headers: { cookie: s.cookie, 'x-longarm-csrf': s.csrf } } };
    },
    status: anyone,
  },
  'GET /auth/me': { request: () => get('/auth/me'), status: signedIn },
  'POST /auth/totp/setup': { request: () => post('/auth/totp/setup'), status: accountOnly(200) },
  'POST /auth/totp/confirm': {
    request: () => post('/auth/totp/confirm', { code: 'not a code' }),
    status: accountOnly(400),
  },
  'GET /audit': { request: () => get('/audit'), status: allowed(['owner', 'local']) },
  'GET /audit/verify': { request: () => get('/audit/verify'), status: allowed(['owner', 'local']) },
  'GET /users': { request: () => get('/users'), status: allowed(['admin', 'owner', 'local']) },
  // An empty path list passes the gate and fails validation: nothing is ingested.
  'POST /local/ingest': { request: () => post('/local/ingest', { paths: [] }), status: localOnly(400) },
  'POST /local/demo': { request: () => post('/local/demo'), status: localOnly(200) },
};

let f: Fixture;
let matrixSent = 0;
beforeAll(async () => {
  f = await openFixture();
}, 120_000);
afterAll(async () => {
  console.log(
    `authz matrix: ${Object.keys(MATRIX).length} routes × ${WHO.length} callers × ${SENSITIVITIES.length} levels = ${matrixSent} requests`,
  );
  await f.close();
});

describe('authorization matrix', () => {
  it('has one row for every route the API registers, and no row for a route that is gone', () => {
    expect(Object.keys(MATRIX).sort()).toEqual(registeredRoutes(f.api));
  });

  for (const [route, row] of Object.entries(MATRIX)) {
    it(`${route}: every caller × sensitivity gets the expected status`, async () => {
      const wrong: string[] = [];
      let sent = 0;
      for (const who of WHO) {
        for (const level of SENSITIVITIES) {
          const c: Case = { who, level, doc: f.docs[level], f };
          const { path, init, env } = await row.request(c);
          const method = init?.method ?? 'GET';
          const res = await f.app.request(
            `/api${path}`,
            {
              ...init,
              headers: {
                ...(row.fresh && isAccount(who) ? {} : headersFor(f, who, method)),
                ...(init?.headers as Record<string, string>),
              },
            },
            env,
          );
          sent += 1;
          const expected = row.status(who, level);
          if (res.status !== expected) {
            wrong.push(`${who}/${level}: ${res.status} (expected ${expected}) ${await res.text()}`);
            continue;
          }
          await row.check?.(res, c);
        }
      }
      expect(wrong).toEqual([]);
      expect(sent).toBe(WHO.length * SENSITIVITIES.length);
      matrixSent += sent;
    }, 60_000);
  }

  it('writes reads of restricted and protected documents to the audit log', async () => {
    const entries = await f.core.services.audit.recent(1000);
    const reads = entries.filter((e) => e.action === 'document.read');
    const readers = new Set(reads.map((e) => `${e.actor.split(':')[0] ?? ''}>${e.recordId ?? ''}`));
    expect(readers.has(`local>${f.docs.protected}`)).toBe(true);
    expect(reads.some((e) => e.recordId === f.docs.public || e.recordId === f.docs.internal)).toBe(false);
    // One export entry per export by a caller who may see restricted records.
    const exporters = WHO.filter((w) => sees(w, 'restricted')).length;
    expect(entries.filter((e) => e.action === 'export')).toHaveLength(exporters * SENSITIVITIES.length);
    expect(await f.core.services.audit.verify()).toMatchObject({ ok: true });
  });
});

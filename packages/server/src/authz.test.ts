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
/** Callers that may write (raise a sensitivity level among other things). */
const WRITERS: readonly Who[] = ['analyst', 'admin', 'owner', 'local', 'write-token'];
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

/**
 * The review rows need suggestions: one document per level that the extractor finds things in,
 * ingested (and so extracted) on first use, after the rows above have run.
 */
let reviewSetup: Promise<Record<Level, { doc: string; item: string }>> | undefined;
const reviewFixture = (fx: Fixture) =>
  (reviewSetup ??= (async () => {
    const report = await fx.core.services.ingest.ingestSources(
      SENSITIVITIES.map((level, i) => ({
        path: `review-${level}.txt`,
        bytes: new TextEncoder().encode(
          `Review ${level}\n\nChinese police opened a station in Prague on 3 May 2023 and questioned ${i + 10} students.`,
        ),
        known: { sensitivity: level },
      })),
      'authz review fixture',
    );
    const out = {} as Record<Level, { doc: string; item: string }>;
    for (const level of SENSITIVITIES) {
      const doc = report.ingested.find((d) => d.path === `review-${level}.txt`)?.id ?? '';
      const item = (await fx.core.services.review.list({ document: doc })).items[0]?.id ?? '';
      expect(item).not.toBe('');
      out[level] = { doc, item };
    }
    return out;
  })());
/** Reviewers and the roles above them decide about suggestions they can read; a read-only token may not. */
const reviews = (who: Who, level: Level) =>
  who === 'anonymous' ? 401 : who === 'viewer' || who === 'read-token' ? 403 : sees(who, level) ? 200 : 404;
const hiddenAsMissing = async (res: Response) => {
  if (res.status === 404) {
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('not_found');
  }
};

/**
 * Entity rows: per level, two spellings of one invented person (a candidate pair) written on first
 * use; every entity the rows make is remembered with its level, so answers can be checked.
 */
const entityLevel = new Map<string, Level>();
let entitySetup: Promise<Record<Level, { a: string; b: string }>> | undefined;
const entityFixture = (fx: Fixture) =>
  (entitySetup ??= (async () => {
    const out = {} as Record<Level, { a: string; b: string }>;
    for (const level of SENSITIVITIES) {
      const [a, b] = await fx.core.services.resolution.upsertEntities(
        ['Dilshod', 'Dilshot'].map((first) => ({
          type: 'person' as const,
          canonicalName: `${first} Bahromov ${markerOf(level)}`,
          sensitivity: level,
        })),
      );
      out[level] = { a: a!, b: b! };
      entityLevel.set(a!, level).set(b!, level);
    }
    return out;
  })());
let splitCount = 0;
/** A fresh merge at `level` (made locally), whose merged entity the caller then tries to split. */
async function mergedEntity(fx: Fixture, level: Level): Promise<string> {
  splitCount += 1;
  const [a, b] = await fx.core.services.resolution.upsertEntities(
    ['Nodira', 'Nodirah'].map((first) => ({
      type: 'person' as const,
      canonicalName: `${first} Splitova ${splitCount}`,
      sensitivity: level,
    })),
  );
  entityLevel.set(a!, level).set(b!, level);
  await fx.core.services.resolution.judge({ left: a!, right: b!, verdict: 'same' });
  return b!;
}
const judges = (who: Who, level: Level) =>
  who === 'anonymous' ? 401 : who === 'viewer' || who === 'read-token' ? 403 : sees(who, level) ? 200 : 404;

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
  'PUT /documents/:id/sensitivity': {
    // Raises the author field (absent in the fixture, so no other row changes) above the record.
    request: ({ doc }) => ({
      path: `/documents/${doc}/sensitivity`,
      init: {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ fields: { author: 'protected' } }),
      },
    }),
    status: (who, level) =>
      !sees(who, level)
        ? 404
        : !WRITERS.includes(who)
          ? 403
          : level === 'protected'
            ? 400 // a field cannot be less or as sensitive as its record
            : 200,
    check: async (res, c) => {
      if (res.status !== 404) {
        return;
      }
      const missing = 'doc_000000000000000000000000';
      const other = await c.f.app.request(`/api/documents/${missing}/sensitivity`, {
        method: 'PUT',
        headers: { ...headersFor(c.f, c.who, 'PUT'), 'content-type': 'application/json' },
        body: JSON.stringify({ fields: { author: 'protected' } }),
      });
      const a = JSON.stringify(await res.json()).replaceAll(c.doc, 'ID');
      expect(a).toBe(JSON.stringify(await other.json()).replaceAll(missing, 'ID'));
    },
  },
  'GET /documents/:id/related': {
    // Fingerprints every fixture document first (a no-op once done), so the lists are real ones.
    request: async ({ doc, f }) => {
      await f.core.services.similarity.updateSimilarity();
      return get(`/documents/${doc}/related`);
    },
    status: readable,
    check: async (res, c) => {
      if (res.status !== 200) {
        return sameAsMissing(res, c, '/related');
      }
      const body = (await res.json()) as {
        processed: boolean;
        nearDuplicates: { id: string }[];
        sameStory: { id: string }[];
      };
      expect(body.processed).toBe(true);
      const seen = SENSITIVITIES.filter((l) => sees(c.who, l)).map((l) => c.f.docs[l]);
      for (const d of [...body.nearDuplicates, ...body.sameStory]) {
        expect(seen).toContain(d.id);
      }
    },
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
  'GET /entities/candidates': {
    request: async ({ f }) => {
      await entityFixture(f);
      return get('/entities/candidates?limit=500');
    },
    status: signedIn,
    check: async (res, { who, level, f }) => {
      if (res.status !== 200) {
        return;
      }
      const pair = (await entityFixture(f))[level];
      const body = (await res.json()) as { pairs: { left: { id: string }; right: { id: string } }[] };
      for (const p of body.pairs) {
        for (const id of [p.left.id, p.right.id]) {
          expect(sees(who, entityLevel.get(id) ?? 'protected')).toBe(true);
        }
      }
      const listed = body.pairs.some(
        (p) => [p.left.id, p.right.id].sort().join() === [pair.a, pair.b].sort().join(),
      );
      expect(listed).toBe(sees(who, level));
    },
  },
  'POST /entities/judgements': {
    request: async ({ level, f }) => {
      const pair = (await entityFixture(f))[level];
      return post('/entities/judgements', { left: pair.a, right: pair.b, verdict: 'unsure', note: 'matrix' });
    },
    status: judges,
    check: async (res) => {
      if (res.status === 404) {
        expect(((await res.json()) as { error: { code: string } }).error.code).toBe('not_found');
      }
    },
  },
  'POST /entities/:id/split': {
    request: async ({ level, f }) => post(`/entities/${await mergedEntity(f, level)}/split`),
    status: judges,
  },
  'POST /match': {
    request: async ({ level, f }) => {
      await entityFixture(f);
      return post('/match', {
        queries: { q: { schema: 'Person', properties: { name: [`Dilshod Bahromov ${markerOf(level)}`] } } },
      });
    },
    status: anyone,
    check: async (res, { who, level, f }) => {
      const pair = (await entityFixture(f))[level];
      const body = (await res.json()) as { responses: { q: { results: { id: string }[] } } };
      const ids = body.responses.q.results.map((r) => r.id);
      for (const id of ids) {
        expect(sees(who, entityLevel.get(id) ?? 'protected')).toBe(true);
      }
      expect(ids.includes(pair.a)).toBe(sees(who, level));
    },
  },
  'POST /auth/login': {
    // Accounts log in with their own password; the others try a wrong one.
    fresh: true,
    // Each caller from an address of its own: the throttle (tested in auth.routes.test.ts) stays out.
    request: ({ who, f }) => ({
      ...post('/auth/login', {
        email: `${who}@example.org`,
        password: isAccount(who) ? 'an invented passphrase for tests' : 'a wrong password entirely',
        ...(f.code(who) ? { totp: f.code(who) } : {}),
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
  // Owners and admins of the matrix have enrolled already; replacing an authenticator is refused.
  'POST /auth/totp/setup': {
    request: () => post('/auth/totp/setup'),
    status: (who) => (who === 'owner' || who === 'admin' ? 409 : accountOnly(200)(who)),
  },
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
  'GET /review': {
    request: async ({ level, f }) => get(`/review?document=${(await reviewFixture(f))[level].doc}`),
    status: signedIn,
    check: async (res, { who, level }) => {
      if (res.status === 200) {
        const body = (await res.json()) as { total: number; items: { sensitivity: string }[] };
        expect(body.total > 0).toBe(sees(who, level));
        expect(body.items.every((i) => i.sensitivity === level)).toBe(true);
      }
    },
  },
  'POST /review/:id': {
    request: async ({ level, f }) =>
      post(`/review/${(await reviewFixture(f))[level].item}`, { action: 'accept', note: 'matrix' }),
    status: reviews,
    check: hiddenAsMissing,
  },
  'POST /review/bulk': {
    request: async ({ level, f }) =>
      post('/review/bulk', { ids: [(await reviewFixture(f))[level].item], action: 'reject' }),
    status: reviews,
    check: hiddenAsMissing,
  },
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

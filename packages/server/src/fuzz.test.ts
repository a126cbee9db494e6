import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { headersFor, openFixture, registeredRoutes, type Fixture } from '../test/authz-fixture.ts';

/**
 * Property-based fuzzing of every API route: random path parameters, query strings, bodies, content
 * types, callers and cookies. No answer may be a 5xx or carry a stack trace.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 80);

const KNOWN_KEYS = [
  'q',
  'lang',
  'from',
  'to',
  'page',
  'pageSize',
  'sort',
  'type',
  'format',
  'limit',
  'email',
  'password',
  'totp',
  'code',
  'paths',
  'workers',
  'sensitivity',
  'tactic',
  'kind',
  'status',
  'document',
  'offset',
  'action',
  'ids',
  'note',
  'correction',
];
const MALFORMED = ['%', '%E0%A4%A', '%zz', '%00', '..%2F..%2Fetc', '%C0%AF', '\u0000'];

const text = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 120 }),
  fc.string({ unit: 'binary-ascii', maxLength: 60 }),
  fc.constantFrom(
    '',
    ' ',
    '0',
    '-1',
    '1e309',
    'NaN',
    'null',
    '[]',
    '{}',
    '"',
    "'",
    '\\',
    '*',
    'a'.repeat(600),
  ),
);
const encoded = fc.oneof(
  { weight: 4, arbitrary: text.map(encodeURIComponent) },
  { weight: 1, arbitrary: fc.constantFrom(...MALFORMED) },
);
const query = fc
  .array(fc.tuple(fc.oneof(fc.constantFrom(...KNOWN_KEYS), text.map(encodeURIComponent)), encoded), {
    maxLength: 6,
  })
  .map((pairs) => pairs.map(([k, v]) => `${k}=${v}`).join('&'));
const body = fc.oneof(
  fc.jsonValue().map((v) => JSON.stringify(v)),
  fc.dictionary(fc.constantFrom(...KNOWN_KEYS), fc.jsonValue(), { maxKeys: 5 }).map((v) => JSON.stringify(v)),
  text,
  fc.constant(undefined),
);
const contentType = fc.constantFrom(
  'application/json',
  'text/plain',
  'application/x-www-form-urlencoded',
  undefined,
);
const caller = fc.constantFrom(
  'anonymous',
  'viewer',
  'owner',
  'local',
  'read-token',
  'write-token',
  'garbage-cookie',
  'garbage-bearer',
);

/** Header values may not hold control characters; the fetch API refuses them before we send. */
const cookieSafe = (v: string | undefined): string =>
  [...(v ?? '')].filter((ch) => ch.charCodeAt(0) > 0x1f && ch.charCodeAt(0) !== 0x7f).join('');

const STACK = /\n\s+at .+:\d+:\d+|node_modules|node:internal|\.ts:\d+:\d+/;

let f: Fixture;
beforeAll(async () => {
  f = await openFixture();
}, 120_000);
afterAll(async () => {
  await f.close();
});

describe('API fuzzing', () => {
  it('never answers 5xx or shows a stack trace, whatever the input', async () => {
    const statuses = new Map<number, number>();
    let sent = 0;
    const failures: string[] = [];
    for (const route of registeredRoutes(f.api)) {
      const [method = 'GET', pattern = '/'] = route.split(' ');
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.oneof(encoded, fc.constantFrom(...Object.values(f.docs), f.runId)), {
            minLength: 3,
            maxLength: 3,
          }),
          query,
          body,
          contentType,
          caller,
          fc.option(fc.constantFrom('https', 'http', 'gopher')),
          async (params, qs, payload, type, who, proto) => {
            let i = 0;
            const path = pattern.replace(/:[A-Za-z]+/g, () => params[i++] ?? 'x');
            // Local-token calls to /local/* would ingest real paths or load the demo: fuzz their gate only.
            const effective =
              (pattern.startsWith('/local/') && who === 'local') ||
              (pattern === '/auth/logout' && who !== 'anonymous' && who !== 'local')
                ? 'anonymous'
                : who;
            const headers: Record<string, string> =
              effective === 'garbage-cookie'
                ? {
                    cookie: `longarm_session=${cookieSafe(params[0])}; longarm_csrf=${cookieSafe(params[1])}`,
                  }
                : effective === 'garbage-bearer'
                  ? { authorization: `Bearer ${cookieSafe(params[0])}` }
                  : headersFor(f, effective, method);
            if (type) {
              headers['content-type'] = type;
            }
            if (proto) {
              headers['x-forwarded-proto'] = proto;
            }
            const res = await f.app.request(`/api${path}${qs ? `?${qs}` : ''}`, {
              method,
              headers,
              ...(method === 'GET' || payload === undefined ? {} : { body: payload }),
            });
            sent += 1;
            statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
            const answer = await res.text();
            if (res.status >= 500 || STACK.test(answer)) {
              failures.push(`${method} ${path}?${qs} as ${who}: ${res.status} ${answer.slice(0, 300)}`);
              console.log(`fuzz failure: ${failures.at(-1) ?? ''}`);
              return false;
            }
            return true;
          },
        ),
        { numRuns: RUNS },
      );
    }
    const fiveHundreds = [...statuses].filter(([s]) => s >= 500).reduce((n, [, c]) => n + c, 0);
    console.log(
      `fuzz: ${sent} requests over ${registeredRoutes(f.api).length} routes; 5xx: ${fiveHundreds}; statuses ${JSON.stringify(Object.fromEntries([...statuses].sort(([a], [b]) => a - b)))}`,
    );
    expect(failures).toEqual([]);
    expect(sent).toBeGreaterThanOrEqual(RUNS * registeredRoutes(f.api).length);
  }, 600_000);
});

import { createCore, createTestDbTarget, loadConfig, type Core, type TestDbTarget } from '@longarm/core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiApp } from './app.ts';

const silent = { info: () => undefined, error: () => undefined };
const PASSWORD = 'an invented passphrase for tests';

let core: Core;
let t: TestDbTarget;
let dataDir: string;
let app: ReturnType<typeof createApiApp>;
let doc = '';
let secret = '';
const tokens: Record<'viewer' | 'reviewer', string> = { viewer: '', reviewer: '' };

interface Item {
  id: string;
  kind: string;
  type: string;
  text: string;
  start: number;
  end: number;
  status: string;
  decidedBy: string | null;
  note: string | null;
  corrected: { start: number; end: number; text: string } | null;
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'longarm-review-'));
  t = await createTestDbTarget();
  core = await createCore(loadConfig({ LONGARM_DATA: dataDir }), { dbTarget: t.target });
  const text = (n: number) =>
    `Stations abroad ${n}\n\nThe Dutch government ordered two Chinese police stations in Rotterdam to close on 1 November 2022; ${n} people were questioned.`;
  const report = await core.services.ingest.ingestSources(
    [
      { path: 'open.txt', bytes: new TextEncoder().encode(text(40)), known: { sensitivity: 'internal' } },
      { path: 'secret.txt', bytes: new TextEncoder().encode(text(41)), known: { sensitivity: 'restricted' } },
    ],
    'test',
  );
  doc = report.ingested.find((d) => d.path === 'open.txt')?.id ?? '';
  secret = report.ingested.find((d) => d.path === 'secret.txt')?.id ?? '';
  for (const role of ['viewer', 'reviewer'] as const) {
    await core.services.accounts.addUser({ email: `${role}@example.org`, role, password: PASSWORD });
    tokens[role] = (
      await core.services.accounts.createToken({ email: `${role}@example.org`, scope: 'write', days: 1 })
    ).token;
  }
  app = createApiApp(core.services, silent);
}, 120_000);
afterAll(async () => {
  await core.close();
  await t.cleanup();
  rmSync(dataDir, { recursive: true, force: true });
});

const call = async (who: 'viewer' | 'reviewer', path: string, body?: unknown) => {
  const res = await app.request(path, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { authorization: `Bearer ${tokens[who]}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};
const list = async (query: string, who: 'viewer' | 'reviewer' = 'reviewer') => {
  const r = await call(who, `/review?${query}`);
  expect(r.status).toBe(200);
  return r.body as { items: Item[]; total: number };
};

describe('review API', () => {
  it('lists suggestions by filter, and hides a restricted document from a viewer', async () => {
    const all = await list(`document=${doc}&limit=1000`);
    expect(all.total).toBeGreaterThan(3);
    expect(new Set(all.items.map((i) => i.status))).toEqual(new Set(['pending']));
    const mentions = await list(`document=${doc}&kind=mention&limit=1000`);
    const claims = await list(`document=${doc}&kind=claim&limit=1000`);
    expect(mentions.total + claims.total).toBe(all.total);
    expect(claims.items.some((c) => c.type === 'figure')).toBe(true);
    expect((await list(`document=${secret}`, 'viewer')).total).toBe(0);
    expect((await list(`document=${secret}`)).total).toBeGreaterThan(0);
    expect((await call('reviewer', '/review?status=maybe')).status).toBe(400);
    expect((await call('reviewer', '/review?limit=0')).status).toBe(400);
  });

  it('accepts, rejects and edits one at a time, and bulk-accepts', async () => {
    const pending = (await list(`document=${doc}&status=pending&limit=1000`)).items;
    const [a, b, c, ...rest] = pending;
    if (!a || !b || !c || rest.length < 1) {
      throw new Error('expected at least four suggestions');
    }
    const accepted = await call('reviewer', `/review/${a.id}`, { action: 'accept' });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({
      id: a.id,
      status: 'accepted',
      decidedBy: expect.stringMatching(/^user:/),
    });
    const rejected = await call('reviewer', `/review/${b.id}`, { action: 'reject', note: 'a common word' });
    expect(rejected.body).toMatchObject({ status: 'rejected', note: 'a common word' });
    const edited = await call('reviewer', `/review/${c.id}`, {
      action: 'edit',
      correction: { start: c.start, end: c.end + 1 },
    });
    expect(edited.status).toBe(200);
    const e = edited.body as unknown as Item;
    expect([e.status, e.text, e.start, e.end]).toEqual(['edited', c.text, c.start, c.end]);
    expect(e.corrected?.text).toHaveLength(c.text.length + 1);

    const bulk = await call('reviewer', '/review/bulk', { ids: rest.map((i) => i.id), action: 'accept' });
    expect(bulk.status).toBe(200);
    expect((bulk.body.items as Item[]).every((i) => i.status === 'accepted')).toBe(true);
    expect((await list(`document=${doc}&status=pending`)).total).toBe(0);

    const log = await core.services.audit.recent(100);
    expect(log.filter((l) => l.action === 'review.accept')).toHaveLength(1 + rest.length);
    expect(log.filter((l) => l.action === 'review.edit').map((l) => l.recordId)).toEqual([c.id]);
  });

  it('refuses viewers, bad bodies, and suggestions the caller cannot see', async () => {
    const one = (await list(`document=${doc}&kind=claim`)).items[0];
    const hidden = (await list(`document=${secret}`)).items[0];
    if (!one || !hidden) {
      throw new Error('expected suggestions');
    }
    expect((await call('viewer', `/review/${one.id}`, { action: 'accept' })).status).toBe(403);
    expect((await call('viewer', '/review/bulk', { ids: [one.id], action: 'accept' })).status).toBe(403);
    expect((await call('reviewer', `/review/${one.id}`, { action: 'approve' })).status).toBe(400);
    expect((await call('reviewer', `/review/${one.id}`, { action: 'edit' })).status).toBe(400);
    expect(
      (await call('reviewer', `/review/${one.id}`, { action: 'edit', correction: { start: 3, end: 2 } }))
        .status,
    ).toBe(400);
    expect((await call('reviewer', '/review/bulk', { ids: [], action: 'accept' })).status).toBe(400);
    expect((await call('reviewer', '/review/clm_nothing', { action: 'accept' })).status).toBe(404);
    // The viewer cannot see the restricted document, so not even its suggestion ids exist for them.
    const res = await app.request(`/review/${hidden.id}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens.viewer}`, 'content-type': 'text/plain' },
      body: 'not json',
    });
    expect(res.status).toBe(403);
    const plain = await app.request(`/review/${one.id}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens.reviewer}`, 'content-type': 'text/plain' },
      body: '{"action":"accept"}',
    });
    expect(plain.status).toBeLessThan(500);
    expect(
      (await call('reviewer', `/review/${one.id}`, { action: 'reject', note: 'x'.repeat(3000) })).status,
    ).toBe(400);
  });

  it('publishes the review routes in the OpenAPI document', async () => {
    const spec = (await (await app.request('/openapi.json')).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(spec.paths)).toEqual(
      expect.arrayContaining(['/review', '/review/bulk', '/review/{id}']),
    );
  });
});

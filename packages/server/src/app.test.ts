import {
  DocumentResponseSchema,
  ErrorResponseSchema,
  HealthResponseSchema,
  SearchResponseSchema,
} from '@longarm/contracts';
import { createCore, createTestDbTarget, loadConfig, type Core } from '@longarm/core';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpApp } from './server.ts';

let core: Core;
let app: Hono;
let dataDir: string;
let cleanup: () => Promise<void>;
const LOCAL_TOKEN = 'a-local-token-for-tests';
const silent = { info: () => undefined, error: () => undefined, flush: () => undefined } as never;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'longarm-server-'));
  const t = await createTestDbTarget();
  cleanup = t.cleanup;
  core = await createCore(loadConfig({ LONGARM_DATA: dataDir }), { dbTarget: t.target });
  const pub = { sensitivity: 'public' as const };
  const report = await core.services.ingest.ingestSources(
    [
      {
        path: 'a.txt',
        bytes: new TextEncoder().encode(
          'Calgary officials on a list\n\nA city office kept a list of foreign officials, among them the mayor of Calgary.',
        ),
        known: pub,
      },
      {
        path: 'b.txt',
        bytes: new TextEncoder().encode('大庆市外事办公室的名单\n\n名单上有外国官员和商人。'),
        known: pub,
      },
      {
        path: 'internal.txt',
        bytes: new TextEncoder().encode(
          'Internal source note\n\nAn invented informant described the Calgary office.',
        ),
      },
    ],
    'test',
  );
  expect(report.failed).toEqual([]);
  const webDir = join(dataDir, 'web');
  mkdirSync(join(webDir, 'assets'), { recursive: true });
  writeFileSync(join(webDir, 'index.html'), '<!doctype html><title>longarm</title><div id="root"></div>');
  app = createHttpApp(core, silent, webDir, LOCAL_TOKEN);
});
afterAll(async () => {
  await core.close();
  await cleanup();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('HTTP API', () => {
  it('answers health', async () => {
    const res = await app.request('/api/health');
    expect(res.status).toBe(200);
    expect(HealthResponseSchema.parse(await res.json())).toEqual({ status: 'ok' });
  });

  it('searches in Latin and Chinese script', async () => {
    const en = SearchResponseSchema.parse(await (await app.request('/api/search?q=calgary')).json());
    expect(en.hits.map((h) => h.title)).toEqual(['Calgary officials on a list']);
    const zh = SearchResponseSchema.parse(
      await (await app.request(`/api/search?q=${encodeURIComponent('名单')}`)).json(),
    );
    expect(zh.hits.map((h) => h.language)).toEqual(['zh']);
    expect(zh.facets.language).toEqual([{ value: 'zh', count: 1 }]);
  });

  it('returns a document with highlights and its original file', async () => {
    const hit = SearchResponseSchema.parse(await (await app.request('/api/search?q=mayor')).json()).hits[0];
    const res = await app.request(`/api/documents/${hit?.id ?? ''}?q=mayor`);
    const doc = DocumentResponseSchema.parse(await res.json());
    expect(doc.highlights.map((h) => doc.text.slice(h.start, h.end))).toEqual(['mayor']);
    const original = await app.request(`/api/documents/${doc.id}/original`);
    expect(original.headers.get('content-disposition')).toContain('a.txt');
    expect(await original.text()).toContain('mayor of Calgary');
  });

  it('shows anonymous visitors public records only, the local CLI everything, and hides the rest as not found', async () => {
    const anonymous = SearchResponseSchema.parse(await (await app.request('/api/search?q=calgary')).json());
    expect(anonymous.hits.map((h) => h.title)).toEqual(['Calgary officials on a list']);
    expect(anonymous.facets.language).toEqual([{ value: 'en', count: 1 }]);
    const local = SearchResponseSchema.parse(
      await (
        await app.request('/api/search?q=calgary', { headers: { 'x-longarm-local-token': LOCAL_TOKEN } })
      ).json(),
    );
    expect(local.hits.map((h) => h.title).sort()).toEqual([
      'Calgary officials on a list',
      'Internal source note',
    ]);
    const hiddenId = local.hits.find((h) => h.title === 'Internal source note')?.id ?? '';
    const hidden = await app.request(`/api/documents/${hiddenId}`);
    expect(hidden.status).toBe(404);
    expect((await app.request(`/api/documents/${hiddenId}/original`)).status).toBe(404);
    const csv = await (await app.request('/api/export?type=documents&format=csv')).text();
    expect(csv).not.toContain('Internal source note');
    expect((await app.request('/api/search?q=informnt')).status).toBe(200);
    const typo = SearchResponseSchema.parse(await (await app.request('/api/search?q=informnt')).json());
    expect(typo).toMatchObject({ total: 0, corrections: [] });
    expect((await app.request('/api/runs')).status).toBe(401);
    expect(
      (await app.request('/api/runs', { headers: { 'x-longarm-local-token': LOCAL_TOKEN } })).status,
    ).toBe(200);
  });

  it('answers errors in one shape with the status from the table', async () => {
    const missing = await app.request('/api/documents/doc_000000000000000000000000');
    expect(missing.status).toBe(404);
    expect(ErrorResponseSchema.parse(await missing.json()).error.code).toBe('not_found');
    const bad = await app.request('/api/search?q=x&limit=5000');
    expect(bad.status).toBe(400);
    expect(ErrorResponseSchema.parse(await bad.json()).error.message).toMatch(/limit/);
    const unsupported = await app.request('/api/export?type=incidents&format=geojson');
    expect(unsupported.status).toBe(400);
  });

  it('exports the filtered documents as CSV', async () => {
    const res = await app.request('/api/export?type=documents&format=csv&q=calgary');
    const lines = (await res.text()).trim().split('\n');
    expect(res.headers.get('content-type')).toContain('text/csv');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('Calgary officials on a list');
  });

  it('publishes an OpenAPI document generated from the contracts', async () => {
    const spec = (await (await app.request('/api/openapi.json')).json()) as {
      paths: Record<string, unknown>;
    };
    expect(Object.keys(spec.paths)).toEqual(
      expect.arrayContaining(['/health', '/search', '/documents/{id}']),
    );
  });

  it('serves the web app on client routes and 404 for a missing asset', async () => {
    const page = await app.request('/documents/doc_123');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');
    expect((await app.request('/assets/old-build.js')).status).toBe(404);
  });

  it('sets strict security headers on every response', async () => {
    const res = await app.request('/');
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
  });
});

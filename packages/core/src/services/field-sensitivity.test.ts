import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Viewer } from '../domain/account.ts';
import { ANONYMOUS_VIEWER } from '../domain/account.ts';
import { openTestCore, utf8, type TestCore } from '../../test/factories.ts';

/** A web page whose byline names a source who must stay hidden (invented person and outlet). */
const page = (title: string, author: string, body: string) =>
  utf8(`<!doctype html><html><head><title>${title}</title>
<meta name="author" content="${author}"><link rel="canonical" href="https://news.example.org/${title.replace(/\W+/g, '-')}">
</head><body><article><h1>${title}</h1><p>${body}</p><p>${body}</p></article></body></html>`);

let t: TestCore;
let first: string;
let second: string;
const analyst: Viewer = { kind: 'user', id: 'usr_analyst', role: 'analyst' };
const admin: Viewer = { kind: 'user', id: 'usr_admin', role: 'admin' };
const viewer: Viewer = { kind: 'user', id: 'usr_viewer', role: 'viewer' };

beforeAll(async () => {
  t = await openTestCore();
  const report = await t.core.services.ingest.ingestSources(
    [
      {
        path: 'first.html',
        bytes: page(
          'Harbour station visited twice',
          'Wen Qiaolin',
          'Volunteers counted visitors at the harbour office of the hometown association over two weeks in spring.',
        ),
        known: { sensitivity: 'public' },
      },
      {
        path: 'second.html',
        bytes: page(
          'Second visit to the harbour office',
          'Wen Qiaolin',
          'A second visit to the same harbour office found the sign removed and the door locked on a weekday.',
        ),
        known: { sensitivity: 'public' },
      },
    ],
    'test',
    { extract: false },
  );
  expect(report.failed).toEqual([]);
  [first, second] = ['first.html', 'second.html'].map(
    (p) => report.ingested.find((d) => d.path === p)?.id ?? '',
  ) as [string, string];
});
afterAll(async () => {
  await t.close();
});

describe('field-level sensitivity', () => {
  it('withholds a protected byline as a pseudonym and a restricted address as nothing, per reader', async () => {
    const docs = t.core.services.documents;
    const plain = await docs.get(first, undefined, ANONYMOUS_VIEWER);
    expect(plain.author).toBe('Wen Qiaolin');
    expect(plain.withheld).toBeUndefined();

    for (const id of [first, second]) {
      const set = await docs.classify(id, { fields: { author: 'protected', url: 'restricted' } }, analyst);
      expect(set).toEqual({ id, sensitivity: 'public', fields: { author: 'protected', url: 'restricted' } });
    }
    const anon = await docs.get(first, undefined, ANONYMOUS_VIEWER);
    expect(anon.author).toMatch(/^anon-[0-9a-f]{10}$/);
    expect(anon.url).toBeNull();
    expect(anon.withheld).toEqual(['author', 'url']);
    expect(JSON.stringify(anon)).not.toContain('Wen Qiaolin');
    // The same source gets the same pseudonym in every record, so readers can still link them.
    expect((await docs.get(second, undefined, ANONYMOUS_VIEWER)).author).toBe(anon.author);

    const asAnalyst = await docs.get(first, undefined, analyst);
    expect(asAnalyst.url).toMatch(/^https:\/\/news\.example\.org\//);
    expect(asAnalyst.author).toBe(anon.author);
    expect(asAnalyst.withheld).toEqual(['author']);

    const asAdmin = await docs.get(first, undefined, admin);
    expect(asAdmin.author).toBe('Wen Qiaolin');
    expect(asAdmin.withheld).toBeUndefined();
  });

  it('applies the same masks to search hits and exports, and refuses the original file', async () => {
    const search = await t.core.services.search.search(
      { q: 'harbour', limit: 10, offset: 0 },
      ANONYMOUS_VIEWER,
    );
    expect(search.total).toBe(2);
    for (const hit of search.hits) {
      expect(hit.url).toBeNull();
      expect(hit.withheld).toEqual(['url']);
    }
    // The byline is no searchable text: its words find nothing for anyone.
    expect((await t.core.services.search.search({ q: 'Qiaolin', limit: 10, offset: 0 }, admin)).total).toBe(
      0,
    );

    let csv = '';
    for await (const line of t.core.services.export.exportRecords(
      { type: 'documents', format: 'csv', query: 'harbour' },
      viewer,
    )) {
      csv += line;
    }
    expect(csv.trim().split('\n')).toHaveLength(3);
    expect(csv).not.toContain('news.example.org');
    let full = '';
    for await (const line of t.core.services.export.exportRecords(
      { type: 'documents', format: 'csv' },
      admin,
    )) {
      full += line;
    }
    expect(full).toContain('news.example.org');

    await expect(t.core.services.documents.getOriginal(first, viewer)).rejects.toMatchObject({
      code: 'forbidden',
    });
    const original = await t.core.services.documents.getOriginal(first, admin);
    expect(original.bytes.toString('utf8')).toContain('Wen Qiaolin');
  });

  it('lets writers raise levels, leaves lowering to admins, and refuses nonsense with a clear error', async () => {
    const docs = t.core.services.documents;
    await expect(docs.classify(first, { fields: { url: null } }, analyst)).rejects.toMatchObject({
      code: 'forbidden',
      message: expect.stringContaining('admins and owners'),
    });
    await expect(docs.classify(first, { sensitivity: 'internal' }, viewer)).rejects.toMatchObject({
      code: 'forbidden',
    });
    await expect(docs.classify(first, { fields: { title: 'protected' } }, analyst)).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('"title" is not a document field'),
    });
    await expect(docs.classify(first, { fields: { url: 'public' } }, admin)).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('must be above'),
    });
    // Nothing of the refused changes was stored.
    expect((await docs.get(first, undefined, analyst)).withheld).toEqual(['author']);

    const lowered = await docs.classify(first, { fields: { url: null } }, admin);
    expect(lowered.fields).toEqual({ author: 'protected' });
    expect((await docs.get(first, undefined, ANONYMOUS_VIEWER)).url).toMatch(/^https:/);

    // Raising the whole record hides it from readers below the new level, like any other record.
    await docs.classify(second, { sensitivity: 'restricted' }, analyst);
    await expect(docs.get(second, undefined, viewer)).rejects.toMatchObject({ code: 'not_found' });
    const log = await t.core.services.audit.recent(50);
    expect(log.filter((e) => e.action === 'document.classify').length).toBe(4);
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SearchRequestSchema } from '@longarm/contracts';
import { CORPUS, openTestCore, utf8, type TestCore } from '../../test/factories.ts';

// Store suite: runs on PGlite in `npm test` and on PostgreSQL with TEST_DATABASE_URL.
let t: TestCore;
beforeEach(async () => {
  t = await openTestCore();
  const report = await t.core.services.ingest.ingestSources(
    CORPUS.map((c, i) => ({
      path: c.name,
      bytes: utf8(c.text),
      known: { publishedAt: `202${i}-0${i + 1}-15` },
    })),
    'test corpus',
  );
  expect(report.failed).toEqual([]);
});
afterEach(async () => {
  await t.close();
});

const search = (q: string, extra: Record<string, unknown> = {}) =>
  t.core.services.search.search(SearchRequestSchema.parse({ q, ...extra }));
const titles = async (q: string, extra: Record<string, unknown> = {}): Promise<string[]> =>
  (await search(q, extra)).hits.map((h) => h.title);

describe('search', () => {
  it('detects each document language on ingest', async () => {
    const all = await search('', { limit: 50 });
    expect(Object.fromEntries(all.hits.map((h) => [h.title.slice(0, 8), h.language]))).toEqual({
      Overseas: 'en',
      Register: 'sv',
      福州市公安局的海: 'zh',
      'Retours ': 'fr',
      Politiep: 'nl',
    });
  });

  it('finds a two-character Chinese word inside unsegmented Chinese text', async () => {
    expect(await titles('海外')).toEqual(['福州市公安局的海外服务站']);
    expect(await titles('公安局')).toEqual(['福州市公安局的海外服务站']);
  });

  it('finds Chinese documents from a pinyin query and marks the characters', async () => {
    const r = await search('Fuzhou');
    expect(r.hits.map((h) => h.title).sort()).toEqual([
      'Overseas police stations in Toronto',
      '福州市公安局的海外服务站',
    ]);
    const zh = r.hits.find((h) => h.language === 'zh');
    expect(zh?.snippet.filter((s) => s.hit).map((s) => s.text)).toContain('福州');
  });

  it('finds inflected forms through the document language stemmer', async () => {
    expect(await titles('station')).toEqual(['Overseas police stations in Toronto']);
    expect(await titles('utlänning')).toEqual(['Register över utlänningar i Daqing']);
  });

  it('ignores case and accents on both sides', async () => {
    expect(await titles('FORCES')).toEqual(['Retours forcés vers la Chine']);
  });

  it('corrects a typo in a name to the closest indexed word and says so', async () => {
    const r = await search('Rotterdan');
    expect(r.hits.map((h) => h.title)).toEqual(['Politiepost in Rotterdam onderzocht']);
    expect(r.corrections).toEqual([expect.objectContaining({ from: 'rotterdan', to: 'rotterdam' })]);
  });

  it('marks the matched words in the snippet', async () => {
    const r = await search('Toronto');
    expect(r.hits[0]?.snippet.filter((s) => s.hit).map((s) => s.text)).toContain('Toronto');
  });

  it('filters by language and date and counts facets over the matches', async () => {
    const r = await search('', { lang: 'sv,fr' });
    expect(r.total).toBe(2);
    expect(r.facets.language.map((f) => f.value).sort()).toEqual(['en', 'fr', 'nl', 'sv', 'zh']);
    expect((await search('', { from: '2022', to: '2023' })).hits.map((h) => h.publishedAt)).toEqual([
      '2023-04-15',
      '2022-03-15',
    ]);
    expect(r.facets.year.find((f) => f.value === '2021')?.count).toBe(1);
  });

  it('stores the same bytes once and records every path they came from', async () => {
    const again = await t.core.services.ingest.ingestSources(
      [{ path: 'copy/of/en-stations.txt', bytes: utf8(CORPUS[0]?.text ?? '') }],
      'test',
    );
    expect(again.ingested).toEqual([]);
    expect(again.duplicates).toHaveLength(1);
    const doc = await t.core.services.documents.get(again.duplicates[0]?.id ?? '', 'toronto');
    expect(doc.fileNames).toEqual(['en-stations.txt', 'copy/of/en-stations.txt']);
    expect(doc.highlights.map((h) => doc.text.slice(h.start, h.end))).toEqual(['Toronto', 'Toronto']);
    expect(await t.core.services.documents.count()).toBe(CORPUS.length);
  });

  it('exports exactly the documents the filter matches', async () => {
    let csv = '';
    for await (const line of t.core.services.export.exportRecords({
      type: 'documents',
      format: 'csv',
      query: 'police OR politiepost',
    })) {
      csv += line;
    }
    const rows = csv.trim().split('\n');
    expect(rows[0]).toMatch(/^id,title,language/);
    expect(rows.slice(1).map((r) => r.split(',')[2])).toEqual(expect.arrayContaining(['en', 'nl']));
    expect(rows).toHaveLength(3);
  });

  it('keeps the original bytes in the blob store', async () => {
    const first = (await search('Toronto')).hits[0];
    const original = await t.core.services.documents.getOriginal(first?.id ?? '');
    expect(original.bytes.toString('utf8')).toBe(CORPUS[0]?.text);
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SearchRequestSchema } from '@longarm/contracts';
import { openTestCore, type TestCore } from '../../test/factories.ts';
import { DEMO_RECORDS } from './demo.service.ts';

const CASES = [
  'talent-list',
  'health-register',
  'exit-rules',
  'forced-returns',
  'overseas-stations',
  'overseas-110-hotline',
  'leaker-prison-terms',
  'sister-cities',
];

describe('demo workspace records', () => {
  it('cover every seed case in at least English, Chinese, Swedish, French and Dutch, each with its source', () => {
    expect(DEMO_RECORDS.length).toBeGreaterThanOrEqual(25);
    expect(DEMO_RECORDS.length).toBeLessThanOrEqual(40);
    const languages = new Set(DEMO_RECORDS.map((r) => r.language));
    for (const lang of ['en', 'zh', 'sv', 'fr', 'nl']) {
      expect(languages).toContain(lang);
    }
    for (const c of CASES) {
      expect(DEMO_RECORDS.filter((r) => r.case === c).length, c).toBeGreaterThanOrEqual(2);
    }
    expect(new Set(DEMO_RECORDS.map((r) => r.slug)).size).toBe(DEMO_RECORDS.length);
    for (const r of DEMO_RECORDS) {
      expect(r.url === null || /^https?:\/\/[^\s]+$/.test(r.url), r.slug).toBe(true);
      expect(r.outlet.length, r.slug).toBeGreaterThan(2);
      expect(r.published, r.slug).toMatch(/^\d{4}(-\d{2}(-\d{2})?)?$/);
    }
  });
});

describe('demo load', () => {
  let t: TestCore;
  beforeEach(async () => {
    t = await openTestCore();
  });
  afterEach(async () => {
    await t.close();
  });

  it('loads every record once and makes them searchable in their own scripts', async () => {
    const first = await t.core.services.demo.load();
    expect(first.failed).toEqual([]);
    expect(first.ingested).toHaveLength(DEMO_RECORDS.length);
    const again = await t.core.services.demo.load();
    expect(again.ingested).toEqual([]);
    const search = (q: string) => t.core.services.search.search(SearchRequestSchema.parse({ q, limit: 100 }));
    const zh = await search('福州');
    expect(zh.total).toBeGreaterThan(0);
    expect(zh.hits.every((h) => h.language === 'zh' || h.snippet.some((s) => s.hit))).toBe(true);
    expect(zh.hits.map((h) => h.language)).toContain('zh');
    expect((await search('Calgary')).total).toBeGreaterThan(0);
    expect((await search('politiepost')).hits.map((h) => h.language)).toContain('nl');
  });
});

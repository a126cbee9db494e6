import { describe, expect, it } from 'vitest';
import { SearchRequestSchema } from './search.schema.ts';

describe('SearchRequestSchema', () => {
  it('reads comma-separated languages and defaults paging', () => {
    expect(SearchRequestSchema.parse({ q: 'x', lang: 'en, zh,' })).toEqual({
      q: 'x',
      lang: ['en', 'zh'],
      limit: 20,
      offset: 0,
    });
  });

  it('rejects dates that are not ISO and pages that are too large', () => {
    expect(SearchRequestSchema.safeParse({ from: '12/10/2022' }).success).toBe(false);
    expect(SearchRequestSchema.safeParse({ from: '2020-13' }).success).toBe(false);
    expect(SearchRequestSchema.safeParse({ to: '2020-02-32' }).success).toBe(false);
    expect(SearchRequestSchema.safeParse({ limit: 1000 }).success).toBe(false);
    expect(SearchRequestSchema.parse({ from: '2022-10' }).from).toBe('2022-10');
  });
});

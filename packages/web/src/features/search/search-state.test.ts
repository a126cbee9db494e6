import { describe, expect, it } from 'vitest';
import { MAX_PAGE, applyCorrections, parseSearchState, toSearchUrl } from './search-state.ts';

describe('search state in the URL', () => {
  it('round-trips every filter', () => {
    const state = { q: '福州 police', languages: ['en', 'zh'], from: '2020', to: '2023-06-30', page: 3 };
    const url = toSearchUrl(state);
    expect(url).toBe('/search?q=%E7%A6%8F%E5%B7%9E+police&lang=en%2Czh&from=2020&to=2023-06-30&page=3');
    expect(parseSearchState(url.slice(url.indexOf('?')))).toEqual(state);
  });

  it('leaves defaults out of the URL', () => {
    expect(toSearchUrl({ q: '', languages: [], page: 1 })).toBe('/search');
  });

  it('ignores malformed dates and pages, and repeated languages', () => {
    expect(parseSearchState('?from=last+year&to=2021-1&page=-4&lang=en,,en&lang=zh')).toEqual({
      q: '',
      languages: ['en', 'zh'],
      from: undefined,
      to: undefined,
      page: 1,
    });
    expect(parseSearchState('?page=999999').page).toBe(MAX_PAGE);
  });
});

describe('applyCorrections', () => {
  it('replaces whole words only, whatever their case', () => {
    expect(applyCorrections('Mayor Nenshy of nenshyville', [{ from: 'nenshy', to: 'nenshi' }])).toBe(
      'Mayor nenshi of nenshyville',
    );
  });
});

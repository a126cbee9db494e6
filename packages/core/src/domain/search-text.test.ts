import { describe, expect, it } from 'vitest';
import {
  buildSnippet,
  findQueryHits,
  foldText,
  listSearchTerms,
  toQueryText,
  toSearchText,
} from './search-text.ts';

describe('search text', () => {
  it('folds case and diacritics without moving any offset', () => {
    const text = 'Škoda, ÉMIGRÉS und Grüße aus Malmö 🙂';
    const folded = foldText(text);
    expect(folded).toHaveLength(text.length);
    expect(folded).toContain('skoda, emigres');
    expect(folded).toContain('malmo');
  });

  it('cuts Chinese runs into overlapping bigrams so any two-character word is a token', () => {
    expect(toSearchText('福州市公安局 in Prague')).toMatch(/^福州 州市 市公 公安 安局 in prague fuzhou /);
    expect(toSearchText('站')).toBe('站 zhan');
  });

  it('indexes Han text with its pinyin so Latin-script queries reach it', () => {
    const tokens = toSearchText('福州市公安局').split(' ');
    expect(tokens).toEqual(expect.arrayContaining(['fuzhou', 'gongan', 'gonganju']));
    const text = '报道称福州市公安局设立了服务站';
    expect(findQueryHits(text, 'Fuzhou').map((h) => text.slice(h.start, h.end))).toEqual(['福州']);
  });

  it('turns a Chinese query into a phrase of its bigrams', () => {
    expect(toQueryText('公安局 OR Fuzhou').trim()).toBe('"公安 安局" or fuzhou');
    expect(toQueryText('"福州市"').trim()).toBe('" 福州 州市 "');
  });

  it('normalises queries and documents the same way', () => {
    expect(toSearchText('  ＣＡＬＧＡＲＹ  Mayor ')).toBe('calgary mayor');
    expect(toSearchText('Malmö')).toBe(toSearchText('MALMO'));
  });

  it('finds query words in the original text, as prefixes for Latin words and anywhere for Chinese', () => {
    const text = 'Stations opened. 海外警务服务站 in Prague; the STATION closed.';
    const hits = findQueryHits(text, 'station 服务站');
    expect(hits.map((h) => text.slice(h.start, h.end))).toEqual(['Stations', '服务站', 'STATION']);
  });

  it('cuts a snippet around the first hit with the hit marked', () => {
    const text = `${'word '.repeat(100)}Calgary mayor ${'tail '.repeat(100)}`;
    const snippet = buildSnippet(text, findQueryHits(text, 'calgary'));
    expect(snippet.filter((s) => s.hit).map((s) => s.text)).toEqual(['Calgary']);
    expect(snippet[0]?.text).toBe('… ');
  });

  it('offers Latin words and pinyin, not CJK runs, as typo-correction terms', () => {
    expect(listSearchTerms(toSearchText('Nenshi met 福州 officials in Calgary'))).toEqual([
      'nenshi',
      'met',
      'officials',
      'calgary',
      'fuzhou',
    ]);
  });
});

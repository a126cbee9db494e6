import { describe, expect, it } from 'vitest';
import { toIndexText, toSearchText } from './search-text.ts';

describe('index text split for the writer', () => {
  it('gives the words and the pinyin set that together make the search text', () => {
    for (const text of [
      '福州市公安局 in Prague, 海外警务服务站 closed',
      'Malmö: ÉMIGRÉS und Grüße',
      '站',
      '東京の警察署と福州',
      '',
    ]) {
      const { words, romanised } = toIndexText(text);
      expect([words, ...romanised].join(' ').trim()).toBe(toSearchText(text));
    }
  });

  it('keeps the bigrams in the words and the pinyin out of them', () => {
    const { words, romanised } = toIndexText('福州市公安局');
    expect(words).toBe('福州 州市 市公 公安 安局');
    expect(romanised).toEqual(expect.arrayContaining(['fuzhou', 'gongan', 'gonganju']));
    expect(new Set(romanised).size).toBe(romanised.length);
    expect(toIndexText('plain Latin text').romanised).toEqual([]);
  });
});

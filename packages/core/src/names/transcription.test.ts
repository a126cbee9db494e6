import { describe, expect, it } from 'vitest';
import { compareNames } from './index.ts';
import { cyrillicLatinSimilarity, hanLatinSimilarity, splitPinyin } from './transcription.ts';
import { pinyinInventory, segmentSyllables, wadeGilesReverseTable, wadeGilesToPinyin } from './wadegiles.ts';

const score = (a: string, b: string): number => compareNames(a, b, 'Person').score;
const feature = (a: string, b: string, name: string): string | undefined =>
  compareNames(a, b, 'Person').features.find((f) => f.name === name)?.note;

describe('Wade–Giles back to pinyin', () => {
  it('reverses our forward table, unaspirated reading first', () => {
    const table = wadeGilesReverseTable();
    expect(table.get('hsiao')).toEqual(['xiao']);
    expect(table.get('chien')?.[0]).toBe('jian');
    expect(table.get('chien')).toContain('qian');
    expect(table.get('kuo')).toContain('guo');
  });

  it('segments romanisations written without spaces', () => {
    expect(segmentSyllables('xiaojianhua', pinyinInventory())).toEqual(['xiao', 'jian', 'hua']);
    expect(segmentSyllables('smith', pinyinInventory())).toBeUndefined();
  });

  it('rewrites Wade–Giles words and leaves pinyin and Western words alone', () => {
    expect(wadeGilesToPinyin('hsiao')).toBe('xiao');
    expect(wadeGilesToPinyin('chienhua')).toBe('jianhua');
    expect(wadeGilesToPinyin('chingkuo')).toBe('jingguo');
    expect(wadeGilesToPinyin('tsetung')).toBe('zedong');
    expect(wadeGilesToPinyin('chen')).toBeUndefined();
    expect(wadeGilesToPinyin('chris')).toBeUndefined();
    expect(wadeGilesToPinyin('betts')).toBeUndefined();
  });

  it('matches Latin names across Wade–Giles and pinyin', () => {
    expect(score('Hsiao Chien-hua', 'Xiao Jianhua')).toBeGreaterThanOrEqual(0.95);
    expect(score('Chiang Ching-kuo', 'Jiang Jingguo')).toBeGreaterThanOrEqual(0.95);
    expect(score('Hsiao Chien-hua', 'Xiao Jianguo')).toBeLessThan(score('Hsiao Chien-hua', 'Xiao Jianhua'));
  });
});

describe('Latin read against Han characters', () => {
  it('splits pinyin syllables into initial and final', () => {
    expect(splitPinyin('zhuang')).toEqual(['zh', 'uang']);
    expect(splitPinyin('xue')).toEqual(['x', 've']);
    expect(splitPinyin('an')).toEqual(['', 'an']);
  });

  it('reads Wade–Giles, pinyin and given-name-first order', () => {
    expect(hanLatinSimilarity(['肖建华'], ['hsiao', 'chienhua']).similarity).toBeGreaterThan(0.95);
    const swapped = hanLatinSimilarity(['肖建华'], ['jianhua', 'xiao']);
    expect(swapped.surnameLast).toBe(true);
    expect(swapped.similarity).toBeGreaterThan(0.95);
    expect(compareNames('肖建华', 'Jianhua Xiao', 'Person').match).toBe(true);
  });

  it('knows Cantonese, Hokkien and Taiwanese surname spellings and surname readings', () => {
    expect(compareNames('陈家明', 'Chan Ka-ming', 'Person').match).toBe(true);
    expect(compareNames('陈家明', 'Tan Kah Beng', 'Person').score).toBeGreaterThan(
      compareNames('林家明', 'Tan Kah Beng', 'Person').score,
    );
    expect(compareNames('蔡英文', 'Tsai Ing-wen', 'Person').match).toBe(true);
    // 单 and 曾 read shan and zeng as family names
    expect(compareNames('单田芳', 'Shan Tianfang', 'Person').match).toBe(true);
    expect(compareNames('曾荫权', 'Tsang Yam-kuen', 'Person').match).toBe(true);
    expect(feature('曾荫权', 'Tsang Yam-kuen', 'han_reading')).toContain('Cantonese');
  });

  it('reads foreign names written in characters, and short characters do not swallow long names', () => {
    expect(hanLatinSimilarity(['海因斯'], ['heines']).similarity).toBeGreaterThan(
      hanLatinSimilarity(['何'], ['heines']).similarity,
    );
    expect(score('海德格尔', 'Heidegger')).toBeGreaterThan(score('何', 'Heidegger'));
    expect(compareNames('施瓦辛格', 'Schwarzenegger', 'Person').match).toBe(true);
  });

  it('keeps unrelated names apart', () => {
    expect(compareNames('汪洋', 'Li Qiang', 'Person').match).toBe(false);
    expect(compareNames('习近平', 'Wen Jiabao', 'Person').match).toBe(false);
  });
});

describe('Latin read against Cyrillic letters', () => {
  it('matches German, English and French spellings of Russian names', () => {
    expect(compareNames('Чайковский', 'Tschaikowski', 'Person').match).toBe(true);
    expect(compareNames('Чайковский', 'Tchaikovsky', 'Person').match).toBe(true);
    expect(compareNames('Хрущёв', 'Chruschtschow', 'Person').match).toBe(true);
    expect(feature('Чайковский', 'Tschaikowski', 'cyrillic_reading')).toBeDefined();
  });

  it('handles ё, -ий endings, ks/x and word order', () => {
    expect(cyrillicLatinSimilarity(['лёрх'], ['lorch'])).toBeGreaterThan(
      cyrillicLatinSimilarity(['лорк'], ['lorch']) - 0.1,
    );
    expect(cyrillicLatinSimilarity(['максим'], ['maxim'])).toBeGreaterThan(0.95);
    expect(cyrillicLatinSimilarity(['достоевский'], ['dostoevsky'])).toBeGreaterThan(0.95);
    expect(compareNames('Фёдор Достоевский', 'Dostoyevsky Fyodor', 'Person').match).toBe(true);
  });

  it('skips a patronymic the Latin form leaves out', () => {
    const c = compareNames('Сергей Викторович Лавров', 'Serej Lavrov', 'Person');
    expect(c.match).toBe(true);
    expect(c.features.map((f) => f.name)).toContain('cyrillic_reading');
  });

  it('does not match different Russian names', () => {
    expect(compareNames('Чайковский', 'Tschernenko', 'Person').match).toBe(false);
    expect(compareNames('Сергей Лавров', 'Sergey Shoigu', 'Person').match).toBe(false);
  });
});

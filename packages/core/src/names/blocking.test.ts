import { describe, expect, it } from 'vitest';
import { blockingKeys, isoScriptOf } from './blocking.ts';

const shared = (a: string, b: string, schema = 'Person'): string[] => {
  const kb = new Set(blockingKeys(b, schema).map((k) => k.key));
  return blockingKeys(a, schema)
    .filter((k) => kb.has(k.key))
    .map((k) => k.kind);
};

describe('blocking keys', () => {
  it('gives spellings, scripts and typos of one name a whole-name key in common', () => {
    expect(shared('Aleksandr Zhukimov', 'Александр Жукимов')).toContain('sorted');
    expect(shared('Liang Longwei', '梁龙伟')).toEqual(expect.arrayContaining(['sorted']));
    // a typo in one word: the other word with the first letter of the typo'd one still meets
    expect(shared('Dilnoza Karimova', 'Dilnoza Krimova')).toContain('initials');
    expect(shared('Dilnoza Karimova', 'Karimova Dilnoza')).toContain('sorted');
  });

  it('keeps unrelated names apart and tags every key with its kind', () => {
    expect(shared('Dilnoza Karimova', 'Bahodir Tursunov')).toEqual([]);
    const kinds = new Set(blockingKeys('Gulnara Yusupova', 'Person').map((k) => k.kind));
    expect([...kinds].sort()).toEqual(['initials', 'phonetic', 'sorted', 'token']);
  });

  it('names the script of a name in ISO 15924', () => {
    expect([
      isoScriptOf('Gulnara'),
      isoScriptOf('Гульнара'),
      isoScriptOf('梁龙伟'),
      isoScriptOf('محمد'),
    ]).toEqual(['Latn', 'Cyrl', 'Hani', 'Arab']);
  });
});

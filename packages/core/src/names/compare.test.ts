import { describe, expect, it } from 'vitest';
import {
  compareNames,
  nameKeys,
  normalizeName,
  pinyinToWadeGiles,
  jyutpingToHongKong,
  scoreNamePairsCsv,
} from './index.ts';
import Papa from 'papaparse';

const featureNames = (a: string, b: string, schema?: string): string[] =>
  compareNames(a, b, schema).features.map((f) => f.name);

describe('normalizeName', () => {
  it('folds case, width, accents and punctuation but keeps й', () => {
    expect(normalizeName('  Ｍüller-Lüdenscheidt, José ')).toBe('mullerludenscheidt jose');
    expect(normalizeName('Сергей Шойгу')).toBe('сергей шойгу');
    expect(normalizeName('P.L.C.')).toBe('plc');
  });
});

describe('romanisation tables', () => {
  it('turns pinyin syllables into Wade–Giles and Jyutping into Hong Kong spelling', () => {
    expect(['xiao', 'jian', 'hua', 'zhi', 'guo', 'qing'].map(pinyinToWadeGiles)).toEqual([
      'hsiao',
      'chien',
      'hua',
      'chih',
      'kuo',
      'ching',
    ]);
    expect(['can4', 'koeng4', 'gaa1', 'zoeng1'].map(jyutpingToHongKong)).toEqual([
      'chan',
      'keung',
      'ka',
      'cheung',
    ]);
  });
});

describe('compareNames across scripts', () => {
  it('matches 汪洋, Wang Yang and Ван Ян', () => {
    expect(compareNames('汪洋', 'Wang Yang', 'Person').match).toBe(true);
    expect(compareNames('汪洋', 'Ван Ян', 'Person').match).toBe(true);
    expect(compareNames('Wang Yang', 'Ван Ян', 'Person').match).toBe(true);
    expect(compareNames('汪洋', 'Li Qiang', 'Person').match).toBe(false);
  });

  it('matches 肖建华 in pinyin and in Wade–Giles', () => {
    const py = compareNames('肖建华', 'Xiao Jianhua', 'Person');
    const wg = compareNames('肖建华', 'Hsiao Chien-hua', 'Person');
    expect(py.match).toBe(true);
    expect(wg.match).toBe(true);
    expect(wg.features.find((f) => f.name === 'script')?.note).toContain('wade-giles');
    expect(compareNames('肖建华', 'Xiao Jianguo', 'Person').score).toBeLessThan(py.score);
  });

  it('matches a Chinese public body with its English name and abbreviation', () => {
    const full = compareNames('福州市公安局', 'Fuzhou Municipal Public Security Bureau', 'PublicBody');
    const abbr = compareNames('福州市公安局', 'Fuzhou PSB', 'PublicBody');
    expect(full.match).toBe(true);
    expect(abbr.match).toBe(true);
    expect(compareNames('Fuzhou PSB', 'Fuzhou Municipal Public Security Bureau', 'PublicBody').match).toBe(
      true,
    );
    expect(abbr.features.find((f) => f.name === 'org_type')?.note).toContain('psb');
    expect(compareNames('福州市公安局', 'Xiamen PSB', 'PublicBody').match).toBe(false);
  });

  it('reads Cantonese and Korean spellings and Party bodies', () => {
    const hk = compareNames('李嘉誠', 'Li Ka-shing', 'Person');
    expect(hk.match).toBe(true);
    expect(hk.features.find((f) => f.name === 'script')?.note).toContain('cantonese');
    expect(compareNames('김정은', 'Kim Jong Un', 'Person').match).toBe(true);
    expect(compareNames('中共中央统战部', 'United Front Work Department', 'PublicBody').match).toBe(true);
  });

  it('penalises numbers that disagree', () => {
    const diff = compareNames('Station 3', 'Station 4', 'Organization');
    expect(diff.match).toBe(false);
    expect(diff.features.find((f) => f.name === 'numbers')?.note).toContain('disagree');
    expect(compareNames('Station 3', 'Station 3', 'Organization').match).toBe(true);
  });

  it('strips legal forms and honorifics', () => {
    expect(compareNames('Siemens AG', 'Siemens Aktiengesellschaft', 'Company').match).toBe(true);
    expect(compareNames('Dr. Anna Beispiel', 'Anna Beispiel', 'Person').match).toBe(true);
  });

  it('explains with named features and scores in 0..1', () => {
    const names = featureNames('Olaf Scholze', 'Olaf Scholz', 'Person');
    expect(names).toEqual(expect.arrayContaining(['token_alignment', 'coverage', 'joined_similarity']));
    const r = compareNames('Olaf Scholze', 'Angela Merkel', 'Person');
    expect(r.score).toBeGreaterThanOrEqual(0);
    expect(r.score).toBeLessThan(0.5);
  });
});

describe('nameKeys', () => {
  it('gives a Chinese name and its romanisation a shared blocking key', () => {
    const a = nameKeys('肖建华', 'Person');
    const b = nameKeys('Hsiao Chien-hua', 'Person');
    expect(a.some((k) => b.includes(k))).toBe(true);
  });
});

describe('scoreNamePairsCsv', () => {
  it('keeps rows, order and columns, quotes commas, and adds score and match', () => {
    const input = Papa.unparse([
      { id: '1', name1: 'Xi, Jinping', name2: '习近平', schema: 'Person' },
      { id: '2', name1: 'Station 3', name2: 'Station 4', schema: 'Organization' },
    ]);
    const out = scoreNamePairsCsv(input);
    const rows = Papa.parse<Record<string, string>>(out.csv, { header: true, skipEmptyLines: true });
    expect(rows.meta.fields).toEqual(['id', 'name1', 'name2', 'schema', 'score', 'match']);
    expect(rows.data.map((r) => r.id)).toEqual(['1', '2']);
    expect(rows.data[0]?.name1).toBe('Xi, Jinping');
    expect(rows.data[0]?.match).toBe('true');
    expect(rows.data[1]?.match).toBe('false');
    expect(() => scoreNamePairsCsv('a,b\n1,2\n')).toThrow(/name1 and name2/);
  });
});

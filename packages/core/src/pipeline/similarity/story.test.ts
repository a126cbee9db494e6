import { describe, expect, it } from 'vitest';
import { extractAll } from '../extract/extract.stage.ts';
import { compareStories, idfOf, storyKeys, type StoryKey } from './story.ts';

// One invented event in two languages, and a different one; the person is made up.
const EN =
  'On 3 May 2022 the Wenzhou Public Security Bureau questioned 48 relatives of Jonas Ekwall in Wenzhou and demanded 30,000 yuan.';
const ZH = '2022年5月3日，温州市公安局在温州约谈了48名亲属，并要求缴纳30000元。';
const OTHER = 'In August 2019 officials in Qingtian visited a restaurant owner and asked for 9,000 euros.';

const flatIdf = (): number => 1;

describe('story keys', () => {
  it('gives the same keys to the same facts in English and Chinese', () => {
    const en = storyKeys(extractAll(EN, 'en'));
    const zh = storyKeys(extractAll(ZH, 'zh'));
    const shared = new Set(zh.map((k) => k.key));
    expect(en.map((k) => k.key).filter((k) => shared.has(k))).toEqual(
      expect.arrayContaining(['place:wenzhou|CN', 'date:2022-05', 'figure:48', 'figure:30000 CNY']),
    );
    const m = compareStories(en, zh, flatIdf);
    expect(m.same).toBe(true);
    expect(m.kinds).toEqual(expect.arrayContaining(['date', 'figure', 'place']));
  });

  it('does not match a different event, and explains a match by the shared keys only', () => {
    const en = storyKeys(extractAll(EN, 'en'));
    const other = storyKeys(extractAll(OTHER, 'en'));
    const m = compareStories(en, other, flatIdf);
    expect(m.same).toBe(false);
    const otherKeys = new Set(other.map((k) => k.key));
    expect(m.shared.every((k) => otherKeys.has(k.key))).toBe(true);
  });

  it('weighs rare keys more than common ones', () => {
    const a: StoryKey[] = [
      { key: 'country:CN', kind: 'country', label: 'CN' },
      { key: 'place:x|CN', kind: 'place', label: 'X' },
    ];
    const b: StoryKey[] = [a[0]!, { key: 'place:y|CN', kind: 'place', label: 'Y' }];
    const idf = (key: string) => idfOf(100, key === 'country:CN' ? 90 : 1);
    const m = compareStories(a, b, idf);
    expect(m.score).toBeLessThan(0.2);
    expect(m.kinds).toEqual([]);
    expect(idfOf(100, 1)).toBeGreaterThan(idfOf(100, 50));
  });
});

import { describe, expect, it } from 'vitest';
import { isResponseCode, isTacticCode } from '../../domain/taxonomy.ts';
import { extractAll, type Extraction } from './extract.stage.ts';

/** Every span of every item must cut exactly its own text out of the document. */
function expectSpansMatch(text: string, r: Extraction): void {
  for (const item of [...r.entities, ...r.places, ...r.dates, ...r.figures]) {
    expect(text.slice(item.start, item.end)).toBe(item.text);
  }
  for (const t of [...r.tactics, ...r.responses]) {
    for (const e of t.evidence) {
      expect(e.start).toBeGreaterThanOrEqual(0);
      expect(e.end).toBeLessThanOrEqual(text.length);
      expect(e.end).toBeGreaterThan(e.start);
    }
  }
  for (const p of r.pii) {
    expect(p.end).toBeGreaterThan(p.start);
  }
}

describe('extractAll', () => {
  it('gives Chinese dates with their precision, and their spans', () => {
    const text = '福州市公安局于2022年1月10日开通服务台，2022年10月又公布名单。2019年起开始试点。';
    const r = extractAll(text, 'zh');
    expectSpansMatch(text, r);
    expect(r.dates.map((d) => [d.text, d.value])).toEqual([
      ['2022年1月10日', '2022-01-10'],
      ['2022年10月', '2022-10'],
      ['2019年', '2019'],
    ]);
    expect(r.entities.map((e) => e.canonical)).toContain('Fuzhou Municipal Public Security Bureau');
  });

  it('reads month names chrono-node misses (Swedish, French, German) and keeps a missing year open', () => {
    const sv = 'Tjänsten öppnade i februari 2020 och stängdes den 26 oktober 2022.';
    const fr = 'Les bureaux ont fermé en novembre 2022.';
    const en = 'On the evening of February 7, a student called the hotline.';
    expect(extractAll(sv, 'sv').dates.map((d) => d.value)).toEqual(['2020-02', '2022-10-26']);
    expect(extractAll(fr, 'fr').dates.map((d) => d.value)).toEqual(['2022-11']);
    expect(extractAll(en, 'en').dates.map((d) => [d.text, d.value])).toEqual([['February 7', '--02-07']]);
  });

  it('attributes a figure to the organisation that states it, with unit, counted thing and range', () => {
    const text =
      'Safeguard Defenders says that 230,000 people were persuaded to return between April 2021 and July 2022. Some 10–20 stations closed.';
    const r = extractAll(text, 'en');
    expectSpansMatch(text, r);
    const fig = r.figures.find((f) => f.value === 230000);
    expect(fig).toMatchObject({ text: '230,000', unit: 'people', attributed_to: 'Safeguard Defenders' });
    expect(fig?.what).toMatch(/^people/);
    expect(r.figures.find((f) => f.value === 10)).toMatchObject({ upper: 20, what: 'stations closed' });
  });

  it('reads Chinese and spaced numbers: 23万, 1 433, 30个', () => {
    const zh = '据保护卫士统计，有23万人被劝返，福州设立了30个服务站。';
    const values = extractAll(zh, 'zh').figures.map((f) => [f.value, f.attributed_to]);
    expect(values).toContainEqual([230000, 'Safeguard Defenders']);
    expect(values.map((v) => v[0])).toContain(30);
    expect(
      extractAll('Tjänsten tog emot 1 433 ärenden.', 'sv').figures.map((f) => [f.value, f.what]),
    ).toEqual([[1433, 'ärenden']]);
  });

  it('codes tactics from a Chinese sentence, with the sentence as evidence', () => {
    const text = '报告说，警方通过海外服务站对当事人进行劝返。另一句话与此无关。';
    const r = extractAll(text, 'zh');
    expectSpansMatch(text, r);
    const codes = r.tactics.map((t) => t.code);
    expect(codes).toContain('RET.PERSUADE');
    expect(codes).toContain('INF.POLICE_STATION');
    const persuade = r.tactics.find((t) => t.code === 'RET.PERSUADE');
    expect(persuade?.evidence.map((e) => text.slice(e.start, e.end))).toEqual([
      '报告说，警方通过海外服务站对当事人进行劝返。',
    ]);
    for (const t of r.tactics) {
      expect(isTacticCode(t.code)).toBe(true);
    }
    for (const t of r.responses) {
      expect(isResponseCode(t.code)).toBe(true);
    }
  });

  it('finds origin and host states in an invented paragraph, not the NGO seat', () => {
    const text =
      'A Madrid-based NGO reported that the Fuzhou Public Security Bureau ran an office in Toronto. ' +
      'Canadian police opened an investigation, and the Chinese embassy denied everything. The office in Markham has closed.';
    const r = extractAll(text, 'en');
    expectSpansMatch(text, r);
    expect(r.states).toEqual({ origin: ['CN'], host: ['CA'] });
    expect(r.places.find((p) => p.text === 'Markham')).toMatchObject({ country: 'CA', name: 'Markham' });
    const responses = r.responses.map((x) => x.code);
    expect(responses).toEqual(
      expect.arrayContaining(['RSP.INVESTIGATION', 'RSP.DENIAL', 'RSP.CLOSURE_ORDER']),
    );
    expect(r.responses.find((x) => x.code === 'RSP.DENIAL')?.by).toBe(
      "Embassy of the People's Republic of China",
    );
  });

  it('finds places in other languages and scripts, with the country of each', () => {
    const cases: [string, string, string][] = [
      ['De politieposten in Den Haag en Rotterdam zijn gesloten.', 'nl', 'NL'],
      ['Die Polizeistation in Frankfurt wurde nicht gefunden.', 'de', 'DE'],
      ['Полиция в Москве ничего не нашла в Пекине.', 'ru', 'RU'],
      ['保护卫士称斯德哥尔摩也有一个站点。', 'zh', 'SE'],
    ];
    for (const [text, lang, country] of cases) {
      const r = extractAll(text, lang);
      expectSpansMatch(text, r);
      expect(r.places.map((p) => p.country)).toContain(country);
    }
  });

  it('marks e-mail, phone and passport numbers as PII', () => {
    const text =
      'Write to anna.example@example.org or call +46 8 123 456 78. Her passport number is E12345678.';
    const r = extractAll(text, 'en');
    expect(r.pii.map((p) => [p.type, text.slice(p.start, p.end)])).toEqual([
      ['EMAIL', 'anna.example@example.org'],
      ['PHONE', '+46 8 123 456 78'],
      ['PASSPORT', 'E12345678'],
    ]);
  });
});

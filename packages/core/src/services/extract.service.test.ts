import { describe, expect, it } from 'vitest';
import { createExtractService } from './extract.service.ts';

describe('extract service', () => {
  it('parses an HTML file, detects its language and extracts from its text without a database', async () => {
    const html = `<!doctype html><html><head><title>Politieposten gesloten</title></head><body><article>
      <h1>Politieposten gesloten</h1>
      <p>Het ministerie van Buitenlandse Zaken heeft op 1 november 2022 bevolen dat twee Chinese politieposten in Amsterdam en Rotterdam sluiten.</p>
      <p>Volgens Safeguard Defenders waren er in 53 landen minstens 102 van zulke posten. De Chinese ambassade ontkende dat het om politiebureaus ging.</p>
      </article></body></html>`;
    const r = await createExtractService().extractFile(new TextEncoder().encode(html), 'posten.html');
    expect(r.language).toBe('nl');
    expect(r.title).toContain('Politieposten');
    for (const item of [...r.entities, ...r.places, ...r.dates, ...r.figures]) {
      expect(r.text.slice(item.start, item.end)).toBe(item.text);
    }
    expect(r.dates.map((d) => d.value)).toContain('2022-11-01');
    expect(r.states).toEqual({ origin: ['CN'], host: ['NL'] });
    expect(r.tactics.map((t) => t.code)).toContain('INF.POLICE_STATION');
    expect(r.responses.map((t) => t.code)).toEqual(
      expect.arrayContaining(['RSP.CLOSURE_ORDER', 'RSP.DENIAL']),
    );
    expect(r.figures.map((f) => f.value)).toEqual(expect.arrayContaining([53, 102]));
  });
});

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliCaptured } from '../../test/run-cli.ts';

let work: string;
let dataDir: string;

const cli = (...argv: string[]) => runCliCaptured(dataDir, argv);

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'longarm-extract-'));
  dataDir = join(work, 'data-never-created');
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('longarm extract', () => {
  const article = [
    'Dutch police investigate Chinese police posts',
    '',
    'The Dutch government ordered two undeclared Chinese police stations in Amsterdam and Rotterdam to close on 1 November 2022.',
    'According to Safeguard Defenders, more than 230,000 people were persuaded to return to China between April 2021 and July 2022.',
    'The Chinese embassy denied that the offices were police stations.',
  ].join('\n');

  it('prints the contract shape without text, and with --with-text the text the spans point into', async () => {
    const file = join(work, 'article.txt');
    writeFileSync(file, article);
    const r = await cli('extract', file, '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out) as Record<string, unknown>;
    expect(Object.keys(out)).toEqual([
      'language',
      'title',
      'entities',
      'places',
      'dates',
      'figures',
      'tactics',
      'responses',
      'states',
      'pii',
    ]);
    expect(out.language).toBe('en');
    expect(out.states).toEqual({ origin: ['CN'], host: ['NL'] });

    const withText = JSON.parse((await cli('extract', file, '--json', '--with-text')).out) as {
      text: string;
      places: { text: string; start: number; end: number; country: string }[];
      figures: { value: number; attributed_to?: string }[];
    };
    expect(withText.places.map((p) => withText.text.slice(p.start, p.end))).toEqual(
      withText.places.map((p) => p.text),
    );
    expect(withText.places.map((p) => p.country)).toContain('NL');
    expect(withText.figures.find((f) => f.value === 230000)?.attributed_to).toBe('Safeguard Defenders');
  });

  it('never creates the data folder, and says when the file is missing', async () => {
    const r = await cli('extract', join(work, 'nope.txt'), '--json');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/no such file/);
    const { existsSync } = await import('node:fs');
    expect(existsSync(dataDir)).toBe(false);
  });
});

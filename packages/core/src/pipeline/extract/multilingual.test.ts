import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractAll, type Extraction } from './extract.stage.ts';

const LABELLED = join(import.meta.dirname, '../../../eval/extract/labelled');

interface InlineDoc {
  id: string;
  language: string;
  text: string;
}
const inline = (file: string): InlineDoc[] =>
  (JSON.parse(readFileSync(join(LABELLED, file), 'utf8')) as { docs: InlineDoc[] }).docs;

/** Every item's span must be a non-empty slice of the document; items with text must equal it. */
function spanProblems(text: string, r: Extraction): string[] {
  const bad: string[] = [];
  for (const it of [...r.entities, ...r.places, ...r.dates, ...r.figures]) {
    if (it.end <= it.start || text.slice(it.start, it.end) !== it.text) {
      bad.push(`${it.text}@${it.start}-${it.end}`);
    }
  }
  for (const s of [...[...r.tactics, ...r.responses].flatMap((c) => c.evidence), ...r.pii]) {
    if (!(s.start >= 0 && s.start < s.end && s.end <= text.length)) {
      bad.push(`span ${s.start}-${s.end}`);
    }
  }
  return bad;
}

describe('extractAll on the inline eval texts (dev-2, heldout-2)', () => {
  const docs = [...inline('dev-2.json'), ...inline('heldout-2.json')];

  it('has texts in at least 12 languages', () => {
    expect(new Set(docs.map((d) => d.language)).size).toBeGreaterThanOrEqual(12);
  });

  it.each(docs.map((d) => [d.id, d] as const))('anchors every item of %s to its own text', (_id, d) => {
    const r = extractAll(d.text, d.language);
    expect(r.entities.length + r.places.length).toBeGreaterThan(0);
    expect(spanProblems(d.text, r)).toEqual([]);
  });
});

describe('multilingual rules', () => {
  it('reads Turkish case suffixes and Arabic proclitics on place names', () => {
    const r = extractAll("Kenya'da kaçırılan öğretmen Türkiye'ye götürüldü. وصل بإسطنبول أمس.", 'tr');
    expect(r.places.map((p) => [p.text, p.country])).toEqual([
      ['Kenya', 'KE'],
      ['Türkiye', 'TR'],
      ['إسطنبول', 'TR'],
    ]);
  });

  it('finds the origin state from a demonym next to a body, in either order', () => {
    expect(extractAll('A polícia chinesa ligou para a família dele.', 'pt').states.origin).toEqual(['CN']);
    expect(extractAll('Следствие считает, что заказ дали российские власти.', 'ru').states.origin).toEqual([
      'RU',
    ]);
    expect(extractAll('ونفت السلطات السعودية أي صلة.', 'ar').states.origin).toEqual(['SA']);
    expect(extractAll('Il consolato chiede documenti ai residenti.', 'it').states.origin).toEqual([]);
  });

  it('codes cues in the added languages but leaves the first five languages to their own lexicons', () => {
    const ko = extractAll('경찰은 수사에 착수했고 대사관은 개입을 부인했다.', 'ko');
    expect([...ko.tactics, ...ko.responses].map((c) => c.code).sort()).toEqual([
      'RSP.DENIAL',
      'RSP.INVESTIGATION',
    ]);
    // "Familie" is a Dutch word too; the multilingual family cue must not fire for nl.
    const nl = extractAll('De familie woont in Amsterdam.', 'nl');
    expect(nl.tactics.map((c) => c.code)).not.toContain('PRX.FAMILY_THREAT');
  });

  it('takes person names from capitalised runs, not across lines or titles of office', () => {
    const r = extractAll('Başbakan Ramush Haradinaj açıklama yaptı.\nÖğretmen Ayşe Demir konuştu.', 'tr');
    const people = r.entities.filter((e) => e.type === 'person').map((e) => e.text);
    expect(people).toContain('Ramush Haradinaj');
    expect(people).toContain('Ayşe Demir');
    expect(people.some((p) => p.includes('\n'))).toBe(false);
  });
});

import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { utf8 } from '../../../test/factories.ts';
import { csvParser } from './csv.parse.ts';
import { parseDocument } from './parse.stage.ts';

const table = (doc: { metadata: Record<string, unknown> }): Record<string, unknown> =>
  doc.metadata.table as Record<string, unknown>;

describe('CSV and TSV', () => {
  it('keeps every row with its number, quoted newlines and commas included', async () => {
    const csv = [
      'name,city,date,note',
      'Office A,Rotterdam,2022-10-01,"opened in a restaurant, then moved"',
      'Office B,Prague,2022-11-12,"two lines',
      'in one cell"',
      '',
      'Office C,Toronto,2023-01-04,closed',
      '',
    ].join('\r\n');
    const doc = await parseDocument(utf8(csv), { fileName: 'stations.csv' });
    expect(doc.mediaType).toBe('text/csv');
    expect(doc.text.split('\n')).toEqual([
      'row 1: name | city | date | note',
      'row 2: Office A | Rotterdam | 2022-10-01 | opened in a restaurant, then moved',
      'row 3: Office B | Prague | 2022-11-12 | two lines in one cell',
      'row 5: Office C | Toronto | 2023-01-04 | closed',
    ]);
    expect(table(doc)).toMatchObject({ delimiter: ',', columns: ['name', 'city', 'date', 'note'], rows: 4 });
    expect(doc.title).toBe('stations.csv');
  });

  it('recognises a TSV by its content, without a file name', async () => {
    const tsv = 'id\tcountry\tcount\n1\tSweden\t4\n2\tNetherlands\t2\n3\tCanada\t5\n';
    const doc = await parseDocument(utf8(tsv));
    expect(doc.mediaType).toBe('text/tab-separated-values');
    expect(table(doc)).toMatchObject({ delimiter: '\t', columns: ['id', 'country', 'count'], rows: 4 });
    expect(doc.text).toContain('row 3: 2 | Netherlands | 2');
  });

  it('decodes legacy encodings first (windows-1251 and GB18030 with semicolons)', async () => {
    const ru = 'имя;город;дата\nАнна Петрова;Рига;2021-05-02\nИван Сидоров;Вильнюс;2021-06-14\n';
    const doc = await parseDocument(new Uint8Array(iconv.encode(ru, 'cp1251')), { fileName: 'list.csv' });
    expect(doc.text).toContain('row 2: Анна Петрова | Рига | 2021-05-02');
    expect(table(doc)).toMatchObject({ delimiter: ';', columns: ['имя', 'город', 'дата'], rows: 3 });
    expect((doc.metadata.encoding as { name: string }).name).toBe('windows-1251');
    const zh = '姓名,城市,日期\n王小明,福州,2022-03-01\n李华,大庆,2022-04-09\n张伟,青田,2022-05-20\n';
    const zhDoc = await parseDocument(new Uint8Array(iconv.encode(zh, 'gb18030')), { fileName: 'names.csv' });
    expect(zhDoc.text).toContain('row 3: 李华 | 大庆 | 2022-04-09');
  });

  it('reports rows with a different number of cells but keeps them', async () => {
    const doc = await parseDocument(utf8('a,b,c\n1,2,3\n4,5\n6,7,8,9\n'), { fileName: 'ragged.csv' });
    expect(doc.text).toContain('row 3: 4 | 5');
    expect(doc.text).toContain('row 4: 6 | 7 | 8 | 9');
    expect(table(doc).rows).toBe(4);
    expect(doc.warnings?.map((w) => w.where)).toEqual(['row 3', 'row 4']);
  });

  it('does not take prose with commas for a table', () => {
    const prose = [
      'The consulate called her twice, she said, and then her parents in Fuzhou.',
      'Officials asked about her work, her friends, and her plans to travel.',
      'She declined, and the calls stopped, at least for a while.',
      'Later, a letter arrived, unsigned, at her flat in Stockholm.',
    ].join('\n');
    expect(csvParser.matches(utf8(prose), {})).toBe(false);
    expect(csvParser.matches(utf8('one line, with a comma\nand another, with one\n'), {})).toBe(false);
    expect(csvParser.matches(utf8(prose), { fileName: 'notes.csv' })).toBe(true);
  });
});

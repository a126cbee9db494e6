import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import ExcelJS from 'exceljs';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../domain/errors.ts';
import { parseDocument } from './parse.stage.ts';

async function makeWorkbook(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.title = 'Contacts log';
  wb.creator = 'Research desk';
  wb.created = new Date('2023-02-14T10:00:00Z');
  const calls = wb.addWorksheet('Calls');
  calls.addRow(['Date', 'Caller', 'Minutes']);
  calls.addRow([new Date(Date.UTC(2022, 9, 3)), 'Consulate number', 12]);
  calls.addRow([new Date(Date.UTC(2022, 9, 9)), { richText: [{ text: 'Unknown ' }, { text: 'mobile' }] }, 4]);
  calls.getCell('A5').value = 'Total';
  calls.getCell('C5').value = { formula: 'SUM(C2:C3)', result: 16 };
  const people = wb.addWorksheet('People');
  people.addRow(['Name', 'City']);
  people.addRow(['Lena Marsh', 'Gothenburg']);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

const failure = async (bytes: Uint8Array, fileName: string): Promise<AppError> => {
  const err = await parseDocument(bytes, { fileName }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
};

const hasSoffice = (process.env.PATH ?? '').split(delimiter).some((d) => d && existsSync(join(d, 'soffice')));

describe('spreadsheets', () => {
  it('reads every sheet with row numbers, cached formula results and ISO dates', async () => {
    const doc = await parseDocument(await makeWorkbook(), { fileName: 'log.xlsx' });
    expect(doc.mediaType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(doc.title).toBe('Contacts log');
    expect(doc.author).toBe('Research desk');
    expect(doc.publishedAt).toBe('2023-02-14');
    expect(doc.text).toBe(
      [
        '## Sheet: Calls',
        'row 1: Date | Caller | Minutes',
        'row 2: 2022-10-03 | Consulate number | 12',
        'row 3: 2022-10-09 | Unknown mobile | 4',
        'row 5: Total |  | 16',
        '',
        '## Sheet: People',
        'row 1: Name | City',
        'row 2: Lena Marsh | Gothenburg',
      ].join('\n'),
    );
    expect(doc.metadata.sheets).toEqual([
      { name: 'Calls', rows: 4, columns: 3 },
      { name: 'People', rows: 2, columns: 2 },
    ]);
  });

  it('explains garbage and truncated files named .xlsx', async () => {
    const garbage = new Uint8Array(4096).map((_, i) => (i * 7919) % 251);
    const err = await failure(garbage, 'budget.xlsx');
    expect(err.code).toBe('invalid_input');
    expect(err.message).toMatch(/named budget\.xlsx but its content is not a spreadsheet/);
    const book = await makeWorkbook();
    const cut = await failure(book.slice(0, book.length >> 1), 'log.xlsx');
    expect(cut.message).toMatch(/spreadsheet log\.xlsx is damaged or truncated/);
  });

  it.skipIf(hasSoffice)('asks for LibreOffice for ODS and XLS when it is not installed', async () => {
    const ods = zipSync({
      mimetype: [strToU8('application/vnd.oasis.opendocument.spreadsheet'), { level: 0 }],
      'content.xml': strToU8('<office:document-content/>'),
    });
    const err = await failure(ods, 'sheet.ods');
    expect(err.code).toBe('unavailable');
    expect(err.message).toBe(
      'XLS/ODS files need LibreOffice: install it (apt-get install libreoffice-calc) or save the file as XLSX',
    );
    // An OLE2 compound file header followed by a directory entry naming the Workbook stream.
    const xls = new Uint8Array(1536);
    xls.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    xls.set(new Uint8Array(Buffer.from('Workbook\0', 'utf16le')), 1024);
    expect((await failure(xls, 'old.xls')).code).toBe('unavailable');
  });
});

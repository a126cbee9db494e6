import { createCanvas } from '@napi-rs/canvas';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from '../../domain/errors.ts';
import { closeOcr } from './ocr.ts';
import { parseDocument } from './parse.stage.ts';
import { parsePdf } from './pdf.parse.ts';

afterAll(() => closeOcr());

/** A "scan": text drawn into a bitmap, so the PDF holds only an image and no text layer. */
function scannedPng(lines: string[]): Uint8Array {
  const canvas = createCanvas(1200, 160 + lines.length * 100);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.fillStyle = '#000000';
  ctx.font = '60px sans-serif';
  lines.forEach((line, i) => ctx.fillText(line, 60, 120 + i * 100));
  return canvas.toBuffer('image/png');
}

/** Pages given as strings get a text layer; pages given as line arrays become scanned images. */
async function makePdf(pages: (string | string[])[]): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  for (const content of pages) {
    const page = pdf.addPage([612, 792]);
    if (typeof content === 'string') {
      page.drawText(content, { x: 50, y: 700, size: 14, font });
    } else {
      const png = await pdf.embedPng(scannedPng(content));
      const width = 512;
      page.drawImage(png, {
        x: 50,
        y: 742 - (width * png.height) / png.width,
        width,
        height: (width * png.height) / png.width,
      });
    }
  }
  return pdf.save();
}

describe('PDF parser with OCR', () => {
  it('reads a scanned page by OCR and says so in the metadata', async () => {
    const bytes = await makePdf([['Overseas police station', 'Registration office']]);
    const doc = await parseDocument(bytes, { ocr: { languages: ['eng'] } });
    expect(doc.mediaType).toBe('application/pdf');
    expect(doc.text.toLowerCase()).toContain('overseas police station');
    expect(doc.text.toLowerCase()).toContain('registration office');
    expect(doc.metadata).toMatchObject({
      pages: 1,
      pagesWithoutText: 1,
      ocr: { pages: [1], languages: ['eng'] },
    });
    expect(doc.warnings).toBeUndefined();
  });

  it('puts OCR text into its own page slot between text-layer pages', async () => {
    const bytes = await makePdf([
      'First page with a text layer.',
      ['Overseas police station'],
      'Third page text.',
    ]);
    const doc = await parsePdf(bytes, { ocr: { languages: ['eng'] } });
    const offsets = doc.pageOffsets!;
    expect(offsets).toHaveLength(3);
    const pageText = (i: number): string =>
      doc.text.slice(offsets[i], offsets[i + 1] ?? doc.text.length).trim();
    expect(pageText(0)).toBe('First page with a text layer.');
    expect(pageText(1).toLowerCase()).toContain('overseas police station');
    expect(pageText(2)).toBe('Third page text.');
    expect(doc.metadata.ocr).toMatchObject({ pages: [2] });
  });

  it('warns on each scanned page about a language without data', async () => {
    const bytes = await makePdf([['Overseas police station'], 'Typed page.', ['Registration office']]);
    const doc = await parsePdf(bytes, { ocr: { languages: ['eng', 'rus'], tessdataDir: '/nonexistent' } });
    expect(doc.text.toLowerCase()).toContain('registration office');
    expect(doc.warnings).toEqual([
      {
        code: 'unavailable',
        message: 'OCR language not installed: rus (install tesseract-ocr-rus or set TESSDATA_PREFIX)',
        where: 'page 1',
      },
      {
        code: 'unavailable',
        message: 'OCR language not installed: rus (install tesseract-ocr-rus or set TESSDATA_PREFIX)',
        where: 'page 3',
      },
    ]);
  });

  it('rejects a scan-only PDF clearly when no OCR language is available', async () => {
    const bytes = await makePdf([['Overseas police station']]);
    const error = await parsePdf(bytes, { ocr: { languages: ['xqz'], tessdataDir: '/nonexistent' } }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('unavailable');
    expect((error as AppError).message).toMatch(/without a text layer.*no OCR language data for xqz/);
  });
});

import { basename, dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { AppError, invalidInput } from '../../domain/errors.ts';
import type { ParseHints, ParseWarning, ParsedDocument } from '../../domain/source.ts';
import type { Parser } from './parser.ts';
import { toIsoDate } from './dates.ts';
import { missingLanguageWarning, recognise } from './ocr.ts';
import { titleFromText } from './text.parse.ts';

interface TextItem {
  str?: string;
  hasEOL?: boolean;
}

/** Scanned pages are rendered at this resolution for OCR. */
const OCR_DPI = 200;
/** A page larger than this (posters, maps) is rendered at a lower resolution instead. */
const MAX_PAGE_PIXELS = 20_000_000;

// pdf.js decodes JPEG 2000 and JBIG2 scans with WebAssembly from its own package folder.
const pdfjsDir = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));

type PdfPage = Awaited<ReturnType<Awaited<ReturnType<typeof loadPdf>>['getPage']>>;

async function loadPdf(bytes: Uint8Array) {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  return pdfjs.getDocument({
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    verbosity: 0,
    wasmUrl: `${join(pdfjsDir, 'wasm')}/`,
    cMapUrl: `${join(pdfjsDir, 'cmaps')}/`,
    cMapPacked: true,
    standardFontDataUrl: `${join(pdfjsDir, 'standard_fonts')}/`,
  }).promise;
}

/** One page as a PNG at about 200 DPI, for OCR. */
async function renderPage(page: PdfPage): Promise<Uint8Array> {
  const { createCanvas } = await import('@napi-rs/canvas');
  let viewport = page.getViewport({ scale: OCR_DPI / 72 });
  const pixels = viewport.width * viewport.height;
  if (pixels > MAX_PAGE_PIXELS) {
    viewport = page.getViewport({ scale: (OCR_DPI / 72) * Math.sqrt(MAX_PAGE_PIXELS / pixels) });
  }
  const canvas = createCanvas(Math.ceil(viewport.width), Math.ceil(viewport.height));
  await page.render({
    canvas: canvas as never,
    canvasContext: canvas.getContext('2d') as never,
    viewport,
    background: '#ffffff',
  }).promise;
  return canvas.toBuffer('image/png');
}

interface PageOcr {
  page: number;
  languages: string[];
  confidence: number;
  ms: number;
}

/** The text of a page without a text layer, by rendering and OCR; problems become warnings. */
async function ocrPage(
  page: PdfPage,
  n: number,
  hints: ParseHints,
  warnings: ParseWarning[],
): Promise<{ text: string; done: PageOcr | null }> {
  const where = `page ${n}`;
  let image: Uint8Array;
  try {
    image = await renderPage(page);
  } catch (e) {
    warnings.push({
      code: 'invalid_input',
      message: `the scanned page could not be rendered for OCR (${(e as Error).message}); it is kept without text`,
      where,
    });
    return { text: '', done: null };
  }
  try {
    const result = await recognise(image, hints.ocr);
    warnings.push(...result.missing.map((code) => missingLanguageWarning(code, where)));
    return {
      text: result.text,
      done: { page: n, languages: result.languages, confidence: result.confidence, ms: result.ms },
    };
  } catch (e) {
    const code = e instanceof AppError && e.code === 'unavailable' ? 'unavailable' : 'internal';
    warnings.push({ code, message: `${(e as Error).message}; the page is kept without text`, where });
    return { text: '', done: null };
  }
}

/**
 * Text of a PDF page by page; `pageOffsets[i]` is where page i+1 starts in the text. Pages
 * without a text layer (scans) are rendered and read by OCR; a page OCR cannot read gets a
 * warning and stays empty.
 * @throws invalid_input for encrypted or damaged PDFs; unavailable when a scan-only PDF cannot be read by OCR at all
 */
export async function parsePdf(bytes: Uint8Array, hints: ParseHints = {}): Promise<ParsedDocument> {
  let pdf;
  try {
    pdf = await loadPdf(bytes);
  } catch (e) {
    const name = (e as Error).name;
    if (name === 'PasswordException') {
      throw invalidInput(
        'the PDF is encrypted (it needs a password); save an unprotected copy and ingest that',
        {},
        e,
      );
    }
    throw invalidInput(
      `the PDF is damaged or truncated (${(e as Error).message}); get a complete copy of the file`,
      {},
      e,
    );
  }
  try {
    const pageOffsets: number[] = [];
    const pages: string[] = [];
    let offset = 0;
    let emptyPages = 0;
    const warnings: ParseWarning[] = [];
    const ocred: PageOcr[] = [];
    for (let n = 1; n <= pdf.numPages; n++) {
      const page = await pdf.getPage(n);
      const content = await page.getTextContent();
      let pageText = '';
      for (const item of content.items as TextItem[]) {
        pageText += item.str ?? '';
        if (item.hasEOL) {
          pageText += '\n';
        }
      }
      pageText = pageText.replace(/[ \t]+\n/g, '\n').trim();
      if (!pageText) {
        emptyPages++;
        const ocr = await ocrPage(page, n, hints, warnings);
        pageText = ocr.text;
        if (ocr.done) {
          ocred.push(ocr.done);
        }
      }
      pageOffsets.push(offset);
      pages.push(pageText);
      offset += pageText.length + 2;
      page.cleanup();
    }
    const text = pages.join('\n\n');
    if (!text.trim() && emptyPages > 0 && ocred.length === 0) {
      const reasons = [...new Set(warnings.map((w) => w.message))].join('; ');
      throw new AppError(
        warnings.some((w) => w.code === 'unavailable') ? 'unavailable' : 'invalid_input',
        `the PDF has ${pdf.numPages} page(s) without a text layer and OCR could not read them: ${reasons}`,
      );
    }
    const meta = await pdf.getMetadata().catch(() => undefined);
    const info = (meta?.info ?? {}) as Record<string, unknown>;
    const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : null);
    return {
      mediaType: 'application/pdf',
      title:
        str(info.Title) ??
        (titleFromText(text) || (hints.fileName ? basename(hints.fileName) : 'PDF document')),
      text,
      url: null,
      outlet: null,
      author: str(info.Author),
      publishedAt: toIsoDate(str(info.CreationDate)),
      pageOffsets,
      metadata: {
        pages: pdf.numPages,
        pagesWithoutText: emptyPages,
        pageOffsets,
        ...(ocred.length > 0
          ? {
              ocr: {
                pages: ocred.map((p) => p.page),
                languages: ocred[0]!.languages,
                dpi: OCR_DPI,
                confidence: Object.fromEntries(ocred.map((p) => [p.page, p.confidence])),
                ms: ocred.reduce((sum, p) => sum + p.ms, 0),
              },
            }
          : {}),
      },
      ...(warnings.length > 0 ? { warnings } : {}),
    };
  } finally {
    await pdf.destroy();
  }
}

export const pdfParser: Parser = {
  name: 'pdf',
  matches: (bytes) => new TextDecoder('latin1').decode(bytes.subarray(0, 1024)).includes('%PDF-'),
  parse: (bytes, hints) => parsePdf(bytes, hints),
};

import { invalidInput } from '../../domain/errors.ts';
import type { ParsedDocument } from '../../domain/source.ts';
import type { Parser } from './parser.ts';
import { toIsoDate } from './dates.ts';
import { titleFromText } from './text.parse.ts';

interface TextItem {
  str?: string;
  hasEOL?: boolean;
}

/**
 * Text of a PDF with its text layer, page by page; `pageOffsets[i]` is where page i+1 starts in
 * the text. Scanned pages (no text layer) are counted in metadata; OCR comes with #4.
 * @throws invalid_input for encrypted, damaged or text-less PDFs
 */
export async function parsePdf(bytes: Uint8Array): Promise<ParsedDocument> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const task = pdfjs.getDocument({
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    verbosity: 0,
  });
  let pdf;
  try {
    pdf = await task.promise;
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
      }
      pageOffsets.push(offset);
      pages.push(pageText);
      offset += pageText.length + 2;
      page.cleanup();
    }
    const text = pages.join('\n\n');
    if (!text.trim()) {
      // TODO(#4): OCR pages without a text layer.
      throw invalidInput(
        `the PDF has ${pdf.numPages} page(s) but no text layer (a scan); OCR is not available yet`,
      );
    }
    const meta = await pdf.getMetadata().catch(() => undefined);
    const info = (meta?.info ?? {}) as Record<string, unknown>;
    const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : null);
    return {
      mediaType: 'application/pdf',
      title: str(info.Title) ?? titleFromText(text),
      text,
      url: null,
      outlet: null,
      author: str(info.Author),
      publishedAt: toIsoDate(str(info.CreationDate)),
      pageOffsets,
      metadata: { pages: pdf.numPages, pagesWithoutText: emptyPages, pageOffsets },
    };
  } finally {
    await pdf.destroy();
  }
}

export const pdfParser: Parser = {
  name: 'pdf',
  matches: (bytes) => new TextDecoder('latin1').decode(bytes.subarray(0, 1024)).includes('%PDF-'),
  parse: (bytes) => parsePdf(bytes),
};

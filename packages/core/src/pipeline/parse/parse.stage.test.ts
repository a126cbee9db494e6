import { PDFDocument, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../domain/errors.ts';
import { utf8 } from '../../../test/factories.ts';
import { parseDocument } from './parse.stage.ts';

async function makePdf(pages: string[], title?: string): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  for (const text of pages) {
    pdf.addPage([400, 300]).drawText(text, { x: 20, y: 250, size: 12, font });
  }
  if (title) {
    pdf.setTitle(title);
  }
  return pdf.save();
}

const expectInvalid = async (bytes: Uint8Array, message: RegExp): Promise<void> => {
  const err = await parseDocument(bytes).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  expect((err as AppError).code).toBe('invalid_input');
  expect((err as AppError).message).toMatch(message);
};

describe('parseDocument', () => {
  it('keeps the article of a web page and drops navigation and footer', async () => {
    const html = `<!doctype html><html lang="en"><head><title>Site | Station story</title>
      <meta property="og:title" content="Station story">
      <meta property="og:site_name" content="Example Times">
      <meta property="article:published_time" content="2022-10-04T09:00:00Z">
      <link rel="canonical" href="https://example.org/station-story"></head>
      <body><nav><a href="/">Home</a> <a href="/world">World news menu</a></nav>
      <article><h1>Station story</h1>
      <p>Investigators in Dublin examined an office that a provincial police bureau described as a service station for citizens abroad.</p>
      <p>The office closed after the government ordered it to stop its work, officials said on Tuesday.</p></article>
      <footer>Copyright Example Times. Subscribe to our newsletter.</footer></body></html>`;
    const doc = await parseDocument(utf8(html));
    expect(doc.mediaType).toBe('text/html');
    expect(doc.title).toBe('Station story');
    expect(doc.outlet).toBe('Example Times');
    expect(doc.publishedAt).toBe('2022-10-04');
    expect(doc.url).toBe('https://example.org/station-story');
    expect(doc.text).toContain('Investigators in Dublin');
    expect(doc.text).toContain('\n');
    expect(doc.text).not.toContain('World news menu');
    expect(doc.text).not.toContain('Subscribe');
  });

  it('reads the text layer of a PDF page by page with page offsets', async () => {
    const doc = await parseDocument(
      await makePdf(['First page about Fuzhou.', 'Second page about Prague.'], 'Report title'),
    );
    expect(doc.mediaType).toBe('application/pdf');
    expect(doc.title).toBe('Report title');
    expect(doc.pageOffsets).toHaveLength(2);
    const second = doc.pageOffsets?.[1] ?? -1;
    expect(doc.text.slice(second)).toMatch(/^Second page about Prague/);
    expect(doc.text.slice(0, second)).toContain('First page about Fuzhou.');
  });

  it('decodes UTF-8 and UTF-16 text', async () => {
    expect((await parseDocument(utf8('大庆市外事办公室\n名单'))).title).toBe('大庆市外事办公室');
    const utf16 = new Uint8Array([0xff, 0xfe, ...Array.from('Hej då').flatMap((c) => [c.charCodeAt(0), 0])]);
    expect((await parseDocument(utf16)).text).toBe('Hej då');
  });

  it('explains empty, binary, non-UTF-8 and damaged input', async () => {
    await expectInvalid(new Uint8Array(), /empty \(0 bytes\)/);
    await expectInvalid(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0]), /PNG image/);
    await expectInvalid(new Uint8Array([0x41, 0x00, 0x42, 0x43]), /binary \(a NUL byte at offset 1\)/);
    await expectInvalid(new Uint8Array([0x48, 0x69, 0x20, 0xc4, 0xe3, 0xba, 0xc3]), /not valid UTF-8/);
    const pdf = await makePdf(['Some text here for a page.']);
    await expectInvalid(pdf.slice(0, Math.floor(pdf.length / 2)), /PDF is damaged or truncated/);
    await expectInvalid(utf8('   \n\t  '), /only white space/);
  });
});

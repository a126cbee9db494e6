import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../domain/errors.ts';
import { parseDocument } from './parse.stage.ts';

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

/** A minimal but complete DOCX package, zipped from its XML parts. */
function makeDocx(
  paragraphs: string[],
  core?: { title?: string; creator?: string; created?: string },
): Uint8Array {
  const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const body = paragraphs
    .map((p) => `<w:p><w:r><w:t xml:space="preserve">${esc(p)}</w:t></w:r></w:p>`)
    .join('');
  const files: Record<string, Uint8Array> = {
    '[Content_Types].xml': strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
        '<Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>' +
        '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>',
    ),
    '_rels/.rels': strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>' +
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>',
    ),
    'word/document.xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="${W}"><w:body>${body}</w:body></w:document>`,
    ),
  };
  if (core) {
    files['docProps/core.xml'] = strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ' +
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
        (core.title ? `<dc:title>${esc(core.title)}</dc:title>` : '') +
        (core.creator ? `<dc:creator>${esc(core.creator)}</dc:creator>` : '') +
        (core.created ? `<dcterms:created xsi:type="dcterms:W3CDTF">${core.created}</dcterms:created>` : '') +
        '</cp:coreProperties>',
    );
  }
  return zipSync(files);
}

const failure = async (bytes: Uint8Array, fileName: string): Promise<AppError> => {
  const err = await parseDocument(bytes, { fileName }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
};

describe('DOCX', () => {
  it('reads paragraphs with breaks, title, author and creation date', async () => {
    const doc = await parseDocument(
      makeDocx(
        [
          'Interview notes',
          'She was asked to report on other students & their families.',
          'Second meeting: café in Lyon.',
        ],
        {
          title: 'Notes from 12 March',
          creator: 'Field team',
          created: '2023-03-12T08:30:00Z',
        },
      ),
      { fileName: 'notes.docx' },
    );
    expect(doc.mediaType).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(doc.text).toBe(
      'Interview notes\n\nShe was asked to report on other students & their families.\n\nSecond meeting: café in Lyon.',
    );
    expect(doc.title).toBe('Notes from 12 March');
    expect(doc.author).toBe('Field team');
    expect(doc.publishedAt).toBe('2023-03-12');
    expect(doc.metadata.created).toBe('2023-03-12T08:30:00Z');
  });

  it('takes the first line as title when the document has none', async () => {
    const doc = await parseDocument(makeDocx(['Letter to the ministry', 'Body of the letter.']));
    expect(doc.title).toBe('Letter to the ministry');
    expect(doc.author).toBeNull();
  });

  it('explains garbage and truncated files named .docx', async () => {
    const garbage = new Uint8Array(2048).map((_, i) => (i * 31) % 256);
    const err = await failure(garbage, 'report.docx');
    expect(err.code).toBe('invalid_input');
    expect(err.message).toMatch(/named report\.docx but its content is not a DOCX document/);
    // Office's password protection: an OLE2 compound file holding an EncryptedPackage stream.
    const locked = new Uint8Array(2048);
    locked.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    locked.set(new Uint8Array(Buffer.from('EncryptedPackage', 'utf16le')), 1024);
    expect((await failure(locked, 'secret.docx')).message).toMatch(/secret\.docx is password-protected/);
    const docx = makeDocx(['Some text.']);
    const cut = await failure(docx.slice(0, docx.length - 30), 'report.docx');
    expect(cut.message).toMatch(/Word document report\.docx is damaged or truncated/);
  });
});

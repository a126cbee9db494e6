import { invalidInput } from '../../domain/errors.ts';
import type { ParseHints, ParsedDocument } from '../../domain/source.ts';
import { toIsoDate } from './dates.ts';
import type { Parser } from './parser.ts';
import { sniffBytes } from './sniff.ts';
import { titleFromText } from './text.parse.ts';
import {
  checkZipLimits,
  encryptedOffice,
  isEncryptedOffice,
  isZip,
  listZipEntries,
  readZipFile,
  type ZipEntry,
} from './zip.ts';

const isDocx = (bytes: Uint8Array): boolean =>
  listZipEntries(bytes)?.some((e) => e.name === 'word/document.xml') ?? false;

const XML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

const unescapeXml = (s: string): string =>
  s.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_, e: string) =>
    e.startsWith('#x') || e.startsWith('#X')
      ? String.fromCodePoint(parseInt(e.slice(2), 16))
      : e.startsWith('#')
        ? String.fromCodePoint(parseInt(e.slice(1), 10))
        : (XML_ENTITIES[e.toLowerCase()] ?? ''),
  );

/** One element's text from docProps/core.xml (`dc:title`, `dc:creator`, `dcterms:created`). */
const coreField = (xml: string, tag: string): string | null => {
  const m = new RegExp(`<${tag}(?:\\s[^>]*)?>([\\s\\S]*?)</${tag}>`).exec(xml);
  const v = m?.[1] ? unescapeXml(m[1]).trim() : '';
  return v || null;
};

/** docProps/core.xml as text; '' when it is missing or unreadable (the properties are optional). */
function readCoreProperties(bytes: Uint8Array, entries: ZipEntry[]): string {
  try {
    const part = readZipFile(bytes, entries, 'docProps/core.xml');
    return part ? new TextDecoder().decode(part) : '';
  } catch {
    return '';
  }
}

/**
 * A Word document's text, one paragraph per block, with title, author and creation date from its
 * document properties (the first line when it has no title).
 * @throws invalid_input for damaged documents and files that only carry the .docx name
 */
export async function parseDocx(bytes: Uint8Array, hints: ParseHints = {}): Promise<ParsedDocument> {
  const entries = listZipEntries(bytes);
  if (isEncryptedOffice(bytes)) {
    throw encryptedOffice(hints.fileName);
  }
  if (!entries) {
    throw invalidInput(
      isZip(bytes)
        ? `the Word document ${hints.fileName ?? ''} is damaged or truncated (its ZIP directory is missing); get a complete copy`
        : `the file is named ${hints.fileName ?? 'like a Word document'} but its content is not a DOCX document; check that it is the right file`,
    );
  }
  checkZipLimits(entries);
  let raw: string;
  try {
    raw = (
      await (
        await import('mammoth')
      ).default.extractRawText({ buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) })
    ).value;
  } catch (e) {
    throw invalidInput(
      `the Word document could not be read (${(e as Error).message}); open it in a word processor and save it again`,
      {},
      e,
    );
  }
  const text = raw
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => l.trimEnd())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  if (!text) {
    throw invalidInput('the Word document has no text (it may hold only images; OCR them separately)');
  }
  const core = readCoreProperties(bytes, entries);
  const created = coreField(core, 'dcterms:created');
  return {
    mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    title: coreField(core, 'dc:title') ?? titleFromText(text),
    text,
    url: null,
    outlet: null,
    author: coreField(core, 'dc:creator'),
    publishedAt: toIsoDate(created),
    metadata: {
      ...(created ? { created } : {}),
      ...(coreField(core, 'cp:lastModifiedBy')
        ? { lastModifiedBy: coreField(core, 'cp:lastModifiedBy') }
        : {}),
      ...(coreField(core, 'dcterms:modified') ? { modified: coreField(core, 'dcterms:modified') } : {}),
    },
  };
}

export const docxParser: Parser = {
  name: 'docx',
  matches: (bytes, hints) =>
    isDocx(bytes) ||
    // A broken package or a binary file named .docx: claimed so the error names the format.
    (/\.docx$/i.test(hints.fileName ?? '') &&
      (isZip(bytes) ? listZipEntries(bytes) === null : sniffBytes(bytes).kind === 'binary')),
  parse: (bytes, hints) => parseDocx(bytes, hints),
};

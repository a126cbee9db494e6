import { invalidInput } from '../../domain/errors.ts';
import type { ParsedDocument } from '../../domain/source.ts';

/**
 * Decodes text bytes. UTF-8 (with or without BOM) and UTF-16 with a BOM are read exactly;
 * other encodings are refused rather than turned into mojibake.
 * @throws invalid_input when the bytes are not valid UTF-8 or UTF-16
 */
export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  }
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch (e) {
    // TODO(#4): detect GB18030, Big5, Windows-1251, Shift-JIS … and decode them.
    throw invalidInput('the text is not valid UTF-8; save it as UTF-8 and ingest it again', {}, e);
  }
}

/** The first meaningful line, as a title for plain text. */
export function titleFromText(text: string): string {
  for (const line of text.split(/\r?\n/)) {
    const t = line.trim();
    if (t) {
      return t.length > 200 ? `${t.slice(0, 197)}…` : t;
    }
  }
  return '';
}

export function parseText(bytes: Uint8Array): ParsedDocument {
  const text = decodeText(bytes).replace(/\r\n?/g, '\n');
  if (!text.trim()) {
    throw invalidInput('the file holds only white space: there is no text to index');
  }
  return {
    mediaType: 'text/plain',
    title: titleFromText(text),
    text,
    url: null,
    outlet: null,
    author: null,
    publishedAt: null,
    metadata: {},
  };
}

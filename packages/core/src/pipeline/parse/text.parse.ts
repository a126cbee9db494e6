import { invalidInput } from '../../domain/errors.ts';
import type { ParsedDocument, ParseWarning } from '../../domain/source.ts';
import { decodeBytes } from './encoding.ts';

/**
 * Decodes text bytes in any encoding: UTF-8, UTF-16 (with or without BOM), and legacy encodings
 * recognised by chardet (GB18030, Big5, Shift_JIS, EUC-KR, windows-125x, KOI8-R …). Text whose
 * encoding cannot be told with confidence is refused rather than turned into mojibake.
 * @throws invalid_input when the encoding cannot be recognised
 */
export function decodeText(bytes: Uint8Array): string {
  return decodeBytes(bytes).text;
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
  const decoded = decodeBytes(bytes);
  const text = decoded.text.replace(/\r\n?/g, '\n');
  if (!text.trim()) {
    throw invalidInput('the file holds only white space: there is no text to index');
  }
  const warnings: ParseWarning[] = [];
  if (decoded.replaced > 0) {
    warnings.push({
      code: 'invalid_input',
      message: `${decoded.replaced} byte sequence(s) did not fit ${decoded.encoding.name} and were replaced by U+FFFD`,
    });
  }
  return {
    mediaType: 'text/plain',
    title: titleFromText(text),
    text,
    url: null,
    outlet: null,
    author: null,
    publishedAt: null,
    metadata: { encoding: decoded.encoding },
    ...(warnings.length ? { warnings } : {}),
  };
}

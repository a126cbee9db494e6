import { AppError, invalidInput } from '../../domain/errors.ts';
import type { ParsedDocument } from '../../domain/source.ts';
import { parseHtml } from './html.parse.ts';
import { parsePdf } from './pdf.parse.ts';
import { sniffBytes } from './sniff.ts';
import { parseText } from './text.parse.ts';

/**
 * Bytes → text and metadata, by what the bytes are (not the file name).
 * @throws invalid_input with a message that says what is wrong and what to do
 */
export async function parseDocument(bytes: Uint8Array): Promise<ParsedDocument> {
  const sniffed = sniffBytes(bytes);
  try {
    switch (sniffed.kind) {
      case 'empty':
        throw invalidInput('the file is empty (0 bytes)');
      case 'binary':
        throw invalidInput(`${sniffed.reason}; this version reads plain text, HTML and PDF files`);
      case 'pdf':
        return await parsePdf(bytes);
      case 'html':
        return parseHtml(bytes);
      case 'text':
        return parseText(bytes);
    }
  } catch (e) {
    if (e instanceof AppError) {
      throw e;
    }
    throw invalidInput(`the ${sniffed.kind} file could not be read: ${(e as Error).message}`, {}, e);
  }
}

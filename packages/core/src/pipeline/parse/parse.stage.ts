import { AppError, invalidInput } from '../../domain/errors.ts';
import type { ParseHints, ParsedDocument } from '../../domain/source.ts';
import { PARSERS } from './parsers.ts';
import { sniffBytes } from './sniff.ts';
import { parseText } from './text.parse.ts';

/**
 * Bytes → text, metadata and child files, by what the bytes are (not the file name).
 * @throws invalid_input with a message that says what is wrong and what to do
 */
export async function parseDocument(bytes: Uint8Array, hints: ParseHints = {}): Promise<ParsedDocument> {
  if (bytes.length === 0) {
    throw invalidInput('the file is empty (0 bytes)');
  }
  const parser = PARSERS.find((p) => p.matches(bytes, hints));
  const name = parser?.name ?? 'text';
  try {
    if (parser) {
      return await parser.parse(bytes, hints);
    }
    const sniffed = sniffBytes(bytes);
    if (sniffed.kind === 'binary') {
      throw invalidInput(`${sniffed.reason}, a format this version does not read`);
    }
    return parseText(bytes);
  } catch (e) {
    if (e instanceof AppError) {
      throw e;
    }
    throw invalidInput(`the ${name} file could not be read: ${(e as Error).message}`, {}, e);
  }
}

import type { ParseHints, ParsedDocument } from '../../domain/source.ts';

/**
 * One file format. The parse stage asks each registered parser in order whether the bytes are its
 * format (by content, not by name) and hands them to the first that says yes.
 */
export interface Parser {
  /** Short name for reports and metadata: 'pdf', 'docx', 'zip' … */
  name: string;
  matches(bytes: Uint8Array, hints: ParseHints): boolean;
  /** @throws invalid_input (what is wrong and what the user can do) or unavailable (a missing tool) */
  parse(bytes: Uint8Array, hints: ParseHints): Promise<ParsedDocument> | ParsedDocument;
}

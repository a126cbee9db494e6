import { detectLanguage } from '../pipeline/language.ts';
import { parseDocument } from '../pipeline/parse/parse.stage.ts';
import type { Extraction } from '../pipeline/extract/extract.stage.ts';

/** What `longarm extract` prints (design/contracts.md); `text` is dropped by the CLI without --with-text. */
export interface ExtractResult extends Extraction {
  language: string;
  title: string;
  text: string;
}

export interface ExtractService {
  /**
   * Parses one file, detects its language and extracts entities, places, dates, figures, codes,
   * states and PII from its text. Stores nothing and needs no database.
   * @throws invalid_input when the file cannot be read
   */
  extractFile(bytes: Uint8Array, fileName?: string): Promise<ExtractResult>;
}

export interface ExtractServiceOptions {
  /** Resolves dates without a year when the file carries no publication date (default: none). */
  referenceDate?: Date;
}

export function createExtractService(options: ExtractServiceOptions = {}): ExtractService {
  return {
    async extractFile(bytes, fileName) {
      const parsed = await parseDocument(bytes, { fileName });
      const language = await detectLanguage(parsed.text);
      const published = parsed.publishedAt ? new Date(parsed.publishedAt) : undefined;
      const referenceDate =
        published && !Number.isNaN(published.getTime()) ? published : options.referenceDate;
      // Loaded on first use: the gazetteers and date parsers cost ≈0.3 s and are not needed elsewhere.
      const { extractAll } = await import('../pipeline/extract/extract.stage.ts');
      const extraction = extractAll(parsed.text, language, { referenceDate });
      return { language, title: parsed.title, text: parsed.text, ...extraction };
    },
  };
}

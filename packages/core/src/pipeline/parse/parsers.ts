import { htmlParser } from './html.parse.ts';
import type { Parser } from './parser.ts';
import { pdfParser } from './pdf.parse.ts';

/**
 * Every format the pipeline reads, most specific first. Plain text is not listed: it is what is
 * left when no parser matches and the bytes do not look binary.
 */
export const PARSERS: readonly Parser[] = [pdfParser, htmlParser];

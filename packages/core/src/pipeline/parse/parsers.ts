import { csvParser } from './csv.parse.ts';
import { docxParser } from './docx.parse.ts';
import { emlParser } from './eml.parse.ts';
import { htmlParser } from './html.parse.ts';
import { imageParser } from './image.parse.ts';
import { mboxParser } from './mbox.parse.ts';
import type { Parser } from './parser.ts';
import { pdfParser } from './pdf.parse.ts';
import { xlsxParser } from './xlsx.parse.ts';
import { zipParser } from './zip.parse.ts';

/**
 * Every format the pipeline reads, most specific first. Plain text is not listed: it is what is
 * left when no parser matches and the bytes do not look binary.
 */
export const PARSERS: readonly Parser[] = [
  pdfParser,
  imageParser,
  docxParser,
  xlsxParser,
  zipParser,
  mboxParser,
  emlParser,
  htmlParser,
  csvParser,
];

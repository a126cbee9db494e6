import Papa from 'papaparse';
import { invalidInput } from '../../domain/errors.ts';
import type { ParseHints, ParsedDocument, ParseWarning } from '../../domain/source.ts';
import { decodeBytes, decodeWith, detectEncoding } from './encoding.ts';
import type { Parser } from './parser.ts';
import { sniffBytes } from './sniff.ts';

const DELIMITERS = [',', '\t', ';', '|'] as const;
/** How many rows of the start of a file are looked at to decide whether it is a table. */
const SAMPLE_ROWS = 20;
/** At most this many row-level problems are listed one by one; the rest are counted. */
const MAX_WARNINGS = 20;

const hasTableName = (hints: ParseHints): boolean => /\.(csv|tsv|tab)$/i.test(hints.fileName ?? '');

/** Decodes the first bytes of a file (a character may be cut at the end); null if not text. */
/** Whether the first line holds a delimiter byte (, ; tab |), looked up without decoding anything. */
function firstLineHasDelimiter(bytes: Uint8Array): boolean {
  const end = Math.min(bytes.length, 8192);
  for (let i = 0; i < end; i++) {
    const b = bytes[i];
    if (b === 0x0a) {
      return false;
    }
    if (b === 0x2c || b === 0x3b || b === 0x09 || b === 0x7c) {
      return true;
    }
  }
  return end < bytes.length;
}

function decodeSample(bytes: Uint8Array): string | null {
  const sample = bytes.subarray(0, 64 * 1024);
  if (sniffBytes(sample).kind !== 'text') {
    return null;
  }
  try {
    return decodeWith(sample, detectEncoding(sample, { sample: true }));
  } catch {
    return null;
  }
}

/**
 * The delimiter that splits the first rows into the same number (2 or more) of cells on every row,
 * or null. Prose fails this: its lines rarely hold the same number of commas, and its cells are long.
 */
export function tableDelimiter(sample: string, minRows = 3): string | null {
  // Drop the last line: the sample may end in the middle of it.
  const cut = sample.length >= 64 * 1024 ? sample.slice(0, sample.lastIndexOf('\n') + 1) : sample;
  for (const delimiter of DELIMITERS) {
    const result = Papa.parse<string[]>(cut, { delimiter, preview: SAMPLE_ROWS, skipEmptyLines: true });
    const rows = result.data;
    const width = rows[0]?.length ?? 0;
    if (rows.length < minRows || width < 2 || !rows.every((r) => r.length === width)) {
      continue;
    }
    const cells = rows.flat();
    const meanLength = cells.reduce((n, c) => n + c.length, 0) / cells.length;
    const sentences = cells.filter((c) => /\w[.!?]\s+\p{Lu}/u.test(c)).length;
    if (delimiter === ',' && (meanLength > 60 || sentences > rows.length)) {
      continue;
    }
    return delimiter;
  }
  return null;
}

const flat = (cell: string): string => cell.replace(/\s*\r?\n\s*/g, ' ').trim();

/**
 * A CSV or TSV table: one line per row, `row N: cell | cell`, N counted from the header row as
 * 1 (a quoted cell spanning lines stays in its row). No row is dropped; rows with too many or too
 * few cells are kept and reported as warnings.
 * @throws invalid_input when the encoding cannot be recognised or the table is empty
 */
export function parseCsv(bytes: Uint8Array, hints: ParseHints = {}): ParsedDocument {
  const decoded = decodeBytes(bytes);
  const text = decoded.text.replace(/^\uFEFF/, '');
  const isTsv = /\.(tsv|tab)$/i.test(hints.fileName ?? '');
  // '' lets papaparse guess when the first rows do not agree on a delimiter.
  const guess = tableDelimiter(text.slice(0, 64 * 1024), 1) ?? (isTsv ? '\t' : '');
  const result = Papa.parse<string[]>(text, { delimiter: guess, skipEmptyLines: false });
  const delimiter = result.meta.delimiter;
  const lines: string[] = [];
  let rows = 0;
  let width = 0;
  const headerWidth = result.data[0]?.length ?? 0;
  const ragged: number[] = [];
  result.data.forEach((record, i) => {
    if (record.every((c) => c.trim() === '')) {
      return;
    }
    rows++;
    if (record.length !== headerWidth) {
      ragged.push(i + 1);
    }
    width = Math.max(width, record.length);
    lines.push(`row ${i + 1}: ${record.map(flat).join(' | ')}`);
  });
  if (rows === 0) {
    throw invalidInput('the table has no rows with content: there is nothing to index');
  }
  // A one-column file has no delimiter to find; that is not a problem with its rows.
  const errors = [
    ...result.errors
      .filter((e) => e.code !== 'UndetectableDelimiter')
      .map((e) => ({ message: e.message, where: e.row === undefined ? 'table' : `row ${e.row + 1}` })),
    ...ragged.map((n) => ({
      message: `row ${n} has ${result.data[n - 1]?.length ?? 0} cells where the header has ${headerWidth}`,
      where: `row ${n}`,
    })),
  ];
  const warnings: ParseWarning[] = errors.slice(0, MAX_WARNINGS).map((e) => ({
    code: 'invalid_input',
    message: `${e.message}; the row is kept as read`,
    where: e.where,
  }));
  if (errors.length > MAX_WARNINGS) {
    warnings.push({
      code: 'invalid_input',
      message: `${errors.length - MAX_WARNINGS} more rows had the same kind of problem; they are kept as read`,
    });
  }
  const columns = (result.data[0] ?? []).map(flat);
  const baseName = hints.fileName?.split(/[\\/]/).pop();
  return {
    mediaType: delimiter === '\t' ? 'text/tab-separated-values' : 'text/csv',
    title: baseName || `Table: ${columns.slice(0, 6).join(', ')}`,
    text: lines.join('\n'),
    url: null,
    outlet: null,
    author: null,
    publishedAt: null,
    metadata: { table: { delimiter, columns, rows, width }, encoding: decoded.encoding },
    ...(warnings.length ? { warnings } : {}),
  };
}

export const csvParser: Parser = {
  name: 'csv',
  matches: (bytes, hints) => {
    if (!hasTableName(hints) && !firstLineHasDelimiter(bytes)) {
      return false; // cheap exit for prose: most files are not tables
    }
    const sample = decodeSample(bytes);
    if (sample === null) {
      return false;
    }
    return hasTableName(hints) || tableDelimiter(sample) !== null;
  },
  parse: (bytes, hints) => parseCsv(bytes, hints),
};

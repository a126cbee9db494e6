import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter as pathDelimiter, join } from 'node:path';
import { promisify } from 'node:util';
import type ExcelJS from 'exceljs';
import { AppError, invalidInput } from '../../domain/errors.ts';
import type { ParseHints, ParsedDocument } from '../../domain/source.ts';
import type { Parser } from './parser.ts';
import { sniffBytes } from './sniff.ts';
import { checkZipLimits, encryptedOffice, isEncryptedOffice, isZip, listZipEntries } from './zip.ts';

const ODS_MIME = 'application/vnd.oasis.opendocument.spreadsheet';
/** LibreOffice gets this long to convert one file. */
const CONVERT_TIMEOUT_MS = 120_000;

/** XLSX/XLSM: a ZIP package with a workbook part. */
const isXlsx = (bytes: Uint8Array): boolean =>
  listZipEntries(bytes)?.some((e) => e.name === 'xl/workbook.xml') ?? false;

/** ODS: a ZIP whose first entry, stored uncompressed, is `mimetype` with the spreadsheet type. */
const isOds = (bytes: Uint8Array): boolean =>
  isZip(bytes) && new TextDecoder('latin1').decode(bytes.subarray(30, 200)).startsWith(`mimetype${ODS_MIME}`);

/** XLS: an OLE2 compound file with a `Workbook` (or Excel 95 `Book`) stream. */
function isXls(bytes: Uint8Array): boolean {
  const ole = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
  if (!ole.every((b, i) => bytes[i] === b)) {
    return false;
  }
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return buf.includes(Buffer.from('Workbook\0', 'utf16le')) || buf.includes(Buffer.from('Book\0', 'utf16le'));
}

const SPREADSHEET_NAME = /\.(xlsx|xlsm|xls|ods)$/i;

/** A cell's value as text: formulas by their cached result, dates as ISO 8601. */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) {
    return '';
  }
  if (value instanceof Date) {
    const iso = value.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.replace('.000Z', 'Z');
  }
  if (typeof value !== 'object') {
    return String(value);
  }
  if ('richText' in value) {
    return value.richText.map((r) => r.text).join('');
  }
  if ('formula' in value || 'sharedFormula' in value) {
    return cellText((value as { result?: ExcelJS.CellValue }).result ?? null);
  }
  if ('error' in value) {
    return String(value.error);
  }
  if ('text' in value) {
    return cellText(value.text);
  }
  return '';
}

const flat = (s: string): string => s.replace(/\s*\r?\n\s*/g, ' ').trim();

/**
 * Every sheet of an XLSX workbook with its row numbers: `## Sheet: name`, then `row N: a | b`.
 * @throws invalid_input when the workbook cannot be read
 */
export async function parseXlsx(bytes: Uint8Array, hints: ParseHints = {}): Promise<ParsedDocument> {
  const entries = listZipEntries(bytes);
  if (!entries) {
    throw invalidInput(
      'the spreadsheet is damaged or truncated (not a complete XLSX package); get a complete copy',
    );
  }
  checkZipLimits(entries);
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as never);
  } catch (e) {
    throw invalidInput(
      `the XLSX workbook could not be read (${(e as Error).message}); open it in a spreadsheet program and save it again`,
      {},
      e,
    );
  }
  const blocks: string[] = [];
  const sheets: { name: string; rows: number; columns: number }[] = [];
  workbook.eachSheet((sheet) => {
    const lines = [`## Sheet: ${sheet.name}`];
    let rows = 0;
    let columns = 0;
    sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      const values = Array.isArray(row.values) ? row.values : [];
      const cells: string[] = [];
      for (let c = 1; c < values.length; c++) {
        cells.push(flat(cellText(values[c] ?? null)));
      }
      while (cells.length && cells[cells.length - 1] === '') {
        cells.pop();
      }
      if (cells.length === 0) {
        return;
      }
      rows++;
      columns = Math.max(columns, cells.length);
      lines.push(`row ${rowNumber}: ${cells.join(' | ')}`);
    });
    sheets.push({ name: sheet.name, rows, columns });
    blocks.push(lines.join('\n'));
  });
  if (sheets.every((s) => s.rows === 0)) {
    throw invalidInput('the workbook has no cells with content: there is nothing to index');
  }
  const baseName = hints.fileName?.split(/[\\/]/).pop();
  const created =
    workbook.created instanceof Date && !Number.isNaN(workbook.created.getTime()) ? workbook.created : null;
  return {
    mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    title: workbook.title?.trim() || baseName || sheets[0]?.name || 'Workbook',
    text: blocks.join('\n\n'),
    url: null,
    outlet: null,
    author: workbook.creator?.trim() || null,
    publishedAt: created ? created.toISOString().slice(0, 10) : null,
    metadata: { sheets },
  };
}

/** Path of an executable on PATH, or null. */
function onPath(name: string): string | null {
  for (const dir of (process.env.PATH ?? '').split(pathDelimiter)) {
    if (dir && existsSync(join(dir, name))) {
      return join(dir, name);
    }
  }
  return null;
}

/**
 * XLS or ODS, converted to XLSX by LibreOffice (when installed) in a temporary folder that is
 * removed afterwards, then read as XLSX.
 * @throws unavailable when LibreOffice is not installed; invalid_input when conversion fails
 */
async function parseViaLibreOffice(
  bytes: Uint8Array,
  kind: 'XLS' | 'ODS',
  hints: ParseHints,
): Promise<ParsedDocument> {
  const soffice = onPath('soffice');
  if (!soffice) {
    throw new AppError(
      'unavailable',
      'XLS/ODS files need LibreOffice: install it (apt-get install libreoffice-calc) or save the file as XLSX',
      { format: kind },
    );
  }
  const dir = await mkdtemp(join(tmpdir(), 'longarm-convert-'));
  try {
    const input = join(dir, `input.${kind.toLowerCase()}`);
    await writeFile(input, bytes);
    const outDir = join(dir, 'out');
    try {
      await promisify(execFile)(
        soffice,
        [
          `-env:UserInstallation=file://${join(dir, 'profile')}`,
          '--headless',
          '--convert-to',
          'xlsx',
          '--outdir',
          outDir,
          input,
        ],
        { timeout: CONVERT_TIMEOUT_MS },
      );
    } catch (e) {
      throw invalidInput(
        `LibreOffice could not convert the ${kind} file (${(e as Error).message.split('\n')[0]}); open it and save it as XLSX`,
        {},
        e,
      );
    }
    const produced = (await readdir(outDir).catch(() => [])).find((f) => f.endsWith('.xlsx'));
    if (!produced) {
      throw invalidInput(
        `LibreOffice did not convert the ${kind} file (it may be damaged); open it and save it as XLSX`,
      );
    }
    const doc = await parseXlsx(new Uint8Array(await readFile(join(outDir, produced))), hints);
    return {
      ...doc,
      mediaType: kind === 'ODS' ? ODS_MIME : 'application/vnd.ms-excel',
      metadata: { ...doc.metadata, convertedBy: 'LibreOffice' },
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export const xlsxParser: Parser = {
  name: 'xlsx',
  matches: (bytes, hints) =>
    isXlsx(bytes) ||
    isOds(bytes) ||
    isXls(bytes) ||
    // A binary file named like a spreadsheet that is none, or a broken package: claimed to explain.
    (SPREADSHEET_NAME.test(hints.fileName ?? '') &&
      (isZip(bytes) ? listZipEntries(bytes) === null : sniffBytes(bytes).kind === 'binary')),
  parse: async (bytes, hints) => {
    if (isXlsx(bytes)) {
      return parseXlsx(bytes, hints);
    }
    if (isOds(bytes)) {
      return parseViaLibreOffice(bytes, 'ODS', hints);
    }
    if (isXls(bytes)) {
      return parseViaLibreOffice(bytes, 'XLS', hints);
    }
    if (isEncryptedOffice(bytes)) {
      throw encryptedOffice(hints.fileName);
    }
    if (isZip(bytes)) {
      throw invalidInput(
        `the spreadsheet ${hints.fileName ?? ''} is damaged or truncated (its ZIP directory is missing); get a complete copy`,
      );
    }
    throw invalidInput(
      `the file is named ${hints.fileName ?? 'like a spreadsheet'} but its content is not a spreadsheet (no XLSX, ODS or XLS structure); check that it is the right file`,
    );
  },
};

import { detectUtf16 } from './encoding.ts';

/** Whether bytes no parser claimed can still be read as text, from the bytes, never the name. */
export type Sniffed = { kind: 'text' } | { kind: 'empty' } | { kind: 'binary'; reason: string };

const MAGIC: [string, number[]][] = [
  ['a PNG image', [0x89, 0x50, 0x4e, 0x47]],
  ['a JPEG image', [0xff, 0xd8, 0xff]],
  ['a GIF image', [0x47, 0x49, 0x46, 0x38]],
  ['a ZIP archive (or DOCX/XLSX)', [0x50, 0x4b, 0x03, 0x04]],
  ['a gzip archive', [0x1f, 0x8b]],
  ['a 7z archive (not supported: repack it as zip)', [0x37, 0x7a, 0xbc, 0xaf]],
  ['an old Office file (DOC/XLS)', [0xd0, 0xcf, 0x11, 0xe0]],
  ['an ELF executable', [0x7f, 0x45, 0x4c, 0x46]],
];

const startsWith = (bytes: Uint8Array, magic: number[]): boolean => magic.every((b, i) => bytes[i] === b);

export function sniffBytes(bytes: Uint8Array): Sniffed {
  if (bytes.length === 0) {
    return { kind: 'empty' };
  }
  for (const [name, magic] of MAGIC) {
    if (startsWith(bytes, magic)) {
      return { kind: 'binary', reason: `the content is ${name}` };
    }
  }
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return { kind: 'text' };
  }
  const sample = bytes.subarray(0, 8192);
  const nul = sample.indexOf(0);
  let control = 0;
  for (const b of sample) {
    if (b < 0x09 || (b > 0x0d && b < 0x20 && b !== 0x1b)) {
      control++;
    }
  }
  // Bytes that pass as 8-bit text are text; the UTF-16 pattern is tried only on those that fail.
  if ((nul < 0 && control <= sample.length * 0.1) || detectUtf16(bytes) !== null) {
    return { kind: 'text' };
  }
  if (nul >= 0) {
    return { kind: 'binary', reason: `the content is binary (a NUL byte at offset ${nul})` };
  }
  return {
    kind: 'binary',
    reason: `the content is binary (${control} control bytes in the first ${sample.length})`,
  };
}

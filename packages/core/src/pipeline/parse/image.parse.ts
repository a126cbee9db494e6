import { basename } from 'node:path';
import { AppError, invalidInput } from '../../domain/errors.ts';
import type { ParseHints, ParseWarning, ParsedDocument } from '../../domain/source.ts';
import type { Parser } from './parser.ts';
import { missingLanguageWarning, recognise } from './ocr.ts';

interface ImageFormat {
  mediaType: string;
  name: string;
  test: (b: Uint8Array) => boolean;
}

const at = (b: Uint8Array, offset: number, magic: number[]): boolean =>
  magic.every((v, i) => b[offset + i] === v);
const ascii = (s: string): number[] => [...s].map((c) => c.charCodeAt(0));

const FORMATS: ImageFormat[] = [
  {
    mediaType: 'image/png',
    name: 'PNG',
    test: (b) => at(b, 0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  },
  { mediaType: 'image/jpeg', name: 'JPEG', test: (b) => at(b, 0, [0xff, 0xd8, 0xff]) },
  {
    mediaType: 'image/gif',
    name: 'GIF',
    test: (b) => at(b, 0, ascii('GIF87a')) || at(b, 0, ascii('GIF89a')),
  },
  {
    mediaType: 'image/tiff',
    name: 'TIFF',
    test: (b) => at(b, 0, [0x49, 0x49, 0x2a, 0x00]) || at(b, 0, [0x4d, 0x4d, 0x00, 0x2a]),
  },
  { mediaType: 'image/webp', name: 'WebP', test: (b) => at(b, 0, ascii('RIFF')) && at(b, 8, ascii('WEBP')) },
];

/** Larger images are not OCRed, so one huge picture cannot take gigabytes of memory. */
const MAX_OCR_PIXELS = 50_000_000;
/** Below this many pixels on a side there is no readable text to find. */
const MIN_OCR_SIDE = 16;

export const imageFormat = (bytes: Uint8Array): ImageFormat | undefined => FORMATS.find((f) => f.test(bytes));

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** EXIF writes dates as `2023:04:05 14:30:00` in the camera's local time; the date part is what we keep. */
function exifDate(v: unknown): string | null {
  if (v instanceof Date && !Number.isNaN(v.getTime())) {
    return v.toISOString();
  }
  const m =
    typeof v === 'string'
      ? /^(\d{4})[:-](\d{2})[:-](\d{2})(?:[ T](\d{2}):(\d{2}):(\d{2}))?/.exec(v.trim())
      : null;
  if (!m || m[1] === '0000') {
    return null;
  }
  return m[4] ? `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}` : `${m[1]}-${m[2]}-${m[3]}`;
}

interface ImageMeta {
  exif: Record<string, unknown> | null;
  gps: { lat: number; lon: number; altitude?: number } | null;
  title: string | null;
  author: string | null;
  dateTaken: string | null;
}

async function readMeta(bytes: Uint8Array): Promise<ImageMeta> {
  const none: ImageMeta = { exif: null, gps: null, title: null, author: null, dateTaken: null };
  const exifr = (await import('exifr')).default;
  let tags: Record<string, unknown> | undefined;
  try {
    tags = (await exifr.parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), {
      tiff: true,
      exif: true,
      gps: true,
      iptc: true,
      xmp: true,
      icc: false,
      reviveValues: false,
      translateValues: false,
      mergeOutput: true,
    })) as Record<string, unknown> | undefined;
  } catch {
    return none;
  }
  if (!tags) {
    return none;
  }
  const dateTaken =
    exifDate(tags.DateTimeOriginal) ?? exifDate(tags.CreateDate) ?? exifDate(tags.DateCreated);
  const exif = Object.fromEntries(
    Object.entries({
      make: str(tags.Make),
      model: str(tags.Model),
      lens: str(tags.LensModel),
      software: str(tags.Software),
      dateTaken,
      orientation: num(tags.Orientation),
      width: num(tags.ExifImageWidth) ?? num(tags.ImageWidth),
      height: num(tags.ExifImageHeight) ?? num(tags.ImageHeight),
    }).filter(([, v]) => v !== null),
  );
  const lat = num(tags.latitude);
  const lon = num(tags.longitude);
  const alt = num(tags.GPSAltitude);
  const gps =
    lat !== null && lon !== null && Math.abs(lat) <= 90 && Math.abs(lon) <= 180
      ? {
          lat: Math.round(lat * 1e6) / 1e6,
          lon: Math.round(lon * 1e6) / 1e6,
          ...(alt !== null ? { altitude: alt } : {}),
        }
      : null;
  const first = (v: unknown): string | null => (Array.isArray(v) ? str(v[0]) : str(v));
  return {
    exif: Object.keys(exif).length > 0 ? exif : null,
    gps,
    title: first(tags.ObjectName) ?? first(tags.title) ?? first(tags.ImageDescription),
    author: first(tags.Artist) ?? first(tags.Byline) ?? first(tags.creator),
    dateTaken,
  };
}

const be16 = (b: Uint8Array, i: number): number => (b[i]! << 8) | b[i + 1]!;
const le16 = (b: Uint8Array, i: number): number => b[i]! | (b[i + 1]! << 8);
const le24 = (b: Uint8Array, i: number): number => b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16);

/** Width and height from the file header, without decoding the pixels; null when unknown. */
export function imageSize(b: Uint8Array, format: ImageFormat): { width: number; height: number } | null {
  const size = (width: number, height: number): { width: number; height: number } | null =>
    width > 0 && height > 0 ? { width, height } : null;
  if (b.length < 30) {
    return null;
  }
  switch (format.mediaType) {
    case 'image/png':
      return size(be16(b, 16) * 65536 + be16(b, 18), be16(b, 20) * 65536 + be16(b, 22));
    case 'image/gif':
      return size(le16(b, 6), le16(b, 8));
    case 'image/webp': {
      const chunk = new TextDecoder('latin1').decode(b.subarray(12, 16));
      if (chunk === 'VP8 ') {
        return size(le16(b, 26) & 0x3fff, le16(b, 28) & 0x3fff);
      }
      if (chunk === 'VP8L') {
        const bits = b[21]! | (b[22]! << 8) | (b[23]! << 16) | (b[24]! << 24);
        return size((bits & 0x3fff) + 1, ((bits >>> 14) & 0x3fff) + 1);
      }
      return chunk === 'VP8X' ? size(le24(b, 24) + 1, le24(b, 27) + 1) : null;
    }
    case 'image/jpeg': {
      let i = 2;
      while (i + 9 < b.length && b[i] === 0xff) {
        const marker = b[i + 1]!;
        if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
          return size(be16(b, i + 7), be16(b, i + 5));
        }
        i +=
          marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7) ? 2 : 2 + be16(b, i + 2);
      }
      return null;
    }
    default:
      return null;
  }
}

const TESSERACT_ORIENTATION = [0x01, 0x12, 0x00, 0x03, 0x00, 0x00, 0x00, 0x01, 0x00];

/**
 * tesseract.js turns a picture upright itself when it finds the EXIF orientation written
 * big-endian in the first 500 bytes. A JPEG whose EXIF is little-endian (or further in) gets a
 * small extra APP15 segment, which JPEG decoders skip, carrying the orientation in that form.
 */
function withOrientationHint(bytes: Uint8Array, format: ImageFormat, orientation: number): Uint8Array {
  if (format.mediaType !== 'image/jpeg' || orientation < 2 || orientation > 8) {
    return bytes;
  }
  const head = bytes.subarray(0, 500);
  for (let i = 0; i + 10 <= head.length; i++) {
    if (at(head, i, TESSERACT_ORIENTATION)) {
      return bytes;
    }
  }
  const payload = [...TESSERACT_ORIENTATION, orientation];
  const segment = [0xff, 0xef, 0x00, payload.length + 2, ...payload];
  const out = new Uint8Array(bytes.length + segment.length);
  out.set(bytes.subarray(0, 2));
  out.set(segment, 2);
  out.set(bytes.subarray(2), 2 + segment.length);
  return out;
}

/**
 * An image: its text by OCR (empty when it has none; the image is still a document) and its
 * EXIF/IPTC/XMP facts (camera, date taken, GPS position) as metadata.
 *
 * The pixels are decoded inside tesseract's WebAssembly image library, never by a native decoder:
 * a damaged file then fails with an error instead of taking the process down.
 */
export async function parseImage(bytes: Uint8Array, hints: ParseHints = {}): Promise<ParsedDocument> {
  const format = imageFormat(bytes);
  if (!format) {
    throw invalidInput('the content is not a PNG, JPEG, GIF, TIFF or WebP image');
  }
  const meta = await readMeta(bytes);
  const fromExif = meta.exif && typeof meta.exif.width === 'number' && typeof meta.exif.height === 'number';
  const dims =
    imageSize(bytes, format) ??
    (fromExif ? { width: meta.exif!.width as number, height: meta.exif!.height as number } : null);
  const warnings: ParseWarning[] = [];
  let text = '';
  let ocr: Record<string, unknown>;
  if (dims && Math.min(dims.width, dims.height) < MIN_OCR_SIDE) {
    ocr = { done: false, reason: 'the image is too small to hold text' };
  } else if (dims && dims.width * dims.height > MAX_OCR_PIXELS) {
    const reason = `the image is too large for OCR (${dims.width}×${dims.height} pixels, limit ${MAX_OCR_PIXELS / 1e6} million)`;
    ocr = { done: false, reason };
    warnings.push({
      code: 'invalid_input',
      message: `${reason}; scale it down to read its text`,
      where: 'image',
    });
  } else {
    const orientation = typeof meta.exif?.orientation === 'number' ? meta.exif.orientation : 1;
    try {
      const result = await recognise(withOrientationHint(bytes, format, orientation), hints.ocr);
      text = result.text;
      ocr = { done: true, languages: result.languages, confidence: result.confidence, ms: result.ms };
      warnings.push(...result.missing.map((code) => missingLanguageWarning(code, 'image')));
    } catch (e) {
      if (e instanceof AppError && e.code === 'invalid_input') {
        throw invalidInput(
          `the ${format.name} image cannot be decoded; the file is damaged or truncated, get a complete copy`,
          {},
          e,
        );
      }
      // No language data or a failing OCR engine: the image and its metadata are still kept.
      const code = e instanceof AppError && e.code === 'unavailable' ? 'unavailable' : 'internal';
      ocr = { done: false, reason: (e as Error).message };
      warnings.push({
        code,
        message: `${(e as Error).message}; the image is kept without text`,
        where: 'image',
      });
    }
  }
  const fileTitle = hints.fileName ? basename(hints.fileName) : null;
  return {
    mediaType: format.mediaType,
    title: meta.title ?? fileTitle ?? 'Image',
    text,
    url: null,
    outlet: null,
    author: meta.author,
    publishedAt: meta.dateTaken ? meta.dateTaken.slice(0, 10) : null,
    metadata: {
      image: { format: format.name, ...(dims ?? {}) },
      ...(meta.exif ? { exif: meta.exif } : {}),
      ...(meta.gps ? { gps: meta.gps } : {}),
      ocr,
    },
    ...(warnings.length > 0 ? { warnings } : {}),
  };
}

export const imageParser: Parser = {
  name: 'image',
  matches: (bytes) => imageFormat(bytes) !== undefined,
  parse: (bytes, hints) => parseImage(bytes, hints),
};

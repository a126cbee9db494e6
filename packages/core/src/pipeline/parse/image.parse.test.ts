import { createCanvas, type Canvas } from '@napi-rs/canvas';
import { execFileSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { openTestCore } from '../../../test/factories.ts';
import { imageFormat, imageParser, imageSize, parseImage } from './image.parse.ts';
import { closeOcr } from './ocr.ts';

afterAll(() => closeOcr());

/** A white picture with black lines of text, drawn here so the test needs no fixture files. */
function drawText(lines: string[], font = '56px sans-serif', width = 1000): Canvas {
  const canvas = createCanvas(width, 60 + lines.length * 90);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.fillStyle = '#000000';
  ctx.font = font;
  lines.forEach((line, i) => ctx.fillText(line, 40, 90 + i * 90));
  return canvas;
}

type Value = { type: 2 | 3 | 5; data: string | number | [number, number][] };

/** A minimal EXIF block, big-endian unless `le`: IFD0 → Exif IFD and GPS IFD, enough for camera, date and position. */
function exifBlock(
  ifd0: Record<number, Value>,
  exif: Record<number, Value>,
  gps: Record<number, Value>,
  le = false,
): Uint8Array {
  const size = (v: Value): number =>
    v.type === 2 ? (v.data as string).length + 1 : v.type === 3 ? 2 : (v.data as unknown[]).length * 8;
  const ifds = [ifd0, exif, gps];
  // IFD0 carries the two pointers, so it has two more entries than given.
  const counts = [Object.keys(ifd0).length + 2, Object.keys(exif).length, Object.keys(gps).length];
  const ifdOffsets: number[] = [];
  let offset = 8;
  for (const n of counts) {
    ifdOffsets.push(offset);
    offset += 2 + n * 12 + 4;
  }
  let dataOffset = offset;
  const total =
    offset + ifds.flatMap((d) => Object.values(d)).reduce((s, v) => s + (size(v) > 4 ? size(v) : 0), 0);
  const buf = new Uint8Array(total);
  const dv = new DataView(buf.buffer);
  buf.set(le ? [0x49, 0x49, 0x2a, 0x00] : [0x4d, 0x4d, 0x00, 0x2a]);
  dv.setUint32(4, 8, le);
  type Entry = [number, Value | { type: 4; data: number }];
  const write = (entries: Entry[], at: number): void => {
    dv.setUint16(at, entries.length, le);
    entries.forEach(([tag, v], i) => {
      const p = at + 2 + i * 12;
      dv.setUint16(p, tag, le);
      dv.setUint16(p + 2, v.type, le);
      if (v.type === 4) {
        dv.setUint32(p + 4, 1, le);
        dv.setUint32(p + 8, v.data, le);
        return;
      }
      const n = size(v);
      dv.setUint32(p + 4, v.type === 2 ? n : v.type === 3 ? 1 : n / 8, le);
      const target = n > 4 ? dataOffset : p + 8;
      if (n > 4) {
        dv.setUint32(p + 8, dataOffset, le);
        dataOffset += n;
      }
      if (v.type === 2) {
        buf.set(new TextEncoder().encode(v.data as string), target);
      } else if (v.type === 3) {
        dv.setUint16(target, v.data as number, le);
      } else {
        (v.data as [number, number][]).forEach(([a, b], k) => {
          dv.setUint32(target + k * 8, a, le);
          dv.setUint32(target + k * 8 + 4, b, le);
        });
      }
    });
    dv.setUint32(at + 2 + entries.length * 12, 0, le);
  };
  const sorted = (d: Record<number, Value>): [number, Value][] =>
    Object.entries(d).map(([k, v]) => [Number(k), v] as [number, Value]);
  const pointers: Entry[] = [
    [0x8769, { type: 4, data: ifdOffsets[1]! }],
    [0x8825, { type: 4, data: ifdOffsets[2]! }],
  ];
  write(
    [...sorted(ifd0), ...pointers].sort((a, b) => a[0] - b[0]),
    ifdOffsets[0]!,
  );
  write(sorted(exif), ifdOffsets[1]!);
  write(sorted(gps), ifdOffsets[2]!);
  return buf;
}

/** Degrees as EXIF's degrees/minutes/seconds rationals. */
const dms = (x: number): Value => {
  const a = Math.abs(x);
  const d = Math.floor(a);
  const m = Math.floor((a - d) * 60);
  const s = Math.round(((a - d) * 60 - m) * 60 * 1000);
  return {
    type: 5,
    data: [
      [d, 1],
      [m, 1],
      [s, 1000],
    ],
  };
};

/** Puts an EXIF block into a JPEG as an APP1 segment right after the start marker. */
function withExif(jpeg: Uint8Array, tiff: Uint8Array): Uint8Array {
  const payload = new Uint8Array([...new TextEncoder().encode('Exif\0\0'), ...tiff]);
  const segment = new Uint8Array(4 + payload.length);
  segment.set([0xff, 0xe1, (payload.length + 2) >> 8, (payload.length + 2) & 0xff]);
  segment.set(payload, 4);
  return new Uint8Array([...jpeg.subarray(0, 2), ...segment, ...jpeg.subarray(2)]);
}

/** An uncompressed 8-bit greyscale TIFF of the canvas (the canvas itself cannot write TIFF). */
function toTiff(canvas: Canvas): Uint8Array {
  const { width, height } = canvas;
  const rgba = canvas.getContext('2d').getImageData(0, 0, width, height).data;
  const tags: [number, number][] = [
    [256, width],
    [257, height],
    [258, 8],
    [259, 1],
    [262, 1],
    [273, 0],
    [277, 1],
    [278, height],
    [279, width * height],
  ];
  const pixelsAt = 8 + 2 + tags.length * 12 + 4;
  const buf = new Uint8Array(pixelsAt + width * height);
  const dv = new DataView(buf.buffer);
  buf.set([0x49, 0x49, 0x2a, 0x00]);
  dv.setUint32(4, 8, true);
  dv.setUint16(8, tags.length, true);
  tags.forEach(([tag, value], i) => {
    const p = 10 + i * 12;
    dv.setUint16(p, tag, true);
    dv.setUint16(p + 2, 4, true);
    dv.setUint32(p + 4, 1, true);
    dv.setUint32(p + 8, tag === 273 ? pixelsAt : value, true);
  });
  for (let i = 0; i < width * height; i++) {
    buf[pixelsAt + i] = Math.round((rgba[i * 4]! + rgba[i * 4 + 1]! + rgba[i * 4 + 2]!) / 3);
  }
  return buf;
}

const hasCjkFont = (): boolean => {
  try {
    return execFileSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8' }).trim().length > 0;
  } catch {
    return false;
  }
};

describe('image parser', () => {
  it('reads the words in a PNG by OCR', async () => {
    const png = drawText(['Overseas police station', 'Registration office']).toBuffer('image/png');
    expect(imageParser.matches(png, {})).toBe(true);
    const doc = await parseImage(png, { fileName: 'photos/sign.png', ocr: { languages: ['eng'] } });
    expect(doc.mediaType).toBe('image/png');
    expect(doc.text.toLowerCase()).toContain('overseas police station');
    expect(doc.text.toLowerCase()).toContain('registration office');
    expect(doc.title).toBe('sign.png');
    expect(doc.metadata.ocr).toMatchObject({ done: true, languages: ['eng'] });
    expect(doc.warnings).toBeUndefined();
  });

  it.skipIf(!hasCjkFont())('reads a Chinese line (needs a CJK font such as fonts-noto-cjk)', async () => {
    const png = drawText(
      ['海外警务服务站'],
      '56px "Noto Sans CJK JP", "Noto Sans CJK SC", sans-serif',
    ).toBuffer('image/png');
    const doc = await parseImage(png, { ocr: { languages: ['eng', 'chi_sim'] } });
    expect(doc.text).toContain('海外');
    expect(doc.text).toContain('服务站');
    expect(doc.text).not.toMatch(/[\u4e00-\u9fff] [\u4e00-\u9fff]/);
  });

  it('records camera, date taken and GPS position from EXIF', async () => {
    const jpeg = drawText(['Overseas police station']).toBuffer('image/jpeg');
    const tiff = exifBlock(
      {
        0x010f: { type: 2, data: 'Fictocam' },
        0x0110: { type: 2, data: 'FC-200' },
        0x0112: { type: 3, data: 1 },
      },
      { 0x9003: { type: 2, data: '2023:04:05 14:30:00' } },
      {
        0x0001: { type: 2, data: 'N' },
        0x0002: dms(59.3293),
        0x0003: { type: 2, data: 'E' },
        0x0004: dms(18.0686),
      },
    );
    const bytes = withExif(jpeg, tiff);
    const doc = await parseImage(bytes, { ocr: { languages: ['eng'] } });
    expect(doc.mediaType).toBe('image/jpeg');
    expect(doc.metadata.exif).toMatchObject({ make: 'Fictocam', model: 'FC-200', orientation: 1 });
    expect(doc.publishedAt).toBe('2023-04-05');
    const gps = doc.metadata.gps as { lat: number; lon: number };
    expect(gps.lat).toBeCloseTo(59.3293, 3);
    expect(gps.lon).toBeCloseTo(18.0686, 3);
    expect(doc.text.toLowerCase()).toContain('overseas police station');
  });

  it.each([
    ['big-endian', false],
    ['little-endian', true],
  ])('turns a sideways photo upright before OCR (EXIF orientation 6, %s)', async (_, le) => {
    const upright = drawText(['Overseas police station']);
    const sideways = createCanvas(upright.height, upright.width);
    const ctx = sideways.getContext('2d');
    // Stored rotated 90° anticlockwise; orientation 6 tells the viewer to turn it clockwise.
    ctx.translate(0, upright.width);
    ctx.rotate(-Math.PI / 2);
    ctx.drawImage(upright, 0, 0);
    const tiff = exifBlock({ 0x0112: { type: 3, data: 6 } }, {}, {}, le);
    const doc = await parseImage(withExif(sideways.toBuffer('image/jpeg'), tiff), {
      ocr: { languages: ['eng'] },
    });
    expect((doc.metadata.exif as { orientation: number }).orientation).toBe(6);
    expect(doc.text.toLowerCase()).toContain('overseas police station');
  });

  it('reads a TIFF scan', async () => {
    const doc = await parseImage(toTiff(drawText(['Overseas police station'])), {
      ocr: { languages: ['eng'] },
    });
    expect(doc.mediaType).toBe('image/tiff');
    expect(doc.text.toLowerCase()).toContain('overseas police station');
  });

  it('keeps an image without text as a document with empty text', async () => {
    const canvas = createCanvas(200, 120);
    const ctx = canvas.getContext('2d');
    ctx.fillStyle = '#3a6ea5';
    ctx.fillRect(0, 0, 200, 120);
    const doc = await parseImage(canvas.toBuffer('image/png'), { ocr: { languages: ['eng'] } });
    expect(doc.text).toBe('');
    expect(doc.title).toBe('Image');
  });

  it('warns about a language without data and reads with the others', async () => {
    const png = drawText(['Overseas police station']).toBuffer('image/png');
    const doc = await parseImage(png, { ocr: { languages: ['eng', 'xqz'], tessdataDir: '/nonexistent' } });
    expect(doc.text.toLowerCase()).toContain('overseas police station');
    expect(doc.warnings).toEqual([
      {
        code: 'unavailable',
        message: 'OCR language not installed: xqz (install tesseract-ocr-xqz or set TESSDATA_PREFIX)',
        where: 'image',
      },
    ]);
  });

  it('recognises each format by its first bytes and reads the size from the header', () => {
    const canvas = drawText(['x'], '20px sans-serif', 123);
    for (const [type, mediaType] of [
      ['image/png', 'image/png'],
      ['image/jpeg', 'image/jpeg'],
      ['image/webp', 'image/webp'],
    ] as const) {
      const bytes = canvas.toBuffer(type as 'image/png');
      expect(imageParser.matches(bytes, {})).toBe(true);
      const format = imageFormat(bytes)!;
      expect(format.mediaType).toBe(mediaType);
      expect(imageSize(bytes, format)).toEqual({ width: 123, height: canvas.height });
    }
    expect(imageParser.matches(new TextEncoder().encode('GIF89a....'), {})).toBe(true);
    expect(imageParser.matches(new Uint8Array([0x49, 0x49, 0x2a, 0x00, 8, 0, 0, 0]), {})).toBe(true);
    expect(imageParser.matches(new TextEncoder().encode('PNG is not a PNG'), {})).toBe(false);
  });

  it('rejects a truncated image with a clear error and stays up for the next one', async () => {
    const png = drawText(['Overseas police station']).toBuffer('image/png');
    await expect(parseImage(png.subarray(0, 40), { ocr: { languages: ['eng'] } })).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(/PNG image cannot be decoded; the file is damaged or truncated/),
    });
    const doc = await parseImage(png, { ocr: { languages: ['eng'] } });
    expect(doc.text.toLowerCase()).toContain('overseas police station');
  });

  it('does not OCR an image whose header claims a huge size, and says why', async () => {
    const png = new Uint8Array(drawText(['x'], '20px sans-serif', 100).toBuffer('image/png'));
    new DataView(png.buffer).setUint32(16, 20_000);
    new DataView(png.buffer).setUint32(20, 20_000);
    const doc = await parseImage(png, { ocr: { languages: ['eng'] } });
    expect(doc.text).toBe('');
    expect(doc.warnings?.[0]).toMatchObject({ code: 'invalid_input', where: 'image' });
    expect(doc.warnings?.[0]?.message).toMatch(/too large for OCR \(20000×20000 pixels/);
  });

  it('ingests images, with and without text, through the pipeline', async () => {
    const t = await openTestCore();
    try {
      const blank = createCanvas(200, 120);
      blank.getContext('2d').fillRect(0, 0, 200, 120);
      const report = await t.core.services.ingest.ingestSources(
        [
          { path: 'sign.png', bytes: drawText(['Overseas police station']).toBuffer('image/png') },
          { path: 'blank.png', bytes: blank.toBuffer('image/png') },
        ],
        'test',
      );
      expect(report.failed).toEqual([]);
      expect(report.ingested.map((d) => d.path).sort()).toEqual(['blank.png', 'sign.png']);
    } finally {
      await t.close();
    }
  });
});

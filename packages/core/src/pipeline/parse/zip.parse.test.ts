import { Zip, ZipDeflate, strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../domain/errors.ts';
import type { ParsedDocument } from '../../domain/source.ts';
import { parseDocument } from './parse.stage.ts';
import { ZIP_LIMITS, checkZipLimits, readZipDirectory, type ZipEntry } from './zip.ts';

const failure = async (bytes: Uint8Array, depth = 0): Promise<AppError> => {
  const err = await parseDocument(bytes, { fileName: 'x.zip', depth }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
};

/** Sets the "encrypted" flag of the entry named `name` in its local header and central record. */
function markEncrypted(zip: Uint8Array, name: string): Uint8Array {
  const out = zip.slice();
  const view = new DataView(out.buffer);
  const entry = readZipDirectory(out).find((e) => e.name === name);
  if (!entry) {
    throw new Error(`no entry ${name}`);
  }
  view.setUint16(entry.localHeaderOffset + 6, view.getUint16(entry.localHeaderOffset + 6, true) | 1, true);
  for (let i = 0; i + 4 <= out.length; i++) {
    if (view.getUint32(i, true) === 0x02014b50 && view.getUint32(i + 42, true) === entry.localHeaderOffset) {
      view.setUint16(i + 8, view.getUint16(i + 8, true) | 1, true);
    }
  }
  return out;
}

/** A real deflated ZIP holding `megabytes` MiB of zeros, built in 1 MiB steps so the test stays small. */
function zeroBomb(megabytes: number): Uint8Array {
  const parts: Uint8Array[] = [];
  const zip = new Zip((err, chunk) => {
    if (err) {
      throw err;
    }
    parts.push(chunk);
  });
  const file = new ZipDeflate('zeros.bin', { level: 6 });
  zip.add(file);
  const mib = new Uint8Array(1024 * 1024);
  for (let i = 0; i < megabytes; i++) {
    file.push(mib, i === megabytes - 1);
  }
  zip.end();
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

describe('ZIP archives', () => {
  const archive = zipSync({
    'letters/': {},
    'letters/2022/summons.txt': strToU8('A letter asking her to return home for questioning.'),
    'letters/2022/notes.html': strToU8('<html><body><p>Meeting notes.</p></body></html>'),
    'README.txt': [strToU8('Files sent by a source.'), { level: 0 }],
  });

  it('lists the files and returns each as a child with its path inside', async () => {
    const doc = await parseDocument(archive, { fileName: 'bundle.zip' });
    expect(doc.mediaType).toBe('application/zip');
    expect(doc.title).toBe('bundle.zip');
    expect(doc.children?.map((c) => c.name).sort()).toEqual([
      'README.txt',
      'letters/2022/notes.html',
      'letters/2022/summons.txt',
    ]);
    const summons = doc.children?.find((c) => c.name.endsWith('summons.txt'));
    expect(new TextDecoder().decode(summons?.bytes)).toBe(
      'A letter asking her to return home for questioning.',
    );
    expect(doc.text).toContain('letters/2022/summons.txt (51 bytes)');
    expect(doc.text).not.toContain('letters/ (');
    expect(doc.metadata.archive).toMatchObject({ files: 3, read: 3, skipped: 0 });
    expect(doc.warnings).toBeUndefined();
  });

  it('skips an encrypted entry with one warning and keeps the rest', async () => {
    const doc = await parseDocument(markEncrypted(archive, 'letters/2022/notes.html'));
    expect(doc.children?.map((c) => c.name).sort()).toEqual(['README.txt', 'letters/2022/summons.txt']);
    expect(doc.warnings).toEqual([
      expect.objectContaining({ code: 'invalid_input', where: 'entry letters/2022/notes.html' }),
    ]);
    expect(doc.warnings?.[0]?.message).toMatch(/encrypted.*password/);
  });

  it('refuses a truncated archive with one clear error', async () => {
    const err = await failure(archive.slice(0, Math.floor(archive.length * 0.6)));
    expect(err.code).toBe('invalid_input');
    expect(err.message).toMatch(/ZIP archive is damaged or truncated.*complete copy/);
  });

  it('refuses a zip bomb before inflating it, with memory bounded', async () => {
    const bomb = zeroBomb(300);
    expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
    const err = await failure(bomb);
    expect(err.message).toMatch(/zeros\.bin expands \d+ times \(\d+ KiB → 300 MiB\).*zip bomb/);
    expect(process.memoryUsage().rss).toBeLessThan(1.5 * 1024 ** 3);
  }, 60_000);

  it('stops an entry that unpacks to more than it declares', async () => {
    const honest = zipSync({ 'big.txt': new Uint8Array(200_000).fill(0x41) });
    const lying = honest.slice();
    const view = new DataView(lying.buffer);
    const entry = readZipDirectory(honest)[0] as ZipEntry;
    // Declare 1,000 bytes instead of 200,000 in both headers.
    view.setUint32(entry.localHeaderOffset + 22, 1000, true);
    for (let i = 0; i + 4 <= lying.length; i++) {
      if (view.getUint32(i, true) === 0x02014b50) {
        view.setUint32(i + 24, 1000, true);
      }
    }
    const doc = await parseDocument(lying);
    expect(doc.children).toEqual([]);
    expect(doc.warnings?.[0]?.message).toMatch(/more than its declared 1000 bytes/);
  });

  it('checks total, entry and ratio limits on declared sizes', () => {
    const entry = (size: number, compressedSize: number): ZipEntry => ({
      name: 'e',
      isDirectory: false,
      encrypted: false,
      method: 8,
      compressedSize,
      size,
      crc32: 0,
      localHeaderOffset: 0,
    });
    expect(() => checkZipLimits([entry(600 * 1024 ** 2, 500 * 1024 ** 2)])).toThrow(/limit for one entry/);
    expect(() =>
      checkZipLimits(Array.from({ length: 5 }, () => entry(500 * 1024 ** 2, 400 * 1024 ** 2))),
    ).toThrow(/2\.0 GiB limit/);
    expect(() => checkZipLimits([entry(50 * 1024 ** 2, 1024)])).toThrow(/zip bomb/);
    expect(() => checkZipLimits([entry(5 * 1024 ** 2, 1024)])).not.toThrow();
  });

  it('names 7z archives as unsupported', async () => {
    const sevenZip = new Uint8Array([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c, 0, 4, 1, 2, 3, 4]);
    const err = await failure(sevenZip);
    expect(err.message).toMatch(/7z archive \(not supported: repack it as zip\)/);
  });

  it('stops at the nesting limit in a 10-level nested archive', async () => {
    let bytes: Uint8Array = strToU8('The innermost file.');
    for (let level = 10; level >= 1; level--) {
      bytes = zipSync({ [`level-${level}.${level === 10 ? 'txt' : 'zip'}`]: bytes });
    }
    let depth = 0;
    let doc: ParsedDocument | undefined;
    for (;;) {
      doc = await parseDocument(bytes, { depth }).catch(() => undefined);
      if (!doc) {
        break;
      }
      const child = doc.children?.[0];
      expect(child?.name).toBe(`level-${depth + 1}.zip`);
      bytes = child?.bytes ?? new Uint8Array();
      depth++;
    }
    expect(depth).toBe(ZIP_LIMITS.depth);
    const err = await failure(bytes, depth);
    expect(err.message).toBe('archive nested more than 8 levels deep; unpack it by hand');
  });
});

import { Inflate } from 'fflate';
import iconv from 'iconv-lite';
import { invalidInput } from '../../domain/errors.ts';

/** One entry of a ZIP central directory, read without inflating anything. */
export interface ZipEntry {
  name: string;
  isDirectory: boolean;
  encrypted: boolean;
  /** 0 stored, 8 deflate; anything else is not read. */
  method: number;
  compressedSize: number;
  size: number;
  crc32: number;
  localHeaderOffset: number;
}

/** Limits against zip bombs, checked on the declared sizes before anything is inflated. */
export const ZIP_LIMITS = {
  totalBytes: 2 * 1024 ** 3,
  entryBytes: 512 * 1024 ** 2,
  ratio: 200,
  /** The ratio limit applies to entries larger than this. */
  ratioMinBytes: 10 * 1024 ** 2,
  depth: 8,
};

export const isZip = (bytes: Uint8Array): boolean =>
  bytes[0] === 0x50 &&
  bytes[1] === 0x4b &&
  (bytes[2] === 0x03 || bytes[2] === 0x05) &&
  bytes[3] === bytes[2] + 1;

/**
 * A password-protected DOCX/XLSX/PPTX: Office wraps the encrypted package in an OLE2 compound file
 * with an `EncryptedPackage` stream.
 */
export function isEncryptedOffice(bytes: Uint8Array): boolean {
  const ole = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
  if (!ole.every((b, i) => bytes[i] === b)) {
    return false;
  }
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(
    Buffer.from('EncryptedPackage', 'utf16le'),
  );
}

export const encryptedOffice = (fileName: string | undefined): Error =>
  invalidInput(
    `the document ${fileName ?? ''} is password-protected; open it with the password, save an unprotected copy and ingest that`,
  );

const damaged = (what: string): Error =>
  invalidInput(`the ZIP archive is damaged or truncated (${what}); get a complete copy of the file`);

/** The entries of a ZIP archive from its central directory. @throws invalid_input when it is damaged */
export function readZipDirectory(bytes: Uint8Array): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) {
    throw damaged('no central directory at the end');
  }
  let count = view.getUint16(eocd + 10, true);
  let dirOffset = view.getUint32(eocd + 16, true);
  if (count === 0xffff || dirOffset === 0xffffffff) {
    // ZIP64: the locator just before the end record points at the ZIP64 end record.
    const locator = eocd - 20;
    if (locator < 0 || view.getUint32(locator, true) !== 0x07064b50) {
      throw damaged('ZIP64 end record missing');
    }
    const end64 = Number(view.getBigUint64(locator + 8, true));
    if (end64 + 56 > bytes.length || view.getUint32(end64, true) !== 0x06064b50) {
      throw damaged('ZIP64 end record out of range');
    }
    count = Number(view.getBigUint64(end64 + 32, true));
    dirOffset = Number(view.getBigUint64(end64 + 48, true));
  }
  const entries: ZipEntry[] = [];
  let p = dirOffset;
  for (let n = 0; n < count; n++) {
    if (p + 46 > bytes.length || view.getUint32(p, true) !== 0x02014b50) {
      throw damaged(`central directory entry ${n + 1} of ${count} is missing`);
    }
    const flags = view.getUint16(p + 8, true);
    const method = view.getUint16(p + 10, true);
    const crc32 = view.getUint32(p + 16, true);
    let compressedSize = view.getUint32(p + 20, true);
    let size = view.getUint32(p + 24, true);
    const nameLength = view.getUint16(p + 28, true);
    const extraLength = view.getUint16(p + 30, true);
    const commentLength = view.getUint16(p + 32, true);
    let localHeaderOffset = view.getUint32(p + 42, true);
    const end = p + 46 + nameLength + extraLength + commentLength;
    if (end > bytes.length) {
      throw damaged(`central directory entry ${n + 1} runs past the end`);
    }
    const rawName = bytes.subarray(p + 46, p + 46 + nameLength);
    // Bit 11: the name is UTF-8; otherwise it is in the old DOS code page.
    const name =
      flags & 0x800 ? new TextDecoder().decode(rawName) : iconv.decode(Buffer.from(rawName), 'cp437');
    // ZIP64 extra field: 64-bit values for the fields that hold 0xffffffff, in this order.
    for (let x = p + 46 + nameLength; x + 4 <= p + 46 + nameLength + extraLength;) {
      const id = view.getUint16(x, true);
      const len = view.getUint16(x + 2, true);
      if (id === 0x0001) {
        let q = x + 4;
        if (size === 0xffffffff) {
          size = Number(view.getBigUint64(q, true));
          q += 8;
        }
        if (compressedSize === 0xffffffff) {
          compressedSize = Number(view.getBigUint64(q, true));
          q += 8;
        }
        if (localHeaderOffset === 0xffffffff) {
          localHeaderOffset = Number(view.getBigUint64(q, true));
        }
      }
      x += 4 + len;
    }
    entries.push({
      name,
      isDirectory: name.endsWith('/'),
      encrypted: (flags & 1) === 1,
      method,
      compressedSize,
      size,
      crc32,
      localHeaderOffset,
    });
    p = end;
  }
  return entries;
}

/**
 * Refuses an archive whose declared sizes make it a zip bomb, before inflating anything.
 * @throws invalid_input naming the limit and the entry
 */
export function checkZipLimits(entries: ZipEntry[]): void {
  const gib = (n: number): string => `${(n / 1024 ** 3).toFixed(1)} GiB`;
  const mib = (n: number): string => `${Math.round(n / 1024 ** 2)} MiB`;
  const human = (n: number): string => (n < 1024 ** 2 ? `${Math.ceil(n / 1024)} KiB` : mib(n));
  let total = 0;
  for (const e of entries) {
    total += e.size;
    if (e.size > ZIP_LIMITS.entryBytes) {
      throw invalidInput(
        `the ZIP entry ${e.name} would unpack to ${mib(e.size)}, more than the ${mib(ZIP_LIMITS.entryBytes)} limit for one entry; unpack it by hand and ingest the files`,
        { entry: e.name, size: e.size },
      );
    }
    const ratio = e.size / Math.max(1, e.compressedSize);
    if (e.size > ZIP_LIMITS.ratioMinBytes && ratio > ZIP_LIMITS.ratio) {
      throw invalidInput(
        `the ZIP entry ${e.name} expands ${Math.round(ratio)} times (${human(e.compressedSize)} → ${human(e.size)}): this looks like a zip bomb and the archive is not unpacked`,
        { entry: e.name, size: e.size, compressedSize: e.compressedSize },
      );
    }
  }
  if (total > ZIP_LIMITS.totalBytes) {
    throw invalidInput(
      `the ZIP archive would unpack to ${gib(total)}, more than the ${gib(ZIP_LIMITS.totalBytes)} limit; unpack it by hand and ingest the files in parts`,
      { size: total },
    );
  }
}

const CRC_TABLE = (() => {
  const t = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) {
      c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    }
    t[n] = c;
  }
  return t;
})();

function crc32(data: Uint8Array): number {
  let c = -1;
  for (const b of data) {
    c = (CRC_TABLE[(c ^ b) & 0xff] ?? 0) ^ (c >>> 8);
  }
  return (c ^ -1) >>> 0;
}

/**
 * The bytes of one entry, inflated in 64 KiB steps so that an entry that lies about its size
 * is stopped as soon as it passes the declared size.
 * @throws Error (a short reason) when the entry cannot be read; callers turn it into a warning
 */
export function readZipEntry(bytes: Uint8Array, entry: ZipEntry): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = entry.localHeaderOffset;
  if (at + 30 > bytes.length || view.getUint32(at, true) !== 0x04034b50) {
    throw new Error('its local header is missing (the archive is truncated or damaged)');
  }
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  if (start + entry.compressedSize > bytes.length) {
    throw new Error('its data runs past the end of the archive (truncated)');
  }
  const data = bytes.subarray(start, start + entry.compressedSize);
  let out: Uint8Array;
  if (entry.method === 0) {
    out = data.slice();
  } else if (entry.method === 8) {
    out = new Uint8Array(entry.size);
    let filled = 0;
    let overflow = false;
    const inflate = new Inflate((chunk) => {
      if (filled + chunk.length > out.length) {
        overflow = true;
        return;
      }
      out.set(chunk, filled);
      filled += chunk.length;
    });
    const step = 64 * 1024;
    for (let i = 0; i < data.length && !overflow; i += step) {
      inflate.push(data.subarray(i, i + step), i + step >= data.length);
    }
    if (overflow) {
      throw new Error(`it unpacks to more than its declared ${entry.size} bytes (a zip bomb or damage)`);
    }
    if (filled !== entry.size) {
      throw new Error(`it unpacks to ${filled} bytes, not the declared ${entry.size} (damaged)`);
    }
  } else {
    throw new Error(
      `it uses compression method ${entry.method}, which this version does not read (only stored and deflate)`,
    );
  }
  if (crc32(out) !== entry.crc32) {
    throw new Error('its checksum does not match (the data is damaged)');
  }
  return out;
}

/** The entry with this exact name, inflated, or null when there is none. */
export function readZipFile(bytes: Uint8Array, entries: ZipEntry[], name: string): Uint8Array | null {
  const entry = entries.find((e) => e.name === name);
  return entry ? readZipEntry(bytes, entry) : null;
}

/** The entries of a ZIP package, or null when the bytes are not a readable ZIP (format sniffing). */
export function listZipEntries(bytes: Uint8Array): ZipEntry[] | null {
  if (!isZip(bytes)) {
    return null;
  }
  try {
    return readZipDirectory(bytes);
  } catch {
    return null;
  }
}

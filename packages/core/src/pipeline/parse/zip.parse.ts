import { invalidInput } from '../../domain/errors.ts';
import type { ChildFile, ParseHints, ParsedDocument, ParseWarning } from '../../domain/source.ts';
import type { Parser } from './parser.ts';
import { ZIP_LIMITS, checkZipLimits, isZip, readZipDirectory, readZipEntry } from './zip.ts';

/** Refuses a container that sits too deep inside others (archives in archives in …). */
export function checkDepth(hints: ParseHints): void {
  if ((hints.depth ?? 0) >= ZIP_LIMITS.depth) {
    throw invalidInput(`archive nested more than ${ZIP_LIMITS.depth} levels deep; unpack it by hand`, {
      depth: hints.depth,
    });
  }
}

/**
 * A ZIP archive: the text lists its files; each file becomes a child with its path inside the
 * archive as name. Sizes are checked on the central directory before anything is inflated (zip
 * bombs are refused whole); encrypted or unreadable entries are skipped with one warning each.
 * @throws invalid_input for damaged archives, zip bombs and archives nested too deep
 */
export function parseZip(bytes: Uint8Array, hints: ParseHints = {}): ParsedDocument {
  checkDepth(hints);
  const entries = readZipDirectory(bytes);
  checkZipLimits(entries);
  const files = entries.filter((e) => !e.isDirectory);
  if (files.length === 0) {
    throw invalidInput('the ZIP archive holds no files: there is nothing to ingest');
  }
  const children: ChildFile[] = [];
  const warnings: ParseWarning[] = [];
  const lines: string[] = [];
  let total = 0;
  for (const entry of files) {
    const where = `entry ${entry.name}`;
    lines.push(`${entry.name} (${entry.size} bytes)`);
    total += entry.size;
    if (entry.encrypted) {
      warnings.push({
        code: 'invalid_input',
        message: `${entry.name} is encrypted and was skipped; unpack it with its password and ingest it`,
        where,
      });
      continue;
    }
    try {
      children.push({ name: entry.name, bytes: readZipEntry(bytes, entry) });
    } catch (e) {
      warnings.push({
        code: 'invalid_input',
        message: `${entry.name} was skipped: ${(e as Error).message}`,
        where,
      });
    }
  }
  const baseName = hints.fileName?.split(/[\\/]/).pop();
  const text = [`ZIP archive with ${files.length} file(s):`, ...lines].join('\n');
  return {
    mediaType: 'application/zip',
    title: baseName || `ZIP archive (${files.length} files)`,
    text,
    url: null,
    outlet: null,
    author: null,
    publishedAt: null,
    metadata: {
      archive: {
        files: files.length,
        unpackedBytes: total,
        read: children.length,
        skipped: files.length - children.length,
      },
    },
    children,
    ...(warnings.length ? { warnings } : {}),
  };
}

export const zipParser: Parser = {
  name: 'zip',
  matches: (bytes) => isZip(bytes),
  parse: (bytes, hints) => parseZip(bytes, hints),
};

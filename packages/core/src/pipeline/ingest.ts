import { lstat, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError, type ErrorCode } from '../domain/errors.ts';
import { toDocumentIdFromSha256, type DocumentId } from '../domain/ids.ts';
import type { Reliability, Sensitivity, SourceKind } from '../domain/source.ts';
import type { BlobStore } from '../store/blob.store.ts';
import { sha256Hex } from '../store/blob.store.ts';
import type { Db } from '../store/db.ts';
import { findDocumentIdBySha256, insertDocument, insertDocumentFile } from '../store/documents.store.ts';
import { detectLanguage } from './language.ts';
import { parseDocument } from './parse/parse.stage.ts';

export interface IngestDeps {
  db: Db;
  blobs: BlobStore;
}

export interface SourceFile {
  /** As the user named it (relative paths stay relative); recorded with the document. */
  path: string;
  bytes: Uint8Array;
  /** Known facts that override what the parser finds (demo records, importers). */
  known?: Partial<{
    title: string;
    language: string;
    url: string;
    outlet: string;
    publishedAt: string;
    sourceKind: SourceKind;
    reliability: Reliability;
    sensitivity: Sensitivity;
    metadata: Record<string, unknown>;
  }>;
}

export type IngestOutcome =
  | { status: 'ingested'; id: DocumentId; sha256: string; language: string; title: string }
  | { status: 'duplicate'; id: DocumentId; of: DocumentId };

/** One file, top to bottom: hash → parse → language → keep the original → one transaction. */
export async function ingestFile(file: SourceFile, deps: IngestDeps): Promise<IngestOutcome> {
  const sha256 = sha256Hex(file.bytes);
  const existing = await findDocumentIdBySha256(deps.db, sha256);
  if (existing) {
    await insertDocumentFile(deps.db, existing, file.path);
    return { status: 'duplicate', id: existing, of: existing };
  }
  const parsed = await parseDocument(file.bytes);
  const known = file.known ?? {};
  const language = known.language ?? (await detectLanguage(`${parsed.title}\n${parsed.text}`));
  deps.blobs.put(file.bytes);
  const id = toDocumentIdFromSha256(sha256);
  const title = known.title ?? parsed.title;
  const inserted = await deps.db.transaction(async (tx) => {
    const fresh = await insertDocument(tx, {
      id,
      sha256,
      title,
      text: parsed.text,
      language,
      mediaType: parsed.mediaType,
      sourceKind: known.sourceKind ?? 'document',
      url: known.url ?? parsed.url,
      outlet: known.outlet ?? parsed.outlet,
      author: parsed.author,
      publishedAt: known.publishedAt ?? parsed.publishedAt,
      reliability: known.reliability ?? null,
      sensitivity: known.sensitivity ?? 'internal',
      byteSize: file.bytes.length,
      metadata: { ...parsed.metadata, ...known.metadata },
    });
    await insertDocumentFile(tx, id, file.path);
    return fresh;
  });
  return inserted ? { status: 'ingested', id, sha256, language, title } : { status: 'duplicate', id, of: id };
}

export interface IngestReport {
  ingested: { path: string; id: DocumentId; sha256: string; language: string; title: string }[];
  duplicates: { path: string; id: DocumentId; of: DocumentId }[];
  failed: { path: string; code: ErrorCode; message: string }[];
}

export type FileEntry = { path: string } | { path: string; error: { code: ErrorCode; message: string } };

const describeFsError = (e: unknown): { code: ErrorCode; message: string } => {
  const err = e as NodeJS.ErrnoException;
  switch (err.code) {
    case 'ENOENT':
      return { code: 'not_found', message: 'no such file or folder; check the path' };
    case 'EACCES':
    case 'EPERM':
      return { code: 'forbidden', message: 'permission denied; give the user running longarm read access' };
    case 'EISDIR':
      return { code: 'invalid_input', message: 'this is a folder, not a file' };
    default:
      return { code: 'internal', message: `cannot read it: ${err.message}` };
  }
};

/** Files under the given paths, folders walked recursively; unreadable entries come back with their error. */
export async function* walkPaths(paths: string[]): AsyncGenerator<FileEntry> {
  for (const path of paths) {
    yield* walk(path);
  }
}

async function* walk(path: string): AsyncGenerator<FileEntry> {
  let info;
  try {
    info = await lstat(path);
  } catch (e) {
    yield { path, error: describeFsError(e) };
    return;
  }
  if (info.isSymbolicLink()) {
    yield {
      path,
      error: { code: 'invalid_input', message: 'symbolic links are not followed; ingest the target itself' },
    };
    return;
  }
  if (info.isDirectory()) {
    let names: string[];
    try {
      names = (await readdir(path)).sort();
    } catch (e) {
      yield { path, error: describeFsError(e) };
      return;
    }
    for (const name of names) {
      yield* walk(join(path, name));
    }
    return;
  }
  if (!info.isFile()) {
    yield { path, error: { code: 'invalid_input', message: 'not a regular file (device, socket or pipe)' } };
    return;
  }
  yield { path };
}

export interface BatchProgress {
  done: number;
  path: string;
}

/** Ingests one source into the report, turning any failure into a report entry. */
export async function ingestInto(
  report: IngestReport,
  path: string,
  load: () => Promise<SourceFile>,
  deps: IngestDeps,
): Promise<void> {
  try {
    const outcome = await ingestFile(await load(), deps);
    if (outcome.status === 'ingested') {
      const { id, sha256, language, title } = outcome;
      report.ingested.push({ path, id, sha256, language, title });
    } else {
      report.duplicates.push({ path, id: outcome.id, of: outcome.of });
    }
  } catch (e) {
    if (e instanceof AppError) {
      report.failed.push({ path, code: e.code, message: e.message });
    } else if ((e as NodeJS.ErrnoException).code) {
      report.failed.push({ path, ...describeFsError(e) });
    } else {
      // A parser bug must not stop the batch either; the report says so.
      report.failed.push({
        path,
        code: 'internal',
        message: `unexpected error: ${(e as Error).message}; please report this file`,
      });
    }
  }
}

export const emptyReport = (): IngestReport => ({ ingested: [], duplicates: [], failed: [] });

/** Ingests every file under the paths; one bad file never stops the batch. */
export async function ingestBatch(
  paths: string[],
  deps: IngestDeps,
  onProgress?: (p: BatchProgress) => void,
): Promise<IngestReport> {
  const report = emptyReport();
  let done = 0;
  for await (const entry of walkPaths(paths)) {
    if ('error' in entry) {
      report.failed.push({ path: entry.path, ...entry.error });
    } else {
      await ingestInto(
        report,
        entry.path,
        async () => ({ path: entry.path, bytes: await readFile(entry.path) }),
        deps,
      );
    }
    done++;
    onProgress?.({ done, path: entry.path });
  }
  return report;
}

import { lstat, readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { AppError, type ErrorCode } from '../domain/errors.ts';
import { toDocumentIdFromSha256, type DocumentId } from '../domain/ids.ts';
import type { ChildFile, ParseHints, Reliability, Sensitivity, SourceKind } from '../domain/source.ts';
import type { AsyncBlobStore } from '../store/blob.store.ts';
import type { Db } from '../store/db.ts';
import {
  insertDocumentFile,
  insertDocuments,
  insertDocumentFiles,
  insertSearchTerms,
  listDocumentIdsBySha256,
} from '../store/documents.store.ts';
import { sha256Hex, type PreparedDocument } from './prepare.ts';
import type { Preparer } from './preparer.ts';

export interface IngestDeps {
  db: Db;
  /** Folder of the content-addressed originals (`blobs/`); absent when they are stored in PostgreSQL. */
  blobRoot?: string;
  preparer: Preparer;
  /** Search terms this process already wrote (see insertSearchTerms). */
  knownTerms: Set<string>;
  /** OCR languages and an extra tessdata folder, from the configuration. */
  ocr?: ParseHints['ocr'];
  /** Where the writer keeps originals when the preparer does not (PostgreSQL mode, ingest of sources). */
  blobs?: AsyncBlobStore;
}

export interface SourceFile {
  /** As the user named it (relative paths stay relative); a child's is `parent!/path/inside`. */
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
  parentId?: DocumentId;
  /** Containers above this file (0 on disk). */
  depth?: number;
}

export interface IngestReport {
  ingested: { path: string; id: DocumentId; sha256: string; language: string; title: string }[];
  duplicates: { path: string; id: DocumentId; of: DocumentId }[];
  failed: { path: string; code: ErrorCode; message: string }[];
  /** Problems with parts of files that were ingested all the same (a page, a sheet, an entry). */
  warnings: { path: string; code: ErrorCode; message: string; where?: string }[];
}

export const emptyReport = (): IngestReport => ({ ingested: [], duplicates: [], failed: [], warnings: [] });

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

/** Something to ingest: a file to read, an unreadable entry, or bytes already in hand. */
export type IngestTask =
  | { path: string; load: () => Promise<SourceFile> }
  | { path: string; error: { code: ErrorCode; message: string } };

const CHUNK = 64;

const failureOf = (e: unknown): { code: ErrorCode; message: string } => {
  if (e instanceof AppError) {
    return { code: e.code, message: e.message };
  }
  if ((e as NodeJS.ErrnoException).code && typeof (e as NodeJS.ErrnoException).syscall === 'string') {
    return describeFsError(e);
  }
  // A parser bug must not stop the batch either; the report says so.
  return { code: 'internal', message: `unexpected error: ${(e as Error).message}; please report this file` };
};

interface Loaded {
  file: SourceFile;
  sha256: string;
}

interface Prepared {
  loaded: Loaded;
  result: PromiseSettledResult<PreparedDocument>;
  /** False when the database already had these bytes (another process wrote them meanwhile). */
  fresh?: boolean;
}

/**
 * Ingests tasks in chunks: read and hash, look up duplicates in one query, prepare (parse, language,
 * search text) in the preparer — worker threads when there are several — while the previous chunk
 * is written, then write each chunk in one transaction. Children (archive entries, attachments) are
 * queued as tasks of their own. One bad file never stops the batch.
 */
export async function ingestTasks(
  tasks: AsyncIterable<IngestTask> | Iterable<IngestTask>,
  deps: IngestDeps,
  onProgress?: (p: BatchProgress) => void,
): Promise<IngestReport> {
  const report = emptyReport();
  const children: IngestTask[] = [];
  // Hashes handed to the preparer in this run: a later copy is a duplicate even before it is written.
  const seen = new Set<string>();
  // Paths of such copies wait until their first copy is written.
  const pendingPaths: { id: DocumentId; path: string }[] = [];
  const flushPendingPaths = async (): Promise<void> => {
    for (const { id, path } of pendingPaths.splice(0)) {
      await insertDocumentFile(deps.db, id, path);
    }
  };
  const iterator: AsyncIterator<IngestTask> | Iterator<IngestTask> =
    Symbol.asyncIterator in tasks ? tasks[Symbol.asyncIterator]() : tasks[Symbol.iterator]();
  let exhausted = false;
  let done = 0;
  const progress = (path: string): void => {
    done++;
    onProgress?.({ done, path });
  };

  const nextChunk = async (): Promise<IngestTask[]> => {
    const chunk = children.splice(0, CHUNK);
    while (chunk.length < CHUNK && !exhausted) {
      const next = await iterator.next();
      if (next.done) {
        exhausted = true;
      } else {
        chunk.push(next.value);
      }
    }
    return chunk;
  };

  const persist = async (prepared: Prepared[]): Promise<void> => {
    const write = async (db: Db, items: Prepared[]): Promise<void> => {
      const ok = items.flatMap((item) =>
        item.result.status === 'fulfilled' ? [{ item, p: item.result.value }] : [],
      );
      const docs = ok.map(({ item, p }) => {
        const known = item.loaded.file.known ?? {};
        return {
          id: toDocumentIdFromSha256(p.sha256),
          sha256: p.sha256,
          title: known.title ?? p.parsed.title,
          text: p.parsed.text,
          language: p.language,
          mediaType: p.parsed.mediaType,
          sourceKind: known.sourceKind ?? 'document',
          url: known.url ?? p.parsed.url,
          outlet: known.outlet ?? p.parsed.outlet,
          author: p.parsed.author,
          publishedAt: known.publishedAt ?? p.parsed.publishedAt,
          reliability: known.reliability ?? null,
          sensitivity: known.sensitivity ?? 'internal',
          byteSize: p.byteSize,
          metadata: { ...p.parsed.metadata, ...known.metadata },
          searchTitle: p.searchTitle,
          searchText: p.searchText,
          searchRomanised: p.searchRomanised,
          parentId: item.loaded.file.parentId ?? null,
          pathInParent: item.loaded.file.parentId ? (item.loaded.file.path.split('!/').pop() ?? null) : null,
        };
      });
      const fresh = await insertDocuments(db, docs);
      await insertDocumentFiles(
        db,
        docs.map((d, i) => ({ id: d.id, path: ok[i]?.item.loaded.file.path ?? '' })),
      );
      const terms: string[] = [];
      ok.forEach(({ item, p }, i) => {
        item.fresh = fresh.has(docs[i]?.id ?? ('' as DocumentId));
        if (item.fresh) {
          terms.push(...p.terms);
        }
      });
      await insertSearchTerms(db, terms, deps.knownTerms);
    };
    if (deps.blobs) {
      for (const item of prepared) {
        if (item.result.status === 'fulfilled') {
          await deps.blobs.put(item.loaded.file.bytes);
        }
      }
    }
    try {
      await deps.db.transaction((tx) => write(tx, prepared));
    } catch {
      // One row the database refuses must not take the chunk down: write them one by one.
      for (const item of prepared) {
        try {
          await deps.db.transaction((tx) => write(tx, [item]));
        } catch (e) {
          item.result = { status: 'rejected', reason: e };
        }
      }
    }
    for (const { loaded, result, fresh } of prepared) {
      const path = loaded.file.path;
      if (result.status === 'rejected') {
        report.failed.push({ path, ...failureOf(result.reason) });
      } else if (fresh === false) {
        const id = toDocumentIdFromSha256(result.value.sha256);
        report.duplicates.push({ path, id, of: id });
      } else {
        const p = result.value;
        const id = toDocumentIdFromSha256(p.sha256);
        report.ingested.push({
          path,
          id,
          sha256: p.sha256,
          language: p.language,
          title: loaded.file.known?.title ?? p.parsed.title,
        });
        for (const w of p.parsed.warnings ?? []) {
          report.warnings.push({ path, ...w });
        }
        for (const child of p.parsed.children ?? []) {
          children.push(childTask(loaded.file, id, child));
        }
      }
      progress(path);
    }
  };

  let inflight: Promise<Prepared[]> | undefined;
  for (;;) {
    const chunk = await nextChunk();
    if (chunk.length === 0) {
      if (!inflight) {
        break;
      }
      await persist(await inflight);
      await flushPendingPaths();
      inflight = undefined;
      continue; // the last chunk may have queued children
    }
    const loaded: Loaded[] = [];
    for (const [i, result] of (
      await Promise.allSettled(chunk.map(async (t) => ('load' in t ? t.load() : undefined)))
    ).entries()) {
      const task = chunk[i];
      if (!task) {
        continue;
      }
      if ('error' in task) {
        report.failed.push({ path: task.path, ...task.error });
        progress(task.path);
      } else if (result.status === 'rejected') {
        report.failed.push({ path: task.path, ...failureOf(result.reason) });
        progress(task.path);
      } else if (result.value) {
        loaded.push({ file: result.value, sha256: sha256Hex(result.value.bytes) });
      }
    }
    const stored = await listDocumentIdsBySha256(
      deps.db,
      loaded.map((l) => l.sha256),
    );
    const toPrepare: Loaded[] = [];
    for (const l of loaded) {
      const existing =
        stored.get(l.sha256) ?? (seen.has(l.sha256) ? toDocumentIdFromSha256(l.sha256) : undefined);
      if (existing) {
        if (stored.has(l.sha256)) {
          await insertDocumentFile(deps.db, existing, l.file.path);
        } else {
          pendingPaths.push({ id: existing, path: l.file.path });
        }
        report.duplicates.push({ path: l.file.path, id: existing, of: existing });
        progress(l.file.path);
      } else {
        seen.add(l.sha256);
        toPrepare.push(l);
      }
    }
    const preparing = Promise.allSettled(
      toPrepare.map((l) =>
        deps.preparer.prepare({
          bytes: l.file.bytes,
          hints: {
            fileName: basename(l.file.path.split('!/').pop() ?? l.file.path),
            depth: l.file.depth ?? 0,
            ...(deps.ocr ? { ocr: deps.ocr } : {}),
          },
          language: l.file.known?.language,
          sha256: l.sha256,
          ...(deps.blobRoot ? { blobRoot: deps.blobRoot } : {}),
        }),
      ),
    ).then((results) => results.map((result, i) => ({ loaded: toPrepare[i] as Loaded, result })));
    if (inflight) {
      await persist(await inflight);
      await flushPendingPaths();
    }
    inflight = preparing;
  }
  return report;
}

function childTask(parent: SourceFile, parentId: DocumentId, child: ChildFile): IngestTask {
  const path = `${parent.path}!/${child.name}`;
  return {
    path,
    load: () => Promise.resolve({ path, bytes: child.bytes, parentId, depth: (parent.depth ?? 0) + 1 }),
  };
}

/** Tasks for every file under the given paths. */
export async function* tasksForPaths(paths: string[]): AsyncGenerator<IngestTask> {
  for await (const entry of walkPaths(paths)) {
    if ('error' in entry) {
      yield entry;
    } else {
      yield { path: entry.path, load: async () => ({ path: entry.path, bytes: await readFile(entry.path) }) };
    }
  }
}

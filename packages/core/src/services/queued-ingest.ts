import type { DocumentId, RunId } from '../domain/ids.ts';
import {
  emptyReport,
  ingestTasks,
  tasksForPaths,
  type IngestDeps,
  type IngestReport,
  type IngestTask,
} from '../pipeline/ingest.ts';
import { sha256Hex } from '../pipeline/prepare.ts';
import type { Preparer } from '../pipeline/preparer.ts';
import type { AsyncBlobStore } from '../store/blob.store.ts';
import type { Db } from '../store/db.ts';
import { insertDocumentFiles, listDocumentIdsBySha256 } from '../store/documents.store.ts';
import {
  countQueuedItems,
  insertQueuedItems,
  listRunItems,
  settleItems,
  workerName,
  type IngestJob,
  type IngestQueue,
  type RunItemOutcome,
} from '../store/queue.store.ts';

export interface QueueDeps {
  db: Db;
  blobs: AsyncBlobStore;
  queue: IngestQueue;
  preparer: Preparer;
  knownTerms: Set<string>;
  ocr?: IngestDeps['ocr'];
}

const CHUNK = 64;

/** What became of each path of a report, as run items. */
function toItems(report: IngestReport): RunItemOutcome[] {
  const warnings = new Map<string, IngestReport['warnings']>();
  for (const w of report.warnings) {
    warnings.set(w.path, [...(warnings.get(w.path) ?? []), w]);
  }
  return [
    ...report.ingested.map((i) => ({
      path: i.path,
      state: 'ingested' as const,
      sha256: i.sha256,
      outcome: {
        id: i.id,
        sha256: i.sha256,
        language: i.language,
        title: i.title,
        warnings: warnings.get(i.path) ?? [],
      },
    })),
    ...report.duplicates.map((d) => ({
      path: d.path,
      state: 'duplicate' as const,
      outcome: { id: d.id, of: d.of },
    })),
    ...report.failed.map((f) => ({
      path: f.path,
      state: 'failed' as const,
      outcome: { code: f.code, message: f.message },
    })),
  ];
}

/** Rebuilds a run's report from its settled items. */
export async function reportFromItems(db: Db, runId: RunId): Promise<IngestReport> {
  const report = emptyReport();
  for (const item of await listRunItems(db, runId)) {
    const o = item.outcome ?? {};
    if (item.state === 'ingested') {
      report.ingested.push({
        path: item.path,
        id: o.id as DocumentId,
        sha256: String(o.sha256),
        language: String(o.language),
        title: String(o.title),
      });
      for (const w of (o.warnings ?? []) as IngestReport['warnings']) {
        report.warnings.push(w);
      }
    } else if (item.state === 'duplicate') {
      report.duplicates.push({ path: item.path, id: o.id as DocumentId, of: o.of as DocumentId });
    } else if (item.state === 'failed') {
      report.failed.push({
        path: item.path,
        code: o.code as IngestReport['failed'][number]['code'],
        message: String(o.message),
      });
    }
  }
  return report;
}

/**
 * A batch of jobs, taken by any worker: the same pipeline as a local ingest, reading originals
 * from the database; what happened to each file (and to files found inside it) settles its item.
 */
export async function workIngestJobs(jobs: IngestJob[], deps: QueueDeps): Promise<void> {
  const byRun = new Map<string, IngestJob[]>();
  for (const j of jobs) {
    byRun.set(j.runId, [...(byRun.get(j.runId) ?? []), j]);
  }
  for (const [runId, runJobs] of byRun) {
    const tasks: IngestTask[] = runJobs.map((j) => ({
      path: j.path,
      load: async () => ({ path: j.path, bytes: await deps.blobs.get(j.sha256) }),
    }));
    const report = await ingestTasks(tasks, {
      db: deps.db,
      preparer: deps.preparer,
      knownTerms: deps.knownTerms,
      ...(deps.ocr ? { ocr: deps.ocr } : {}),
    });
    await settleItems(deps.db, runId, toItems(report), workerName());
  }
}

/**
 * Ingest on PostgreSQL: read and hash the files here, keep new originals in the database, queue one
 * job per file, then work on the queue alongside any `longarm worker` processes until every file
 * of this run is settled. Duplicates and unreadable files are settled at once.
 */
export async function ingestQueued(
  runId: RunId,
  paths: string[],
  deps: QueueDeps,
  batchSize: number,
): Promise<IngestReport> {
  const enqueue = async (tasks: IngestTask[]): Promise<void> => {
    const settled: RunItemOutcome[] = [];
    const loaded: { path: string; bytes: Uint8Array; sha256: string }[] = [];
    for (const task of tasks) {
      if ('error' in task) {
        settled.push({ path: task.path, state: 'failed', outcome: { ...task.error } });
        continue;
      }
      try {
        const file = await task.load();
        loaded.push({ path: task.path, bytes: file.bytes, sha256: sha256Hex(file.bytes) });
      } catch (e) {
        const err = e as NodeJS.ErrnoException;
        const message =
          err.code === 'ENOENT'
            ? 'the file vanished before it could be read'
            : `cannot read it: ${err.message}`;
        settled.push({
          path: task.path,
          state: 'failed',
          outcome: { code: err.code === 'ENOENT' ? 'not_found' : 'internal', message },
        });
      }
    }
    const stored = await listDocumentIdsBySha256(
      deps.db,
      loaded.map((l) => l.sha256),
    );
    const fresh = loaded.filter((l) => !stored.has(l.sha256));
    for (const l of loaded) {
      const id = stored.get(l.sha256);
      if (id) {
        settled.push({ path: l.path, state: 'duplicate', outcome: { id, of: id } });
      }
    }
    await insertDocumentFiles(
      deps.db,
      loaded.flatMap((l) => {
        const id = stored.get(l.sha256);
        return id ? [{ id, path: l.path }] : [];
      }),
    );
    for (const l of fresh) {
      await deps.blobs.put(l.bytes);
    }
    await insertQueuedItems(deps.db, runId, fresh);
    await settleItems(deps.db, runId, settled, workerName());
    await deps.queue.send(fresh.map((l) => ({ runId, path: l.path, sha256: l.sha256 })));
  };

  let batch: IngestTask[] = [];
  for await (const task of tasksForPaths(paths)) {
    batch.push(task);
    if (batch.length >= CHUNK) {
      await enqueue(batch);
      batch = [];
    }
  }
  await enqueue(batch);
  await deps.queue.work((jobs) => workIngestJobs(jobs, deps), { batchSize });
  try {
    while ((await countQueuedItems(deps.db, runId)) > 0) {
      await new Promise((r) => setTimeout(r, 200));
    }
  } finally {
    await deps.queue.stopWork();
  }
  return reportFromItems(deps.db, runId);
}

import { AppError, notFound } from '../domain/errors.ts';
import { newRunId, type RunId } from '../domain/ids.ts';
import {
  ingestTasks,
  tasksForPaths,
  type BatchProgress,
  type IngestDeps,
  type IngestReport,
  type IngestTask,
  type SourceFile,
} from '../pipeline/ingest.ts';
import { createPreparer } from '../pipeline/preparer.ts';
import type { AsyncBlobStore } from '../store/blob.store.ts';
import type { Db } from '../store/db.ts';
import type { IngestQueue } from '../store/queue.store.ts';
import { finishRun, getRun, insertRun, listRuns, type RunRecord } from '../store/runs.store.ts';
import { ingestQueued, workIngestJobs } from './queued-ingest.ts';
import type { AuditService } from './audit.service.ts';
import { LOCAL_VIEWER } from '../domain/account.ts';

export interface IngestOptions {
  /** Worker threads for parsing; 1 parses in this thread. */
  workers?: number;
  /** Run the extraction stage on the new documents after indexing (default true). */
  extract?: boolean;
}

export interface WorkerHandle {
  stop(): Promise<void>;
}

export interface IngestService {
  /** Ingests files and folders; the run and its report are stored. */
  ingestPaths(
    paths: string[],
    onProgress?: (p: BatchProgress) => void,
    options?: IngestOptions,
  ): Promise<IngestReport & { runId: RunId }>;
  ingestSources(
    files: SourceFile[],
    command: string,
    options?: IngestOptions,
  ): Promise<IngestReport & { runId: RunId }>;
  listRuns(): Promise<RunRecord[]>;
  /** @throws not_found */
  getRun(id: string): Promise<RunRecord>;
  /**
   * Takes ingest jobs from the queue until stopped (`longarm worker`).
   * @throws invalid_input without a PostgreSQL server (the embedded database has no shared queue)
   */
  startWorker(options?: IngestOptions & { batchSize?: number }): Promise<WorkerHandle>;
}

export interface IngestServiceDeps {
  db: Db;
  /** Folder for originals when they live on this machine (embedded database). */
  blobRoot?: string;
  ocr?: IngestDeps['ocr'];
  /** On PostgreSQL: the shared queue and the originals in the database. */
  queued?: { openQueue: () => Promise<IngestQueue>; blobs: AsyncBlobStore };
  /** The stage after indexing (extraction), given the run's report; its problems come back as warnings. */
  afterIndex?: (report: IngestReport) => Promise<IngestReport['warnings']>;
  /** Every run is a write: it goes to the audit log, whoever started it (CLI, server, demo). */
  audit?: AuditService;
}

export function createIngestService({
  db,
  blobRoot,
  ocr,
  queued,
  afterIndex,
  audit,
}: IngestServiceDeps): IngestService {
  // Vocabulary this process has written, shared by its runs.
  const knownTerms = new Set<string>();
  const local = async (
    runId: RunId,
    tasks: AsyncIterable<IngestTask> | Iterable<IngestTask>,
    onProgress?: (p: BatchProgress) => void,
    options: IngestOptions = {},
  ): Promise<IngestReport> => {
    const preparer = createPreparer(options.workers ?? 1);
    try {
      const where = blobRoot ? { blobRoot } : queued ? { blobs: queued.blobs } : {};
      return await ingestTasks(
        tasks,
        { db, preparer, knownTerms, ...where, ...(ocr ? { ocr } : {}) },
        onProgress,
      );
    } finally {
      await preparer.close();
    }
  };
  const run = async (
    command: string,
    options: IngestOptions | undefined,
    body: (runId: RunId) => Promise<IngestReport>,
  ): Promise<IngestReport & { runId: RunId }> => {
    const runId = newRunId();
    await insertRun(db, runId, command);
    const report = await body(runId);
    if (afterIndex && options?.extract !== false) {
      report.warnings.push(...(await afterIndex(report)));
    }
    await finishRun(db, runId, { ...report });
    // Counts only: paths and file names can hold the names of the people in them.
    await audit?.append(LOCAL_VIEWER, {
      action: 'ingest.run',
      recordKind: 'run',
      recordId: runId,
      details: {
        ingested: report.ingested.length,
        duplicates: report.duplicates.length,
        failed: report.failed.length,
      },
    });
    return { ...report, runId };
  };
  return {
    ingestPaths: (paths, onProgress, options) =>
      run(`ingest ${paths.join(' ')}`, options, async (runId) => {
        if (!queued) {
          return local(runId, tasksForPaths(paths), onProgress, options);
        }
        const queue = await queued.openQueue();
        const preparer = createPreparer(options?.workers ?? 1);
        try {
          return await ingestQueued(
            runId,
            paths,
            { db, blobs: queued.blobs, queue, preparer, knownTerms, ...(ocr ? { ocr } : {}) },
            16,
          );
        } finally {
          await preparer.close();
          await queue.close();
        }
      }),
    ingestSources: (files, command, options) =>
      run(command, options, (runId) => {
        void runId;
        return local(
          runId,
          files.map((f) => ({ path: f.path, load: () => Promise.resolve(f) })),
        );
      }),
    listRuns: () => listRuns(db),
    async getRun(id) {
      const found = await getRun(db, id);
      if (!found) {
        throw notFound('run', id);
      }
      return found;
    },
    async startWorker(options = {}) {
      if (!queued) {
        throw new AppError(
          'invalid_input',
          'longarm worker needs a PostgreSQL server (DATABASE_URL); with the embedded database, ingest parses in worker threads of its own (--workers N)',
        );
      }
      const queue = await queued.openQueue();
      const preparer = createPreparer(options.workers ?? 1);
      const deps = { db, blobs: queued.blobs, queue, preparer, knownTerms, ...(ocr ? { ocr } : {}) };
      await queue.work((jobs) => workIngestJobs(jobs, deps), { batchSize: options.batchSize ?? 16 });
      return {
        async stop() {
          await queue.stopWork();
          await queue.close();
          await preparer.close();
        },
      };
    },
  };
}

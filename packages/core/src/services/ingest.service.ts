import { newRunId, type RunId } from '../domain/ids.ts';
import {
  ingestTasks,
  tasksForPaths,
  type BatchProgress,
  type IngestReport,
  type IngestDeps,
  type IngestTask,
  type SourceFile,
} from '../pipeline/ingest.ts';
import { createPreparer } from '../pipeline/preparer.ts';
import type { Db } from '../store/db.ts';
import { finishRun, insertRun, listRuns, type RunRecord } from '../store/runs.store.ts';

export interface IngestOptions {
  /** Worker threads for parsing; 1 parses in this thread. */
  workers?: number;
}

export interface IngestService {
  /** Ingests files and folders; the run and its report are stored. */
  ingestPaths(
    paths: string[],
    onProgress?: (p: BatchProgress) => void,
    options?: IngestOptions,
  ): Promise<IngestReport & { runId: RunId }>;
  ingestSources(files: SourceFile[], command: string): Promise<IngestReport & { runId: RunId }>;
  listRuns(): Promise<RunRecord[]>;
}

export function createIngestService({
  db,
  blobRoot,
  ocr,
}: {
  db: Db;
  blobRoot: string;
  ocr?: IngestDeps['ocr'];
}): IngestService {
  // Vocabulary this process has written, shared by its runs.
  const knownTerms = new Set<string>();
  const run = async (
    command: string,
    tasks: AsyncIterable<IngestTask> | Iterable<IngestTask>,
    onProgress?: (p: BatchProgress) => void,
    options: IngestOptions = {},
  ): Promise<IngestReport & { runId: RunId }> => {
    const runId = newRunId();
    await insertRun(db, runId, command);
    const preparer = createPreparer(options.workers ?? 1);
    try {
      const report = await ingestTasks(tasks, { db, blobRoot, preparer, knownTerms, ocr }, onProgress);
      await finishRun(db, runId, { ...report });
      return { ...report, runId };
    } finally {
      await preparer.close();
    }
  };
  return {
    ingestPaths: (paths, onProgress, options) =>
      run(`ingest ${paths.join(' ')}`, tasksForPaths(paths), onProgress, options),
    ingestSources: (files, command) =>
      run(
        command,
        files.map((f) => ({ path: f.path, load: () => Promise.resolve(f) })),
      ),
    listRuns: () => listRuns(db),
  };
}

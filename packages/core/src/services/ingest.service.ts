import { newRunId, type RunId } from '../domain/ids.ts';
import {
  emptyReport,
  ingestBatch,
  ingestInto,
  type BatchProgress,
  type IngestReport,
  type SourceFile,
} from '../pipeline/ingest.ts';
import type { BlobStore } from '../store/blob.store.ts';
import type { Db } from '../store/db.ts';
import { finishRun, insertRun, listRuns, type RunRecord } from '../store/runs.store.ts';

export interface IngestService {
  /** Ingests files and folders; the run and its report are stored. */
  ingestPaths(
    paths: string[],
    onProgress?: (p: BatchProgress) => void,
  ): Promise<IngestReport & { runId: RunId }>;
  ingestSources(files: SourceFile[], command: string): Promise<IngestReport & { runId: RunId }>;
  listRuns(): Promise<RunRecord[]>;
}

export function createIngestService({ db, blobs }: { db: Db; blobs: BlobStore }): IngestService {
  const deps = { db, blobs };
  return {
    async ingestPaths(paths, onProgress) {
      const runId = newRunId();
      await insertRun(db, runId, `ingest ${paths.join(' ')}`);
      const report = await ingestBatch(paths, deps, onProgress);
      await finishRun(db, runId, { ...report });
      return { ...report, runId };
    },
    async ingestSources(files, command) {
      const runId = newRunId();
      await insertRun(db, runId, command);
      const report = emptyReport();
      for (const file of files) {
        await ingestInto(report, file.path, () => Promise.resolve(file), deps);
      }
      await finishRun(db, runId, { ...report });
      return { ...report, runId };
    },
    listRuns: () => listRuns(db),
  };
}

import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { AppError, type ErrorCode } from '../domain/errors.ts';
import { prepareDocument, type PrepareJob, type PreparedDocument } from './prepare.ts';

/** Runs the CPU stage: in this thread, or in a pool of worker threads. */
export interface Preparer {
  readonly threads: number;
  prepare(job: PrepareJob): Promise<PreparedDocument>;
  close(): Promise<void>;
}

export const createInlinePreparer = (): Preparer => ({
  threads: 0,
  prepare: (job) => prepareDocument(job),
  close: () => Promise.resolve(),
});

/**
 * The worker entry next to this module: the TypeScript source under tsx/vitest (loaded through
 * tsx), or the bundled `prepare-worker.mjs` beside `dist/longarm.mjs`.
 */
function workerEntry(): { url: URL; execArgv: string[] } {
  const here = import.meta.url;
  return here.endsWith('.ts')
    ? { url: new URL('./prepare.worker.ts', here), execArgv: ['--import', 'tsx'] }
    : { url: new URL('./prepare-worker.mjs', here), execArgv: [] };
}

interface Pending {
  resolve: (p: PreparedDocument) => void;
  reject: (e: Error) => void;
}

/** `n` worker threads; jobs go to the least busy one. A crashed worker fails its jobs, not the batch. */
export function createThreadPreparer(n: number): Preparer {
  const count = Math.max(1, Math.min(n, availableParallelism() * 2));
  const entry = workerEntry();
  let nextId = 1;
  const pools = Array.from({ length: count }, () => {
    const worker = new Worker(entry.url, { execArgv: entry.execArgv });
    const pending = new Map<number, Pending>();
    worker.on(
      'message',
      (msg: {
        id: number;
        prepared?: PreparedDocument;
        error?: { code: string; message: string; app: boolean };
      }) => {
        const p = pending.get(msg.id);
        pending.delete(msg.id);
        if (!p) {
          return;
        }
        if (msg.prepared) {
          p.resolve(msg.prepared);
        } else {
          const err = msg.error ?? { code: 'internal', message: 'no answer', app: false };
          p.reject(err.app ? new AppError(err.code as ErrorCode, err.message) : new Error(err.message));
        }
      },
    );
    const failAll = (e: Error): void => {
      for (const p of pending.values()) {
        p.reject(new AppError('internal', `a parsing worker stopped: ${e.message}`));
      }
      pending.clear();
    };
    worker.on('error', failAll);
    worker.on('exit', (code) => failAll(new Error(`exit code ${code}`)));
    return { worker, pending };
  });
  return {
    threads: count,
    prepare(job) {
      const slot = pools.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
      const id = nextId++;
      return new Promise<PreparedDocument>((resolve, reject) => {
        slot.pending.set(id, { resolve, reject });
        slot.worker.postMessage({ id, job });
      });
    },
    async close() {
      await Promise.all(pools.map((p) => p.worker.terminate()));
    },
  };
}

export const createPreparer = (workers: number): Preparer =>
  workers > 1 ? createThreadPreparer(workers) : createInlinePreparer();

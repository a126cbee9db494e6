import { hostname } from 'node:os';
import { AppError } from '../domain/errors.ts';
import type { Db } from './db.ts';

export const INGEST_QUEUE = 'longarm-ingest';

/** One file of a run, waiting in pg-boss for any worker; its bytes are in blob_data. */
export interface IngestJob {
  runId: string;
  path: string;
  sha256: string;
}

export interface IngestQueue {
  send(jobs: IngestJob[]): Promise<void>;
  /** Takes jobs in batches until stopped; a throwing handler leaves the batch to be retried. */
  work(handler: (jobs: IngestJob[]) => Promise<void>, options: { batchSize: number }): Promise<void>;
  stopWork(): Promise<void>;
  close(): Promise<void>;
}

/** Names this process in run items, so a report shows which worker settled which file. */
export const workerName = (): string => `${hostname()}:${process.pid}`;

/**
 * The ingest queue on pg-boss, in the same PostgreSQL database (its own schema). Jobs that a killed
 * worker held come back after `expireInSeconds` and are retried.
 * @throws unavailable when pg-boss cannot start
 */
export async function openIngestQueue(url: string, schema = 'pgboss'): Promise<IngestQueue> {
  const { PgBoss } = await import('pg-boss');
  const boss = new PgBoss({ connectionString: url, schema, max: 4 });
  boss.on('error', () => undefined); // surfaced through the calls that fail
  try {
    await boss.start();
    await boss
      .createQueue(INGEST_QUEUE, { retryLimit: 3, retryDelay: 2, expireInSeconds: 300 })
      .catch(() => undefined);
  } catch (e) {
    throw new AppError(
      'unavailable',
      `the job queue (pg-boss) could not start: ${(e as Error).message}`,
      {},
      { cause: e },
    );
  }
  let workerId: string | undefined;
  return {
    async send(jobs) {
      for (let i = 0; i < jobs.length; i += 500) {
        await boss.insert(
          INGEST_QUEUE,
          jobs.slice(i, i + 500).map((data) => ({ data })),
        );
      }
    },
    async work(handler, { batchSize }) {
      workerId = await boss.work<IngestJob>(
        INGEST_QUEUE,
        { batchSize, pollingIntervalSeconds: 0.5, burstWhenBatchFull: batchSize > 1 },
        async (jobs) => {
          await handler(jobs.map((j) => j.data));
        },
      );
    },
    async stopWork() {
      if (workerId) {
        await boss.offWork(INGEST_QUEUE, { id: workerId, wait: true });
        workerId = undefined;
      }
    },
    close: () => boss.stop({ graceful: true, timeout: 10_000 }),
  };
}

export interface RunItemOutcome {
  path: string;
  state: 'ingested' | 'duplicate' | 'failed';
  sha256?: string;
  outcome: Record<string, unknown>;
}

export async function insertQueuedItems(
  db: Db,
  runId: string,
  items: { path: string; sha256: string }[],
): Promise<void> {
  if (items.length === 0) {
    return;
  }
  await db.query(
    `insert into ingest_run_items (run_id, path, sha256)
     select $1, p, s from unnest($2::text[], $3::text[]) as x(p, s) on conflict do nothing`,
    [runId, items.map((i) => i.path), items.map((i) => i.sha256)],
  );
}

/** Settles items (and adds child items) of a run with what happened to them. */
export async function settleItems(
  db: Db,
  runId: string,
  items: RunItemOutcome[],
  worker: string,
): Promise<void> {
  if (items.length === 0) {
    return;
  }
  await db.query(
    `insert into ingest_run_items (run_id, path, state, sha256, outcome, worker, updated_at)
     select $1, p, st, s, o::jsonb, $6, now() from unnest($2::text[], $3::text[], $4::text[], $5::text[]) as x(p, st, s, o)
     on conflict (run_id, path) do update
       set state = excluded.state, sha256 = coalesce(excluded.sha256, ingest_run_items.sha256),
           outcome = excluded.outcome, worker = excluded.worker, updated_at = now()`,
    [
      runId,
      items.map((i) => i.path),
      items.map((i) => i.state),
      items.map((i) => i.sha256 ?? null),
      items.map((i) => JSON.stringify(i.outcome)),
      worker,
    ],
  );
}

export async function countQueuedItems(db: Db, runId: string): Promise<number> {
  const rows = await db.query<{ n: number | string }>(
    "select count(*) as n from ingest_run_items where run_id = $1 and state = 'queued'",
    [runId],
  );
  return Number(rows[0]?.n ?? 0);
}

export async function listRunItems(
  db: Db,
  runId: string,
): Promise<
  { path: string; state: string; outcome: Record<string, unknown> | null; worker: string | null }[]
> {
  return db.query(
    'select path, state, outcome, worker from ingest_run_items where run_id = $1 order by path',
    [runId],
  );
}

import { toRunId, type RunId } from '../domain/ids.ts';
import type { Db } from './db.ts';

export interface RunRecord {
  id: RunId;
  command: string;
  startedAt: string;
  finishedAt: string | null;
  report: Record<string, unknown>;
}

export async function insertRun(db: Db, id: RunId, command: string): Promise<void> {
  await db.query('insert into ingest_runs (id, command) values ($1, $2)', [id, command]);
}

export async function finishRun(db: Db, id: RunId, report: Record<string, unknown>): Promise<void> {
  await db.query('update ingest_runs set finished_at = now(), report = $2::jsonb where id = $1', [
    id,
    JSON.stringify(report),
  ]);
}

export async function getRun(db: Db, id: string): Promise<RunRecord | undefined> {
  const rows = await db.query<RunRow>('select * from ingest_runs where id = $1', [id]);
  return rows[0] ? toRun(rows[0]) : undefined;
}

interface RunRow {
  id: string;
  command: string;
  started_at: string | Date;
  finished_at: string | Date | null;
  report: Record<string, unknown>;
}

const iso = (v: string | Date): string => new Date(v).toISOString();
const toRun = (r: RunRow): RunRecord => ({
  id: toRunId(r.id),
  command: r.command,
  startedAt: iso(r.started_at),
  finishedAt: r.finished_at ? iso(r.finished_at) : null,
  report: r.report,
});

export async function listRuns(db: Db, limit = 50): Promise<RunRecord[]> {
  const rows = await db.query<RunRow>('select * from ingest_runs order by started_at desc limit $1', [limit]);
  return rows.map(toRun);
}
